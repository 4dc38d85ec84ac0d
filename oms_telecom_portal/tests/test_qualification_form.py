# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import HttpCase, tagged

COVERAGE_URL = "/telecom/order/coverage"
NOTIFY_URL = "/telecom/coverage/notify"
KEY = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"


@tagged("post_install", "-at_install")
class TestQualificationForm(HttpCase):
    """The public form asks the qualification engine, against the demo: the upper
    end of Hillcrest Road (55722 Lakeside) is not covered, its lower end sells
    no Fiber 1000."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.us = cls.env.ref("base.us")
        cls.fiber_500 = cls.env.ref("oms_telecom.product_fiber_500").product_variant_id
        cls.fiber_1000 = cls.env.ref("oms_telecom.product_fiber_1000").product_variant_id
        cls.Qualification = cls.env["telecom.qualification"]
        cls.env["ir.config_parameter"].set_param("oms_telecom_portal.coverage_rate_limit", "100/1m")

    def _rpc(self, url, params):
        response = self.url_open(
            url,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertNotIn("error", body, "no traceback for bad input")
        return body["result"]

    def _address(self, number):
        return {
            "street": "Hillcrest Road",
            "house_number": number,
            "zip": "55722",
            "city": "Lakeside",
            "country_id": str(self.us.id),
        }

    def test_checks_while_typing_are_one_recorded_qualification(self):
        before = self.Qualification.search_count([])
        for number in ("1", "15", "150"):
            answer = self._rpc(COVERAGE_URL, {"address": self._address(number), "check_key": KEY})
        self.assertFalse(answer["covered"])
        self.assertIn("Leave your contact details", answer["detail"])
        self.assertEqual(self.Qualification.search_count([]), before + 1)
        qualification = self.Qualification.search([], limit=1)
        self.assertEqual((qualification.channel, qualification.house_number), ("web", "150"))
        self.assertFalse(qualification.partner_id)
        # Checked before choosing: demand for the address, not for every offering of the catalogue.
        self.assertFalse(qualification.offerings_chosen)
        demand = self.env["telecom.demand.report"].search(
            [("street", "=", "Hillcrest Road"), ("date", ">=", qualification.date)]
        )
        self.assertEqual(
            demand.mapped(lambda row: (row.product_id, row.unserved_count)), [(self.fiber_500.browse(), 1)]
        )

    def test_chosen_offering_not_sold_here_gets_its_alternative(self):
        answer = self._rpc(
            COVERAGE_URL, {"address": self._address("40"), "product_ids": [self.fiber_1000.id], "check_key": KEY}
        )
        self.assertTrue(answer["covered"])
        self.assertIn("Fiber 1000 is not available at this address. Available instead: Fiber 500", answer["detail"])
        self.assertIn("Earliest installation", answer["detail"])
        self.assertIn("America/Chicago", answer["detail"], "the time where the visit happens, named")

    def test_answer_never_tells_what_a_household_has(self):
        """Subscriber 1's premises, with live services: a stranger's answer names
        what can be ordered there, never what is active."""
        home = self.env.ref("oms_telecom.premises_subscriber1")
        live = home.service_ids.filtered(lambda service: service.state == "active").product_id
        self.assertTrue(live)
        address = {
            "street": home.street,
            "house_number": home.house_number,
            "flat": home.flat,
            "zip": home.zip,
            "city": home.city,
            "country_id": str(home.country_id.id),
        }
        answer = self._rpc(COVERAGE_URL, {"address": address})
        neighbour = self._rpc(COVERAGE_URL, {"address": {**address, "flat": "9Z"}})
        self.assertEqual(answer, neighbour)
        self.assertNotIn("active", json.dumps(answer).lower())

    def test_prospect_leaves_contact_details(self):
        self._rpc(COVERAGE_URL, {"address": self._address("150"), "check_key": KEY})
        result = self._rpc(NOTIFY_URL, {"check_key": KEY, "name": "Lena Hoffmann", "email": "lena@example.com"})
        self.assertIn("lena@example.com", result["message"])
        lead = self.env["telecom.coverage.lead"].search([("email", "=", "lena@example.com")])
        self.assertEqual(
            (lead.name, lead.state, lead.address), ("Lena Hoffmann", "waiting", "Hillcrest Road 150, 55722 Lakeside")
        )
        self.assertFalse(lead.product_ids, "checked before choosing: no offering in particular")
        # Asking again for the same address is the same lead.
        self._rpc(COVERAGE_URL, {"address": self._address("150"), "check_key": KEY})
        self._rpc(NOTIFY_URL, {"check_key": KEY, "name": "Lena Hoffmann", "email": "lena@example.com"})
        self.assertEqual(self.env["telecom.coverage.lead"].search([("email", "=", "lena@example.com")]), lead)
        # The qualification a lead holds is kept when the form is typed in again.
        self._rpc(COVERAGE_URL, {"address": self._address("151"), "check_key": KEY})
        self.assertTrue(lead.qualification_id.exists())

    def test_bad_notify_requests_store_nothing(self):
        leads = self.env["telecom.coverage.lead"].search_count([])
        self._rpc(COVERAGE_URL, {"address": self._address("40"), "check_key": KEY})
        for params in (
            {"check_key": KEY, "name": "Covered", "email": "c@example.com"},
            {"check_key": "unknown-key-000000000", "name": "Nobody", "email": "n@example.com"},
            {"check_key": KEY, "name": "", "email": "not an e-mail"},
            {"name": ["x"], "email": {"a": 1}},
        ):
            result = self._rpc(NOTIFY_URL, params)
            self.assertTrue(result["errors"], params)
        self.assertEqual(self.env["telecom.coverage.lead"].search_count([]), leads)

    def test_tour_prospect_leaves_contact_and_manager_sees_the_demand(self):
        self.start_tour("/telecom/order", "oms_telecom_portal_coverage_lead")
        lead = self.env["telecom.coverage.lead"].search([("email", "=", "lena.hoffmann@example.com")])
        self.assertEqual(lead.qualification_id.house_number, "180")
        self.start_tour(
            "/odoo/action-oms_telecom.telecom_demand_report_action", "oms_telecom_demand_manager", login="manager"
        )
