# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PublicFormCase

FORM_URL = PublicFormCase.form_url


@tagged("post_install", "-at_install")
class TestPublicOrderForm(PublicFormCase):
    def test_form_page(self):
        page = self.url_open(FORM_URL).text
        self.assertIn("Portal Fiber 300", page)
        self.assertNotIn("Portal Consulting Hour", page)
        self.assertIn('name="website_url"', page)
        embedded = self.url_open(FORM_URL + "?embed=1")
        self.assertIn('name="embed" value="1"', embedded.text)
        self.assertNotIn('id="top"', embedded.text)
        self.assertNotIn("Content-Security-Policy", embedded.headers)
        # The operator's sites allowed to embed the form.
        self.env["ir.config_parameter"].set_param("oms_telecom_portal.form_frame_ancestors", "https://www.example.com")
        embedded = self.url_open(FORM_URL + "?embed=1")
        self.assertEqual(embedded.headers["Content-Security-Policy"], "frame-ancestors 'self' https://www.example.com")

    def test_submit_creates_web_order(self):
        response = self._post(FORM_URL, self._form_data())
        self.assertEqual(response.status_code, 200)
        order = self._web_orders()
        self.assertEqual(len(order), 1)
        self.assertTrue(order.planning_pending, "routed and planned by the scheduled action right after")
        self._plan_received()
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "connection",
                    "channel": "web",
                    "partner_id": False,
                    "subscriber_kind": "individual",
                    "prospect_name": "Penny Prospect",
                    "prospect_company_name": False,
                    "prospect_email": "penny.prospect@example.com",
                    "prospect_phone": "+32 470 00 11 22",
                    "state": "acknowledged",
                    "uncovered_address": False,
                    "division_id": self.division_sales.id,
                    "request_ip": "127.0.0.1",
                    "amount_installation": 70.0,
                    "amount_monthly": 40.0,
                }
            ],
        )
        self.assertEqual(order.premises_id.street, "Rue du Portail")
        self.assertEqual(order.line_ids.product_id, self.fiber | self.phone)
        self.assertIn("Second floor, ring twice", order.description)
        self.assertIn(order.name, response.text)
        self.assertIn("o_telecom_covered", response.text)
        # The confirmation e-mail carries the tokenised tracking link, which works without login.
        mail = self.env["mail.mail"].search([("model", "=", "telecom.order"), ("res_id", "=", order.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "penny.prospect@example.com")
        self.assertIn(order.name, mail.subject)
        self.assertTrue(order.access_token)
        tracking_url = f"{order.access_url}?access_token={order.access_token}"
        self.assertIn(tracking_url.replace("&", "&amp;"), mail.body_html)
        page = self.url_open(tracking_url)
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, page.text)
        self.assertIn("Portal Fiber 300", page.text)

    def test_uncovered_address_recorded(self):
        response = self._post(
            FORM_URL,
            self._form_data(
                subscriber_kind="company", company_name="Far Away Ltd", city="Farawayville", street="Grand Route"
            ),
        )
        order = self._web_orders()
        self.assertEqual(len(order), 1)
        self._plan_received()
        self.assertTrue(order.uncovered_address)
        self.assertEqual(order.state, "acknowledged")
        self.assertEqual(order.prospect_company_name, "Far Away Ltd")
        self.assertEqual(order.subscriber_kind, "company")
        self.assertIn("o_telecom_uncovered", response.text)

    def test_double_submit_creates_one_order(self):
        data = self._form_data()
        first = self._post(FORM_URL, data)
        second = self._post(FORM_URL, data)
        order = self._web_orders()
        self.assertEqual(len(order), 1)
        self.assertIn(order.name, first.text)
        self.assertIn(order.name, second.text)
        self.assertEqual(
            self.env["mail.mail"].search_count([("model", "=", "telecom.order"), ("res_id", "=", order.id)]), 1
        )

    def test_rate_limit(self):
        self.env["ir.config_parameter"].set_param("oms_telecom_portal.form_rate_limit", "2/10m")
        for _index in range(2):
            self.assertEqual(self._post(FORM_URL, self._form_data()).status_code, 200)
        self.assertEqual(len(self._web_orders()), 2)
        response = self._post(FORM_URL, self._form_data())
        self.assertEqual(response.status_code, 429)
        self.assertIn("o_telecom_rate_limited", response.text)
        self.assertEqual(response.headers["Retry-After"], "600")
        self.assertEqual(len(self._web_orders()), 2)
        # Orders older than the window do not count any more.
        self.env.cr.execute(
            "UPDATE telecom_order SET create_date = create_date - interval '11 minutes' WHERE id IN %s",
            [tuple(self._web_orders().ids)],
        )
        self.assertEqual(self._post(FORM_URL, self._form_data()).status_code, 200)
        self.assertEqual(len(self._web_orders()), 3)

    def test_invalid_input_rejected(self):
        premises_count = self.env["telecom.premises"].search_count([])
        cases = [
            ({"name": ""}, "Name is required."),
            ({"email": "penny-at-example"}, "E-mail is not a valid e-mail address."),
            ({"phone": "<script>"}, "Phone is not a valid phone number."),
            ({"subscriber_kind": "alien"}, "Choose a valid value for Customer type."),
            ({"subscriber_kind": "company", "company_name": ""}, "Company name is required."),
            ({"street": ""}, "Street is required."),
            ({"country_id": "0"}, "Choose a country."),
            ({"product_ids": []}, "Choose at least one service."),
            ({"product_ids": [self.not_telecom.id]}, "Choose services from the catalogue."),
            ({"product_ids": [self.fiber.id, 999999]}, "Choose services from the catalogue."),
            ({"requested_date": "31/02/2030"}, "Requested date is not a valid date."),
            ({"name": "x" * 129}, "Name is too long (128 characters at most)."),
        ]
        for values, message in cases:
            response = self._post(FORM_URL, self._form_data(**values))
            self.assertEqual(response.status_code, 200, message)
            self.assertIn(message, response.text)
            # What was typed is kept in the form.
            self.assertIn("Rue du Portail" if values.get("street") != "" else "Penny Prospect", response.text)
        self.assertFalse(self._web_orders())
        self.assertEqual(self.env["telecom.premises"].search_count([]), premises_count)
        self.assertFalse(
            self.env["mail.mail"].search([("model", "=", "telecom.order"), ("res_id", ">", self.last_order_id)])
        )

    def test_honeypot_and_tokens(self):
        response = self._post(FORM_URL, self._form_data(website_url="http://spam.example.com"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_telecom_form_thanks", response.text)
        response = self._post(FORM_URL, self._form_data(form_token="1.abc.forged"))
        self.assertEqual(response.status_code, 400)
        self.assertIn("This form has expired.", response.text)
        response = self._post(FORM_URL, self._form_data(), csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._web_orders())
