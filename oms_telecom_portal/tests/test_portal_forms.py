# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalForms(TelecomPortalCase):
    def setUp(self):
        super().setUp()
        self._login(self.user_subscriber)

    def _portal_orders(self):
        return self._new_orders([("channel", "=", "portal")])

    def _created_order(self, response):
        """The order the form created, from the page it redirects to."""
        self.assertIn(response.status_code, (302, 303), "The form should redirect to the new order.")
        location = self.parse_http_location(response.headers["Location"])
        self.assertEqual(location.query, "message=created")
        order = self.env["telecom.order"].browse(int(location.path.rsplit("/", 1)[-1]))
        self.assertEqual(order.access_url, location.path)
        return order

    # Change of parameters

    def test_change_parameters(self):
        self.assertEqual(self.url_open(f"/my/telecom/services/{self.service.id}/change").status_code, 200)
        response = self._post(
            f"/my/telecom/services/{self.service.id}/change",
            {"param_bandwidth": "500", "param_technology": "fiber", "param_static_ip": "1", "comment": "Faster please"},
        )
        order = self._created_order(response)
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "change",
                    "channel": "portal",
                    "partner_id": self.subscriber.id,
                    "premises_id": self.premises_home.id,
                    "state": "acknowledged",
                }
            ],
        )
        self.assertIn("Faster please", order.description)
        self.assertEqual(len(order.line_ids), 1)
        self.assertEqual(order.line_ids.action, "modify")
        self.assertEqual(order.line_ids.service_id, self.service)
        self.assertEqual(order.line_ids.parameters, {"bandwidth": 500, "technology": "fiber", "static_ip": True})
        self.assertIn(self.subscriber, order.message_partner_ids)
        # The service changes when the order completes, not before.
        self.assertEqual(self.service.parameters["bandwidth"], 100)
        page = self.url_open(order.access_url + "?message=created").text
        self.assertIn("o_telecom_notice", page)
        self.assertIn("500", page)

    def test_change_parameters_invalid(self):
        url = f"/my/telecom/services/{self.service.id}/change"
        response = self._post(url, {"param_bandwidth": "fast", "param_technology": "fiber"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bandwidth (Mbit/s) must be a whole number.", response.text)
        response = self._post(url, {"param_bandwidth": "100", "param_technology": "carrier-pigeon"})
        self.assertIn("Choose a valid value for Technology.", response.text)
        response = self._post(url, {"param_bandwidth": "100", "param_technology": "dsl"})
        self.assertIn("Choose at least one new value.", response.text)
        response = self._post(
            url, {"param_bandwidth": "200", "param_technology": "dsl", "requested_date": "2001-01-01"}
        )
        self.assertIn("Requested date cannot be in the past.", response.text)
        self.assertFalse(self._portal_orders())

    def test_change_blocked_by_open_order(self):
        self._create_order(
            self.subscriber,
            self.premises_home,
            [],
            order_type="disconnection",
            line_ids=[(0, 0, {"service_id": self.service.id})],
        )
        url = f"/my/telecom/services/{self.service.id}/change"
        self.assertIn("o_telecom_blocking_order", self.url_open(url).text)
        response = self._post(url, {"param_bandwidth": "500", "param_technology": "fiber"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(self._portal_orders())

    # Disconnection

    def test_disconnection(self):
        url = f"/my/telecom/services/{self.service.id}/disconnect"
        response = self._post(url, {"comment": "Moving out"})
        self.assertIn("Confirm that the service is to be disconnected.", response.text)
        self.assertFalse(self._portal_orders())
        order = self._created_order(self._post(url, {"confirm": "1", "comment": "Moving out"}))
        self.assertEqual(order.order_type, "disconnection")
        self.assertEqual(order.state, "acknowledged")
        self.assertEqual(order.line_ids.action, "delete")
        self.assertEqual(order.line_ids.service_id, self.service)

    # Technical problem

    def test_report_problem(self):
        url = f"/my/telecom/services/{self.service.id}/problem"
        response = self._post(url, {"description": "   "})
        self.assertIn("Description is required.", response.text)
        response = self._post(url, {"description": "No signal since this morning", "contact_phone": "call me maybe"})
        self.assertIn("Phone is not a valid phone number.", response.text)
        self.assertFalse(self._portal_orders())
        order = self._created_order(
            self._post(url, {"description": "No signal since this morning", "contact_phone": "+32 470 12 34 56"})
        )
        self.assertRecordValues(
            order,
            [{"order_type": "problem", "affected_service_id": self.service.id, "state": "acknowledged"}],
        )
        self.assertIn("No signal since this morning", order.description)
        self.assertIn("+32 470 12 34 56", order.description)
        # A second report on the same service waits for the first one.
        self.assertIn("o_telecom_blocking_order", self.url_open(url).text)

    def test_confirm_problem_solved(self):
        # Processed by hand: the subscriber may close it while it is under way.
        # (A scenario asks at its confirmation step: see test_portal_scenario.)
        problem = self._create_order(
            self.subscriber,
            self.premises_home,
            [],
            order_type="problem",
            affected_service_id=self.service.id,
            no_scenario=True,
        )
        url = f"/my/telecom/orders/{problem.id}/solved"
        # Not yet in progress: nothing to confirm.
        self.assertNotIn("o_telecom_confirm_solved", self.url_open(problem.access_url).text)
        response = self._post(url, {})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).query, "message=not_allowed")
        self.assertEqual(problem.state, "acknowledged")
        problem.action_start()
        problem.action_set_pending()
        self.assertIn("o_telecom_confirm_solved", self.url_open(problem.access_url).text)
        # Without the CSRF token the request is refused.
        response = self._post(url, {"comment": "Works again"}, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(problem.state, "pending")
        response = self._post(url, {"comment": "Works again"})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).query, "message=solved")
        self.assertEqual(problem.state, "completed")
        # A note for the team in the subscriber's name; the receipt quotes them, from the company.
        note, receipt = problem.message_ids.filtered(lambda msg: "Works again" in (msg.body or "")).sorted("id")
        self.assertEqual(note.author_id, self.subscriber)
        self.assertEqual(note.message_type, "comment")
        self.assertTrue(note.subtype_id.internal)
        self.assertEqual(receipt.author_id, self.env.company.partner_id)

    def test_confirm_problem_solved_with_work_under_way(self):
        problem = self._create_order(
            self.subscriber,
            self.premises_home,
            [],
            order_type="problem",
            affected_service_id=self.service.id,
            no_scenario=True,
        )
        problem.action_start()
        visit = self.env["telecom.work.order"].create({"order_id": problem.id, "kind": "repair"})
        response = self._post(f"/my/telecom/orders/{problem.id}/solved", {"comment": "Works again"})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).query, "message=solved_reported")
        # The team is told; the visit and the order are theirs to close.
        self.assertEqual(problem.state, "in_progress")
        self.assertEqual(visit.state, "draft")
        self.assertTrue(problem.message_ids.filtered(lambda msg: "Works again" in (msg.body or "")))

    # Cancellation

    def test_cancel_order(self):
        url = f"/my/telecom/orders/{self.order.id}/cancel"
        response = self._post(url, {"reason": "Changed my mind"})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).query, "message=cancel_requested")
        self.assertEqual(self.order.state, "assessing_cancellation")
        self.assertTrue(self.order.message_ids.filtered(lambda msg: "Changed my mind" in (msg.body or "")))
        # Asked once: the page offers it no more and a second request changes nothing.
        self.assertNotIn("o_telecom_cancel_card", self.url_open(self.order.access_url).text)
        response = self._post(url, {})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).query, "message=not_allowed")
        self.assertEqual(self.order.state, "assessing_cancellation")

    def test_cancel_with_token_without_login(self):
        token = self.order._portal_ensure_token()
        self._anonymous()
        response = self._post(f"/my/telecom/orders/{self.order.id}/cancel", {"access_token": "wrong"})
        self.assertRedirectsTo(response, "/web/login")
        self.assertEqual(self.order.state, "acknowledged")
        response = self._post(f"/my/telecom/orders/{self.order.id}/cancel", {"access_token": token})
        self.assertEqual(self.parse_http_location(response.headers["Location"]).path, self.order.access_url)
        self.assertEqual(self.order.state, "assessing_cancellation")

    # New service order

    def test_new_order_existing_premises(self):
        page = self.url_open("/my/telecom/orders/new").text
        self.assertIn("Portal Fiber 300", page)
        self.assertNotIn("Portal Consulting Hour", page)
        self.assertIn("Rue du Portail", page)
        self.assertNotIn("Rue des Voisins", page)
        response = self._post(
            "/my/telecom/orders/new",
            {"premises_choice": str(self.premises_home.id), "product_ids": [self.fiber.id, self.phone.id]},
        )
        order = self._created_order(response)
        # Received at once; routed and planned by the scheduled action right after.
        self.assertTrue(order.planning_pending)
        self.assertIn("We confirm the expected date shortly.", self.url_open(order.access_url).text)
        self._plan_received()
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "connection",
                    "channel": "portal",
                    "partner_id": self.subscriber.id,
                    "premises_id": self.premises_home.id,
                    "state": "acknowledged",
                    "amount_installation": 70.0,
                    "amount_monthly": 40.0,
                    "division_id": self.division_sales.id,
                    "uncovered_address": False,
                }
            ],
        )
        self.assertEqual(order.line_ids.product_id, self.fiber | self.phone)
        self.assertEqual(
            order.line_ids.filtered(lambda line: line.product_id == self.fiber).parameters["bandwidth"], 100
        )
        page = self.url_open(order.access_url).text
        self.assertIn("Portal Fiber 300", page)
        self.assertIn('data-status="current" data-state="acknowledged"', page)

    def test_new_order_new_address(self):
        order = self._created_order(
            self._post(
                "/my/telecom/orders/new",
                {
                    "premises_choice": "new",
                    "new_street": "Route de Nulle Part",
                    "new_house_number": "1",
                    "new_city": "Farawayville",
                    "new_country_id": str(self.country.id),
                    "product_ids": str(self.phone.id),
                },
            )
        )
        self.assertEqual(order.premises_id.city, "Farawayville")
        self.assertIn("We confirm the expected date shortly.", self.url_open(order.access_url).text)
        self._plan_received()
        self.assertTrue(order.uncovered_address)
        self.assertIn("not yet covered", self.url_open(order.access_url).text)

    def test_new_order_rejects_foreign_values(self):
        premises_count = self.env["telecom.premises"].search_count([])
        cases = [
            (
                {"premises_choice": str(self.premises_other.id), "product_ids": str(self.phone.id)},
                "Choose one of your addresses or enter a new one.",
            ),
            (
                {"premises_choice": str(self.premises_home.id), "product_ids": str(self.not_telecom.id)},
                "Choose services from the catalogue.",
            ),
            ({"premises_choice": str(self.premises_home.id)}, "Choose at least one service."),
            (
                {
                    "premises_choice": "new",
                    "new_street": "Rue Neuve",
                    "new_city": "Testville",
                    "new_country_id": str(self.country.id),
                    "product_ids": str(self.phone.id),
                },
                "House number is required.",
            ),
            (
                {
                    "premises_choice": "new",
                    "new_street": "Rue Neuve",
                    "new_house_number": "3",
                    "new_city": "Testville",
                    "new_country_id": "999999",
                    "product_ids": str(self.phone.id),
                },
                "Choose a country.",
            ),
        ]
        for data, message in cases:
            response = self._post("/my/telecom/orders/new", data)
            self.assertEqual(response.status_code, 200, message)
            self.assertIn(message, response.text)
        self.assertFalse(self._portal_orders())
        self.assertEqual(self.env["telecom.premises"].search_count([]), premises_count)

    def test_new_order_needs_csrf(self):
        response = self._post(
            "/my/telecom/orders/new",
            {"premises_choice": str(self.premises_home.id), "product_ids": str(self.phone.id)},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._portal_orders())
