# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestQualification(HttpCase):
    """The qualification engine against the demo: Northbridge is covered as a town,
    Lakeside by its postcode 55720, Hillcrest Road 1-99 (postcode 55722) by a
    house-number range that sells no Fiber 1000; the rest of 55722 is not covered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Qualification = cls.env["telecom.qualification"]
        cls.us = cls.env.ref("base.us")
        product = lambda xmlid: cls.env.ref(f"oms_telecom.{xmlid}").product_variant_id  # noqa: E731
        cls.fiber_100 = product("product_fiber_100")
        cls.fiber_500 = product("product_fiber_500")
        cls.fiber_1000 = product("product_fiber_1000")
        cls.static_ip = product("product_static_ip")
        cls.phone = product("product_home_phone")

    def _address(self, street, number, zip_code, city):
        return {"street": street, "house_number": number, "zip": zip_code, "city": city, "country_id": self.us.id}

    def _qualify(self, address, products, channel="web", **options):
        return self.Qualification._qualify_address(address, products, channel, **options)

    def test_covered_address_qualifies_with_the_earliest_installation(self):
        qualification = self._qualify(self._address("Elm Drive", "3", "55410", "Northbridge"), self.fiber_500)
        self.assertEqual(qualification.result, "qualified")
        self.assertTrue(qualification.covered)
        self.assertEqual(qualification.division_id, self.env.ref("oms_telecom.division_northbridge_field"))
        self.assertTrue(qualification.expected_date, "the field team's first free visit")
        self.assertEqual(qualification.item_ids.expected_date, qualification.expected_date)
        self.assertFalse(qualification.item_ids.reason)

    def test_most_specific_area_limits_the_offerings_and_proposes_a_lower_tier(self):
        qualification = self._qualify(
            self._address("Hillcrest Road", "40", "55722", "Lakeside"), self.fiber_1000 | self.phone
        )
        self.assertEqual(qualification.coverage_area_id, self.env.ref("oms_telecom.coverage_lakeside_field_hillcrest"))
        fiber, phone = qualification.item_ids
        self.assertEqual((fiber.result, fiber.reason_code), ("alternate", "not_sold_here"))
        self.assertEqual(fiber.alternative_ids[:2], self.fiber_500 | self.fiber_100, "nearest lower tier first")
        self.assertIn("Fiber 1000 is not available at this address", fiber.reason)
        self.assertEqual(phone.result, "qualified")
        self.assertEqual(qualification.result, "alternate")
        without = self._qualify(
            self._address("Hillcrest Road", "40", "55722", "Lakeside"), self.fiber_1000, provide_alternative=False
        )
        self.assertEqual((without.result, without.item_ids.alternative_ids), ("unqualified", self.fiber_1000.browse()))

    def test_uncovered_address_is_unqualified_with_the_reason(self):
        qualification = self._qualify(self._address("Hillcrest Road", "150", "55722", "Lakeside"), self.fiber_500)
        self.assertEqual(qualification.result, "unqualified")
        self.assertEqual(qualification.item_ids.reason_code, "not_covered")
        self.assertEqual(qualification.reason, "The address is not covered by our network yet.")
        self.assertFalse(qualification.expected_date or qualification.item_ids.alternative_ids)
        self.assertFalse(qualification.premises_id, "a question creates no premises")
        self.assertEqual((qualification.street, qualification.zip), ("Hillcrest Road", "55722"))

    def test_static_ip_needs_an_internet_access(self):
        address = self._address("Elm Drive", "5", "55410", "Northbridge")
        alone = self._qualify(address, self.static_ip)
        self.assertEqual((alone.result, alone.item_ids.reason_code), ("unqualified", "prerequisite_missing"))
        together = self._qualify(address, self.fiber_100 | self.static_ip)
        self.assertEqual(together.result, "qualified")
        # The subscriber's own live internet at their premises counts; a stranger's does not.
        home = self.env.ref("oms_telecom.premises_subscriber1")
        subscriber = self.env.ref("oms_telecom.partner_subscriber1")
        self.assertIn(
            "internet", home.service_ids.filtered(lambda s: s.state == "active").product_id.mapped("telecom_family")
        )
        own = self.Qualification._qualify(home, self.static_ip, "portal", partner=subscriber)
        self.assertEqual(own.result, "qualified")
        stranger = self.Qualification._qualify(home, self.static_ip, "web")
        self.assertEqual(stranger.result, "unqualified")

    def test_answer_never_tells_what_someone_has(self):
        """A live service at an address no area covers does not make it covered,
        and the answer speaks of the offerings asked for only."""
        lonely = self.env["telecom.premises"].create(self._address("Meadow Lane", "2", "55722", "Lakeside"))
        self.env["telecom.subscriber.service"].create(
            {
                "partner_id": self.env.ref("oms_telecom.partner_subscriber1").id,
                "premises_id": lonely.id,
                "product_id": self.fiber_1000.id,
                "state": "active",
            }
        )
        qualification = self._qualify(self._address("Meadow Lane", "2", "55722", "Lakeside"), self.phone)
        self.assertEqual(qualification.premises_id, lonely)
        self.assertEqual(qualification.result, "unqualified")
        self.assertEqual(qualification.item_ids.product_id, self.phone)
        self.assertNotIn("Fiber 1000", " ".join(qualification.item_ids.mapped("reason")))

    def test_same_question_same_answer(self):
        address = self._address("Hillcrest Road", "42", "55722", "Lakeside")
        first, second = (self._qualify(address, self.fiber_1000 | self.static_ip | self.phone) for _i in range(2))
        fields = ["product_id", "result", "reason", "alternative_ids", "expected_date"]
        self.assertEqual(
            [[item[name] for name in fields] for item in first.item_ids.read(fields)],
            [[item[name] for name in fields] for item in second.item_ids.read(fields)],
        )
        self.assertNotEqual(first, second, "each question is recorded")

    def test_every_qualification_is_recorded_with_channel_and_party(self):
        subscriber = self.env.ref("oms_telecom.partner_subscriber1")
        qualification = self._qualify(
            self._address("Oak Avenue", "30", "55410", "Northbridge"), self.fiber_500, "portal", partner=subscriber
        )
        self.assertEqual((qualification.channel, qualification.partner_id), ("portal", subscriber))
        self.assertIn("Oak Avenue 30", qualification.address)
        self.assertEqual(qualification.item_ids.item_ref, "1")

    def test_bad_input_is_refused_and_stores_nothing(self):
        before = self.Qualification.search_count([])
        address = self._address("Elm Drive", "3", "55410", "Northbridge")
        not_a_service = self.env["product.product"].create({"name": "Consulting", "type": "service"})
        many = self.env["product.product"].concat(*(self.fiber_100.copy({"name": f"Fiber {n}"}) for n in range(51)))
        for products, message in (
            (self.fiber_100.browse(), "at least one offering"),
            (not_a_service, "Unknown offering"),
            (many, "At most 50"),
        ):
            with self.assertRaisesRegex(UserError, message):
                self._qualify(address, products)
        with self.assertRaisesRegex(UserError, "house number"):
            self._qualify({**address, "house_number": ""}, self.fiber_100)
        self.assertEqual(self.Qualification.search_count([]), before)

    def test_clients_cannot_write_qualifications(self):
        operator = self.env.ref("oms_telecom.user_operator", raise_if_not_found=False) or self.env["res.users"].search(
            [("login", "=", "operator")]
        )
        qualification = self._qualify(self._address("Elm Drive", "3", "55410", "Northbridge"), self.fiber_100)
        self.assertTrue(qualification.with_user(operator).read(["result"]))
        with self.assertRaises(AccessError):
            qualification.with_user(operator).write({"result": "qualified"})
        with self.assertRaises(AccessError):
            self.Qualification.with_user(operator).create({"channel": "web", "result": "qualified"})
        portal = self.env["res.users"].search([("login", "=", "subscriber1")])
        with self.assertRaises(AccessError):
            qualification.with_user(portal).read(["result"])


@tagged("post_install", "-at_install")
class TestQualificationOrders(HttpCase):
    """Order intake asks the engine: an offering not sold at a covered address is
    refused with the reason and the alternatives; an uncovered address is
    accepted and waits for a feasibility study."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.operator = cls.env["res.users"].search([("login", "=", "operator")])
        cls.us = cls.env.ref("base.us")
        cls.fiber_1000 = cls.env.ref("oms_telecom.product_fiber_1000").product_variant_id
        cls.fiber_500 = cls.env.ref("oms_telecom.product_fiber_500").product_variant_id

    def _order(self, number, product):
        premises = self.env["telecom.premises"]._find_or_create(
            [
                {
                    "street": "Hillcrest Road",
                    "house_number": number,
                    "zip": "55722",
                    "city": "Lakeside",
                    "country_id": self.us.id,
                }
            ]
        )
        return (
            self.env["telecom.order"]
            .with_user(self.operator)
            .create(
                {
                    "order_type": "connection",
                    "prospect_name": "Ines Duarte",
                    "prospect_email": "ines@example.com",
                    "premises_id": premises.id,
                    "line_ids": [Command.create({"product_id": product.id})],
                }
            )
        )

    def test_offering_not_sold_here_refuses_the_order_with_the_alternatives(self):
        order = self._order("44", self.fiber_1000)
        with self.assertRaisesRegex(
            UserError, "Fiber 1000 is not available at this address. Available instead: Fiber 500"
        ):
            order.action_submit()
        self.assertEqual(order.state, "draft")

    def test_uncovered_address_is_accepted_for_a_feasibility_study(self):
        before = self.env["telecom.qualification"].search_count([])
        order = self._order("160", self.fiber_500)
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")
        self.assertTrue(order.uncovered_address, "flagged for the division that studies it")
        self.assertEqual(self.env["telecom.qualification"].search_count([]), before, "the order records the demand")

    def test_static_ip_alone_at_a_covered_address_is_refused(self):
        static_ip = self.env.ref("oms_telecom.product_static_ip").product_variant_id
        order = self._order("46", static_ip)
        with self.assertRaisesRegex(UserError, "Static IP needs a service of the Internet family"):
            order.action_submit()
        order.write({"line_ids": [Command.create({"product_id": self.fiber_500.id})]})
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")


@tagged("post_install", "-at_install")
class TestDemand(HttpCase):
    """Unserved demand from the qualifications; the leads a new coverage area covers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.us = cls.env.ref("base.us")
        cls.fiber_500 = cls.env.ref("oms_telecom.product_fiber_500").product_variant_id
        cls.manager = cls.env["res.users"].search([("login", "=", "manager")])
        cls.admin = cls.env.ref("base.user_admin")

    def test_address_statistics_show_the_demand_of_qualifications(self):
        Report = self.env["telecom.address.report"].with_user(self.manager)
        rows = Report.search([("street", "=", "Hillcrest Road"), ("unserved_count", ">", 0)])
        self.assertTrue(rows, "the demo's questions at the uncovered end of Hillcrest Road")
        totals = Report.read_group([("zip", "=", "55722")], ["unserved_count:sum"], ["zip"])
        self.assertGreaterEqual(totals[0]["unserved_count"], 3)
        demand = self.env["telecom.demand.report"].with_user(self.manager)
        by_offering = demand.read_group([("unserved_count", ">", 0)], ["unserved_count:sum"], ["product_id"])
        self.assertIn(self.fiber_500.id, [group["product_id"][0] for group in by_offering])
        by_street = demand.read_group([("zip", "=", "55722")], ["unserved_count:sum"], ["street"])
        self.assertIn("Hillcrest Road", [group["street"] for group in by_street])

    def test_leads_now_covered_are_listed_when_an_area_is_added(self):
        lead = self.env["telecom.coverage.lead"].search([("name", "=", "Nora Svensson")])
        self.assertEqual(lead.state, "waiting")
        area = (
            self.env["telecom.coverage.area"]
            .with_user(self.admin)
            .create(
                {
                    "division_id": self.env.ref("oms_telecom.division_lakeside_field").id,
                    "level": "house_range",
                    "country_id": self.us.id,
                    "city": "Lakeside",
                    "street": "Hillcrest Road",
                    "house_from": 100,
                    "house_to": 199,
                }
            )
        )
        self.assertEqual((lead.state, lead.covered_area_id), ("covered", area))
        self.assertEqual(area.covered_lead_count, 1)
        other = self.env["telecom.coverage.lead"].search([("name", "=", "Tom Becker")])
        self.assertEqual(other.state, "waiting", "Meadow Lane is still not covered")
        operator = self.env["res.users"].search([("login", "=", "operator")])
        lead.with_user(operator).action_mark_contacted()
        self.assertEqual(lead.state, "contacted")
        technician = self.env["res.users"].search([("login", "=", "technician")])
        with self.assertRaises(AccessError):
            other.with_user(technician).action_mark_contacted()
