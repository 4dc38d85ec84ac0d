# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo.tests import tagged

from .common import PublicFormCase

COVERAGE_URL = "/telecom/order/coverage"


@tagged("post_install", "-at_install")
class TestCoverageCheck(PublicFormCase):
    """The coverage check of the order forms, answered as the address is typed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("oms_telecom_portal.coverage_rate_limit", "30/1m")
        cls.tmpl_business = cls._create_business_phone()

    def _check(self, params, status=200):
        response = self.url_open(
            COVERAGE_URL,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, status)
        body = response.json()
        self.assertNotIn("error", body, "no traceback for bad input")
        return body["result"]

    def _address(self, **values):
        return {
            "street": "Rue du Portail",
            "house_number": "7",
            "city": "Testville",
            "country_id": str(self.country.id),
            **values,
        }

    def test_covered_address(self):
        answer = self._check({"address": self._address(), "subscriber_kind": "individual"})
        self.assertTrue(answer["covered"])
        self.assertIn("covered by our network", answer["title"])
        self.assertIn("Portal Fiber 300", answer["services"])
        self.assertNotIn("Portal Business Phone", answer["services"], "offered to companies only")
        answer = self._check({"address": self._address(), "subscriber_kind": "company"})
        self.assertIn("Portal Business Phone", answer["services"])

    def test_uncovered_address(self):
        answer = self._check({"address": self._address(city="Farawayville")})
        self.assertFalse(answer["covered"])
        self.assertIn("not covered", answer["title"])
        self.assertEqual(answer["services"], [])

    def test_live_services_do_not_make_an_address_covered(self):
        """The other subscriber's premises, outside the areas, have an active
        service: saying "covered" there would tell a stranger what the household has."""
        self.env["telecom.coverage.area"].search([("division_id", "=", self.division_field.id)]).active = False
        answer = self._check({"address": self._address(street="Rue des Voisins", house_number="9")})
        self.assertFalse(answer["covered"])
        self.assertEqual(answer, self._check({"address": self._address()}))

    def test_answer_does_not_tell_what_is_live_there(self):
        """The check says what can be ordered at an address, never what someone
        has there: the other subscriber's address, where a Fiber is active, gets
        the answer of an address without any service, whoever asks."""
        voisins = self._address(street="Rue des Voisins", house_number="9")
        empty = self._address(street="Rue des Voisins", house_number="11")
        for user in (None, self.user_subscriber, self.user_other):
            with self.subTest(user=user and user.login):
                if user:
                    self._login(user)
                answer = self._check({"address": voisins, "subscriber_kind": "individual"})
                self.assertTrue(answer["covered"])
                self.assertNotIn("live", answer)
                self.assertNotIn("Already active", answer["detail"])
                self.assertEqual(answer, self._check({"address": empty, "subscriber_kind": "individual"}))

    def test_bad_input(self):
        premises_count = self.env["telecom.premises"].search_count([])
        for params in (
            {},
            {"address": "Rue du Portail 7"},
            {"address": ["Rue du Portail"]},
            {"address": self._address(street="")},
            {"address": self._address(country_id="not a country")},
            {"address": self._address(country_id="999999999")},
            {"address": self._address(city=7, street={"a": 1})},
            {"address": self._address(street="x" * 500)},
        ):
            with self.subTest(params=params):
                self.assertEqual(self._check(params), {"incomplete": True})
        # An unknown customer type is ignored, not an error.
        self.assertTrue(self._check({"address": self._address(), "subscriber_kind": "robot"})["covered"])
        self.assertEqual(self.env["telecom.premises"].search_count([]), premises_count)

    def test_rate_limited(self):
        self.env["ir.config_parameter"].set_param("oms_telecom_portal.coverage_rate_limit", "3/1m")
        for _index in range(3):
            self.assertIn("covered", self._check({"address": self._address()}))
        answer = self._check({"address": self._address()})
        self.assertIn("Too many checks", answer["error"])
        # Another address (behind a proxy, another IP) is not held back.
        self.env["telecom.coverage.lookup"].search([]).request_ip = "10.0.0.1"
        self.assertIn("covered", self._check({"address": self._address()}))

    def test_form_offers_business_services_to_companies_only(self):
        page = self.url_open(self.form_url).text
        self.assertIn('data-audience="company"', page)
        self.assertIn("o_telecom_coverage_check", page)
        business = self.tmpl_business.product_variant_id
        response = self._post(self.form_url, self._form_data(product_ids=[business.id]))
        self.assertIn("offered to companies only", response.text)
        self.assertFalse(self._web_orders())
        response = self._post(
            self.form_url,
            self._form_data(subscriber_kind="company", company_name="Tour Ltd", product_ids=[business.id]),
        )
        self.assertEqual(self._web_orders().line_ids.product_id, business)


@tagged("post_install", "-at_install")
class TestPortalNewOrderCoverage(PublicFormCase):
    """The subscriber's new order page answers for each of their addresses."""

    def test_live_services_cover_the_address(self):
        # Without any area, the subscriber's address with an active Fiber is served.
        self.env["telecom.coverage.area"].search([("division_id", "=", self.division_field.id)]).active = False
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/orders/new").text
        self.assertIn('data-covered="1"', page)
        self.assertIn("Already active here: Portal Fiber 300.", page)
        # The order created there is not said to be uncovered, before or after booking.
        order = self._create_order(self.subscriber, self.premises_home, [self.phone])
        self.assertNotIn("o_telecom_uncovered", self.url_open(order.access_url).text)

    def test_only_own_live_services_are_told(self):
        """Another subscriber's service at the same premises is theirs: the page
        tells Sara about her own services only."""
        self.env["telecom.subscriber.service"].create(
            {
                "partner_id": self.other.id,
                "premises_id": self.premises_home.id,
                "product_id": self.phone.id,
                "state": "active",
                "date_activated": "2024-03-01",
            }
        )
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/orders/new").text
        self.assertEqual(re.findall(r"Already active here: ([^.]*)\.", page), ["Portal Fiber 300"])

    def test_uncovered_address_says_so(self):
        self._login(self.user_subscriber)
        premises = self.env["telecom.premises"].create(
            {"country_id": self.country.id, "city": "Farawayville", "street": "Grand Route", "house_number": "1"}
        )
        order = self._create_order(self.subscriber, premises, [self.phone])
        page = self.url_open(order.access_url).text
        self.assertIn("o_telecom_uncovered", page)
        page = self.url_open("/my/telecom/orders/new").text
        self.assertIn('data-covered="0"', page)
