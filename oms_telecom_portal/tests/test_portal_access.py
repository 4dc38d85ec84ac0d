# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalAccess(TelecomPortalCase):
    def test_anonymous_redirected_to_login(self):
        self._anonymous()
        for url in (
            "/my/telecom/orders",
            "/my/telecom/services",
            "/my/telecom/orders/new",
            f"/my/telecom/services/{self.service.id}/change",
            f"/my/telecom/orders/{self.order.id}",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertEqual(self.parse_http_location(response.headers["Location"]).path, "/web/login", url)

    def test_home_counters(self):
        self._login(self.user_subscriber)
        problem = self._create_order(
            self.subscriber, self.premises_home, [], order_type="problem", affected_service_id=self.service.id
        )
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["telecom_order_count", "telecom_service_count", "telecom_problem_count"]}
        )
        self.assertEqual(counters, {"telecom_order_count": 2, "telecom_service_count": 1, "telecom_problem_count": 1})
        problem.action_start()
        problem.action_complete()
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["telecom_problem_count"]})
        self.assertEqual(counters["telecom_problem_count"], 0)
        home = self.url_open("/my").text
        self.assertIn('href="/my/telecom/orders"', home)
        self.assertIn('href="/my/telecom/services"', home)
        self.assertIn('data-placeholder_count="telecom_problem_count"', home)

    def test_own_orders_list(self):
        self._login(self.user_subscriber)
        response = self.url_open("/my/telecom/orders")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order.name, response.text)
        self.assertNotIn(self.order_other.name, response.text)
        # Search by number and by address, filters and sorting.
        response = self.url_open(f"/my/telecom/orders?search={self.order.name}&search_in=name")
        self.assertIn(self.order.name, response.text)
        response = self.url_open("/my/telecom/orders?search=Portail&search_in=address&sortby=name")
        self.assertIn(self.order.name, response.text)
        response = self.url_open("/my/telecom/orders?search=Nowhere+Street&search_in=all")
        self.assertNotIn(self.order.name, response.text)
        response = self.url_open("/my/telecom/orders?filterby=done")
        self.assertNotIn(self.order.name, response.text)
        response = self.url_open("/my/telecom/orders?filterby=connection&sortby=state")
        self.assertIn(self.order.name, response.text)
        response = self.url_open("/my/telecom/orders?filterby=bogus&sortby=bogus&search_in=bogus")
        self.assertEqual(response.status_code, 200)

    def test_own_order_page(self):
        self.order.message_post(
            body="Visible to the subscriber", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        attachment = self.env["ir.attachment"].create(
            {"name": "contract.pdf", "raw": b"%PDF-1.4", "res_model": "telecom.order", "res_id": self.order.id}
        )
        self._login(self.user_subscriber)
        response = self.url_open(self.order.access_url)
        self.assertEqual(response.status_code, 200)
        page = response.text
        attachment.invalidate_recordset(["access_token"])
        self.assertIn(self.order.name, page)
        self.assertIn("Portal Home Phone", page)
        self.assertIn("o_telecom_progress", page)
        self.assertIn('data-status="current" data-state="acknowledged"', page)
        self.assertIn(f"/web/content/{attachment.id}?download=true&amp;access_token={attachment.access_token}", page)
        self.assertTrue(attachment.access_token)
        self.assertIn("o_portal_chatter", page)
        self.assertIn("o_telecom_cancel_card", page)
        # The document is downloaded with its token.
        self._anonymous()
        download = self.url_open(f"/web/content/{attachment.id}?download=true&access_token={attachment.access_token}")
        self.assertEqual(download.status_code, 200)
        self.assertEqual(download.content, b"%PDF-1.4")

    def test_other_subscribers_order_refused(self):
        self._login(self.user_subscriber)
        response = self.url_open(self.order_other.access_url, allow_redirects=False)
        self.assertRedirectsTo(response, "/my")
        response = self.url_open(f"/my/telecom/orders/{self.order_other.id + 10000}", allow_redirects=False)
        self.assertRedirectsTo(response, "/my")
        response = self._post(f"/my/telecom/orders/{self.order_other.id}/cancel", {})
        self.assertRedirectsTo(response, "/my")
        self.assertEqual(self.order_other.state, "acknowledged")

    def test_other_subscribers_service_refused(self):
        self._login(self.user_subscriber)
        for action in ("change", "disconnect", "problem"):
            url = f"/my/telecom/services/{self.service_other.id}/{action}"
            self.assertRedirectsTo(self.url_open(url, allow_redirects=False), "/my/telecom/services")
            response = self._post(url, {"confirm": "1", "description": "Nothing works at all", "param_bandwidth": "50"})
            self.assertRedirectsTo(response, "/my/telecom/services")
        self.assertFalse(self._new_orders([("channel", "=", "portal")]))
        services = self.url_open("/my/telecom/services").text
        self.assertIn("Rue du Portail", services)
        self.assertNotIn("Rue des Voisins", services)

    def test_access_token(self):
        token = self.order._portal_ensure_token()
        self._anonymous()
        response = self.url_open(f"{self.order.access_url}?access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order.name, response.text)
        response = self.url_open(f"{self.order.access_url}?access_token=wrong-{token}", allow_redirects=False)
        self.assertRedirectsTo(response, "/web/login")
        # A token opens its own order only.
        self.order_other._portal_ensure_token()
        response = self.url_open(f"{self.order_other.access_url}?access_token={token}", allow_redirects=False)
        self.assertRedirectsTo(response, "/web/login")
        # A logged-in subscriber with someone else's wrong token is refused too.
        self._login(self.user_other)
        response = self.url_open(f"{self.order.access_url}?access_token=wrong", allow_redirects=False)
        self.assertRedirectsTo(response, "/my")

    def test_progress_tracker(self):
        # An order processed by hand: the tracker shows its stages.
        order = self._create_order(self.subscriber, self.premises_home, [self.phone], no_scenario=True)
        self._login(self.user_subscriber)
        order.action_start()
        page = self.url_open(order.access_url).text
        self.assertIn('data-status="done" data-state="acknowledged"', page)
        self.assertIn('data-status="current" data-state="in_progress"', page)
        self.assertIn('data-status="next" data-state="completed"', page)
        # Detours and terminal stages other than the completion are not steps to come.
        self.assertNotIn('data-state="held"', page)
        self.assertNotIn('data-state="cancelled"', page)
        order.action_request_cancellation()
        order.action_accept_cancellation()
        page = self.url_open(order.access_url).text
        self.assertIn('data-status="stopped" data-state="cancelled"', page)
        self.assertNotIn('data-status="current"', page)
        self.assertNotIn('data-state="completed"', page)
