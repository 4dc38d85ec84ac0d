# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import OmsTelecomCase, create_utc_calendar


class TestRoutingReason(OmsTelecomCase):
    """When routing finds no division or nobody, the order says so; technical
    work only ever goes to technical departments and their technicians."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["telecom.coverage.area"].create(
            [
                {"division_id": division.id, "level": "city", "city": "Testville", "country_id": cls.country.id}
                for division in cls.division_sales | cls.division_technical
            ]
        )
        # No working hours: whoever is in the division can take an order whenever the test runs.
        cls.division_sales.resource_calendar_id = False
        cls.division_empty = cls.env["telecom.division"].create({"name": "Empty Desk", "kind": "sales"})
        cls.env["telecom.coverage.area"].create(
            {"division_id": cls.division_empty.id, "level": "city", "city": "Quietville", "country_id": cls.country.id}
        )

    def _premises(self, street, city="Testville"):
        return self.env["telecom.premises"].create(
            {"country_id": self.country.id, "city": city, "street": street, "house_number": "1"}
        )

    def _routed_order(self, premises, **values):
        Order = self.env["telecom.order"].with_user(self.user_operator)
        return Order.create({"premises_id": premises.id, "prospect_name": "Pat Prospect", **values})

    def test_routed_order_has_nothing_to_say(self):
        order = self._routed_order(self._premises("Rue Routée"))
        self.assertEqual(order.division_id, self.division_sales)
        self.assertTrue(order.user_id)
        self.assertFalse(order.routing_reason)

    def test_routing_assigns_without_an_e_mail_per_order(self):
        order = self._routed_order(self._premises("Rue Calme"))
        responsible = order.user_id.partner_id
        self.assertTrue(responsible)
        self.assertIn(responsible, order.message_partner_ids, "the responsible follows the order")

        def messages_to(partner):
            return self.env["mail.message"].search(
                [("model", "=", "telecom.order"), ("res_id", "=", order.id), ("partner_ids", "in", partner.ids)]
            )

        self.assertFalse(messages_to(responsible), "routing's choice: no 'assigned to you' e-mail")

    def test_no_division_is_said_and_logged(self):
        order = self._routed_order(self._premises("Nowhere Lane", city="Farawayville"))
        self.assertFalse(order.division_id)
        self.assertIn("No division operates Nowhere Lane 1", order.routing_reason)
        notes = order.message_ids.filtered(lambda message: "No division operates" in message.body)
        self.assertEqual(len(notes), 1)
        # Chosen by hand: the order has a division and a responsible, nothing more to say.
        order.write({"division_id": self.division_sales.id, "user_id": self.user_operator.id})
        self.assertFalse(order.routing_reason)

    def test_nobody_available_is_said(self):
        order = self._routed_order(
            self._premises("Silent Street", city="Quietville"),
            prospect_phone="+32 470 00 11 22",
            line_ids=[Command.create({"product_id": self.fiber_100.id})],
        )
        self.assertEqual(order.division_id, self.division_empty)
        self.assertFalse(order.user_id)
        self.assertIn("Nobody of Empty Desk is available", order.routing_reason)
        order.action_submit()
        self.assertTrue(order.attention_queue)
        self.assertEqual(order.attention_reason, "No responsible")

    def test_rerouting_to_nowhere_is_logged(self):
        order = self._routed_order(self._premises("Rue Routée"))
        order.premises_id = self._premises("Lost Road", city="Farawayville")
        self.assertFalse(order.division_id)
        self.assertTrue(any("No division operates Lost Road" in message.body for message in order.message_ids))

    def test_division_set_by_hand_is_not_routed(self):
        order = self._routed_order(
            self._premises("Nowhere Lane", city="Farawayville"), division_id=self.division_sales.id
        )
        self.assertTrue(order.division_manual)
        self.assertFalse(order.message_ids.filtered(lambda message: "No division" in message.body))

    def test_order_form_shows_the_reason(self):
        order = self._routed_order(self._premises("Nowhere Lane", city="Farawayville"))
        form = Form(order.with_user(self.user_operator))
        self.assertIn("No division operates", form.routing_reason)
        form.division_id = self.division_sales
        form.user_id = self.user_operator
        self.assertFalse(form.save().routing_reason)

    def test_unsaved_order_says_nothing_before_it_is_routed(self):
        form = Form(self.env["telecom.order"].with_user(self.user_operator))
        form.prospect_name = "Pat Prospect"
        form.premises_id = self._premises("Rue Neuve")
        self.assertFalse(form.routing_reason)
        order = form.save()
        self.assertEqual(order.division_id, self.division_sales)
        self.assertFalse(order.routing_reason)

    # Kinds: a sales division never receives technical work

    def test_default_division_of_another_kind_is_not_used(self):
        self.env.company.telecom_default_division_id = self.division_sales
        premises = self._premises("Far Street", city="Farawayville")
        router = self.env["telecom.router"]
        self.assertEqual(router._resolve_divisions(premises, "sales")[premises.id], (self.division_sales, False))
        self.assertFalse(router._resolve_divisions(premises, "technical")[premises.id][0])

    def test_work_order_needs_a_technical_department(self):
        order = self._create_order()
        order.action_submit()
        with self.assertRaisesRegex(ValidationError, "goes to a technical department"):
            self.env["telecom.work.order"].create({"order_id": order.id, "division_id": self.division_sales.id})
        work_order = self.env["telecom.work.order"].create({"order_id": order.id})
        self.assertEqual(work_order.division_id, self.division_technical)
        with self.assertRaisesRegex(ValidationError, "goes to a technical department"):
            work_order.division_id = self.division_sales

    def test_new_work_order_button_proposes_the_technical_department(self):
        order = self._create_order()
        order.action_submit()
        action = order.with_user(self.user_operator).action_create_work_order()
        self.assertEqual(action["context"]["default_division_id"], self.division_technical.id)

    def test_appointments_offer_technicians_only(self):
        calendar = create_utc_calendar(self.env, "Every day (UTC)", days=7)
        self.division_technical.write(
            {
                "resource_calendar_id": calendar.id,
                # An operator listed in a field team by mistake is no technician.
                "member_ids": [Command.set((self.user_technician | self.user_operator).ids)],
            }
        )
        start = fields.Datetime.now()
        slots = self.env["telecom.availability"]._free_slots(
            self.division_technical, start, fields.Datetime.add(start, days=3), 2.0
        )
        self.assertTrue(slots)
        self.assertEqual({slot["technician_id"] for slot in slots}, {self.user_technician.id})
        # A sales division has no technicians to offer.
        self.division_sales.resource_calendar_id = calendar
        self.assertFalse(
            self.env["telecom.availability"]._free_slots(
                self.division_sales, start, fields.Datetime.add(start, days=3), 2.0
            )
        )

    def test_technical_division_of_an_order_is_never_its_sales_division(self):
        order = self._create_order(premises=self._premises("Far Street", city="Farawayville"))
        self.assertEqual(order.division_id, self.division_sales)
        self.assertFalse(order._scenario_technical_division())
        order.premises_id = self._premises("Rue Technique")
        self.assertEqual(order._scenario_technical_division(), self.division_technical)
