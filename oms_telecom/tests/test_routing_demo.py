# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestRoutingDemo(TransactionCase):
    """The demo database shows routing first: both towns are covered, a new order
    in each goes to its town's team and to a person, the uncovered part of
    Hillcrest says so, and the field teams have free slots."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.us = cls.env.ref("base.us")
        cls.operator = cls.env.ref("oms_telecom.user_operator")
        cls.fiber = cls.env.ref("oms_telecom.product_fiber_100").product_variant_id

    def _ref(self, xmlid):
        return self.env.ref(f"oms_telecom.{xmlid}")

    def _new_order(self, street, house, city, zip_code, **values):
        premises = self.env["telecom.premises"]._find_or_create(
            [{"country_id": self.us.id, "city": city, "street": street, "house_number": house, "zip": zip_code}]
        )
        Order = self.env["telecom.order"].with_user(self.operator)
        return Order.create(
            {
                "premises_id": premises.id,
                "prospect_name": "Riley Prospect",
                "prospect_phone": "+1 612-555-0199",
                "line_ids": [Command.create({"product_id": self.fiber.id})],
                **values,
            }
        )

    def test_company_identity(self):
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Northstar Telecom")
        self.assertTrue(company.logo)
        self.assertEqual((company.city, company.zip), ("Northbridge", "55410"))

    def test_both_towns_are_covered(self):
        areas = self.env["telecom.coverage.area"].search([("country_id", "=", self.us.id)])
        self.assertEqual(
            set(areas.mapped("level")), {"city", "postcode", "street", "house_range", "premises"}, areas.mapped("name")
        )
        self.assertEqual(
            set(areas.division_id.mapped("kind")), {"sales", "technical", "support"}, areas.division_id.mapped("name")
        )

    def test_new_order_in_each_town_is_routed(self):
        northbridge = self._new_order("Birch Street", "5", "Northbridge", "55410")
        lakeside = self._new_order("Pine Street", "90", "Lakeside", "55720")
        business = self._new_order("Main Street", "7", "Northbridge", "55410")
        self.assertEqual(northbridge.division_id, self._ref("division_northbridge_sales"))
        self.assertEqual(lakeside.division_id, self._ref("division_lakeside_sales"))
        self.assertEqual(business.division_id, self._ref("division_business_sales"))
        for order in northbridge | lakeside | business:
            # The call centre works around the clock: someone takes the order whatever the hour.
            self.assertEqual(order.user_id, self.operator, order.premises_id.display_name)
            self.assertFalse(order.routing_reason)
            self.assertFalse(order.attention_queue)

    def test_problem_goes_to_support(self):
        order = self._new_order("Birch Street", "6", "Northbridge", "55410", order_type="problem", line_ids=[])
        self.assertEqual(order.division_id, self._ref("division_support"))
        self.assertEqual(order.user_id, self.operator)

    def test_uncovered_part_of_hillcrest_says_so(self):
        served = self._new_order("Hillcrest Road", "61", "Lakeside", "55722")
        self.assertEqual(served.division_id, self._ref("division_lakeside_sales"))
        order = self._new_order("Hillcrest Road", "150", "Lakeside", "55722")
        self.assertFalse(order.division_id)
        self.assertFalse(order.user_id)
        self.assertIn("No division operates Hillcrest Road 150", order.routing_reason)
        self.assertTrue(any("No division operates" in message.body for message in order.message_ids))
        order.action_submit()
        self.assertTrue(order.attention_queue)
        self.assertIn(order, self.env["telecom.order"].search([("attention_queue", "=", True)]))

    def test_technical_exception_for_the_hotel(self):
        router = self.env["telecom.router"]
        hotel = self._ref("premises_blue_heron_hotel")
        division, covered = router._resolve_divisions(hotel, "technical")[hotel.id]
        self.assertEqual(division, self._ref("division_northbridge_field"))
        self.assertTrue(covered)
        neighbour = self._ref("premises_nora_sullivan")  # Lakeshore Drive 140
        self.assertEqual(
            router._resolve_divisions(neighbour, "technical")[neighbour.id][0], self._ref("division_lakeside_field")
        )

    def test_field_teams_have_free_slots_of_technicians(self):
        start = fields.Datetime.now()
        technicians = self.env.ref("oms_telecom.group_oms_technician").users
        for xmlid in ("division_northbridge_field", "division_lakeside_field"):
            division = self._ref(xmlid)
            slots = self.env["telecom.availability"]._free_slots(division, start, start + timedelta(days=10), 2.0)
            self.assertTrue(slots, division.name)
            offered = self.env["res.users"].browse({slot["technician_id"] for slot in slots})
            self.assertLessEqual(offered, technicians)
            self.assertGreaterEqual(len(offered), 2, division.name)

    def test_visits_done_are_in_their_orders_history(self):
        """The demo's history is spread over past weeks: the visits done of an
        order took place while it was open, not when the demo was installed, and
        were reported done once they ended; their chatter says so too."""
        orders = self.env["telecom.order"].search(
            [("date_submitted", "!=", False), ("work_order_ids.date_done", "!=", False)]
        )
        visits = orders.work_order_ids.filtered(lambda wo: wo.date_done and wo.planned_end)
        self.assertTrue(visits.order_id.filtered("is_closed"))
        self.assertTrue(visits.order_id.filtered(lambda order: not order.is_closed))
        now = fields.Datetime.now()
        for visit in visits:
            order = visit.order_id
            self.assertGreaterEqual(visit.planned_start, order.date_submitted, visit.name)
            self.assertLessEqual(visit.planned_end, order.date_closed if order.is_closed else now, visit.name)
            self.assertLessEqual(visit.planned_end, visit.date_done, visit.name)
            # Its chatter ("Work Order created", its state changes) tells the same dates.
            for message in visit.message_ids:
                self.assertLessEqual(message.date, order.date_closed if order.is_closed else now, visit.name)
                self.assertGreaterEqual(message.date, order.create_date, visit.name)
