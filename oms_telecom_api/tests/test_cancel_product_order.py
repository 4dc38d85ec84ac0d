# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestCancelProductOrder(TmfApiCase):
    def _cancel(self, order_id, reason="Moved abroad"):
        return self.api(
            "POST",
            f"{PO}/cancelProductOrder",
            {"productOrder": {"id": str(order_id)}, "cancellationReason": reason},
        )

    def test_cancellation_waits_for_the_operator(self):
        created = self._create_order_api()
        order = self.Order.browse(int(created["id"]))
        response = self._cancel(order.id)
        self.assertEqual(response.status_code, 201, response.text)
        request = response.json()
        self.assertEqual(request["state"], "inProgress")
        self.assertEqual(request["productOrder"]["id"], str(order.id))
        self.assertEqual(order.state, "assessing_cancellation")
        # A second request for the same order is one too many.
        self.assertError(self._cancel(order.id), 409, "STATE_CONFLICT")

        order.with_user(self.user_operator).action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        retrieved = self.api("GET", f"{PO}/cancelProductOrder/{request['id']}").json()
        self.assertEqual(retrieved["state"], "done")
        self.assertTrue(retrieved["effectiveCancellationDate"])
        order_body = self.api("GET", f"{PO}/productOrder/{order.id}").json()
        self.assertEqual(order_body["state"], "cancelled")
        self.assertEqual(order_body["cancellationReason"], "Moved abroad")
        listed = self.api("GET", f"{PO}/cancelProductOrder", params={"productOrder.id": order.id}).json()
        self.assertEqual([item["id"] for item in listed], [request["id"]])
        listed = self.api("GET", f"{PO}/cancelProductOrder", params={"state": "done", "fields": "state"}).json()
        self.assertIn(
            {"id": request["id"], "href": request["href"], "@type": "CancelProductOrder", "state": "done"}, listed
        )

    def test_refused_cancellation_is_rejected(self):
        order = self.Order.browse(int(self._create_order_api()["id"]))
        request = self._cancel(order.id).json()
        order.with_user(self.user_operator).action_refuse_cancellation()
        self.assertEqual(order.state, "acknowledged")
        self.assertEqual(self.api("GET", f"{PO}/cancelProductOrder/{request['id']}").json()["state"], "rejected")

    def test_draft_is_cancelled_at_once(self):
        draft = self.api("POST", f"{PO}/productOrder", self._order_payload(state="draft")).json()
        response = self._cancel(draft["id"])
        self.assertEqual(response.json()["state"], "done")
        self.assertEqual(self.Order.browse(int(draft["id"])).state, "cancelled")

    def test_unknown_order(self):
        self.assertError(self._cancel(987654321), 422, "UNKNOWN_PRODUCT_ORDER")
        self.assertError(self.api("GET", f"{PO}/cancelProductOrder/987654"), 404)
