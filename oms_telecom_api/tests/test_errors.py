# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from ..middleware import MAX_BODY_SIZE_PARAM
from ..models.telecom_api_client import hash_api_key
from .common import PO, TT, WO, TmfApiCase


@tagged("post_install", "-at_install")
class TestErrors(TmfApiCase):
    """Every refused request gets a TMF Error body with the right status, and
    writes nothing."""

    def setUp(self):
        super().setUp()
        self.order = self.Order.browse(int(self._create_order_api()["id"]))

    def _counts(self):
        self.env.invalidate_all()
        return (
            self.Order.search_count([]),
            self.env["telecom.order.line"].search_count([]),
            self.env["telecom.premises"].search_count([]),
            self.env["telecom.api.idempotency"].search_count([]),
            self.env["res.partner"].search_count([]),
        )

    def assertRefused(self, response, status, code=None):
        body = self.assertError(response, status, code)
        self.assertEqual(self._counts(), self.before, "a refused request wrote something")
        return body

    def test_bad_input_classes(self):
        self.before = self._counts()
        url = f"{PO}/productOrder"
        self.assertRefused(self.api("POST", url, data='{"productOrderItem": ['), 400, "INVALID_JSON")
        self.assertRefused(self.api("POST", url, data="[1, 2"), 400, "INVALID_JSON")
        self.assertRefused(self.api("POST", url, {"productOrderItem": "many"}), 400, "INVALID_REQUEST")
        self.assertRefused(self.api("POST", url, self._order_payload(priority=1)), 400, "INVALID_REQUEST")
        self.assertRefused(self.api("POST", url, {"productOrderItem": []}), 400, "INVALID_REQUEST")
        items = [{"productOffering": {"id": "987654"}, "product": {"place": [{"id": str(self.premises_home.id)}]}}]
        self.assertRefused(self.api("POST", url, {"productOrderItem": items}), 422, "UNKNOWN_PRODUCT_OFFERING")
        items = [{"productOffering": {"id": str(self.not_a_service.id)}}]
        self.assertRefused(self.api("POST", url, {"productOrderItem": items}), 422, "UNKNOWN_PRODUCT_OFFERING")
        # A new address by value is created only when the order is: not here.
        items = self._items(1)
        items[0]["product"] = {
            "productCharacteristic": [{"name": "colour", "value": "red"}],
            "place": [{"streetName": "Nowhere Lane 1", "city": "Testville", "country": "BE"}],
        }
        self.assertRefused(self.api("POST", url, {"productOrderItem": items}), 422, "UNKNOWN_CHARACTERISTIC")
        items[0]["product"]["productCharacteristic"] = [{"name": "bandwidth", "value": "fast"}]
        self.assertRefused(self.api("POST", url, {"productOrderItem": items}), 422, "INVALID_CHARACTERISTIC")
        party = [{"id": "99999999", "role": "Customer"}]
        self.assertRefused(self.api("POST", url, self._order_payload(relatedParty=party)), 422, "UNKNOWN_PARTY")
        mixed = self._items(2)
        mixed[1]["action"] = "delete"
        self.assertRefused(self.api("POST", url, {"productOrderItem": mixed}), 422, "MIXED_ACTIONS")
        # No premises, no subscriber: the order could not be submitted.
        bare = [{"productOffering": {"id": str(self.fiber_100.id)}}]
        self.assertRefused(self.api("POST", url, {"productOrderItem": bare}), 422, "MISSING_PLACE")

    def test_oversize_and_nul(self):
        self.before = self._counts()
        huge = self._order_payload(description="x" * (1024 * 1024 + 10))
        self.assertRefused(self.api("POST", f"{PO}/productOrder", huge), 413, "PAYLOAD_TOO_LARGE")
        nul = self._order_payload(description="a\u0000b")
        self.assertRefused(self.api("POST", f"{PO}/productOrder", nul), 400, "INVALID_CHARACTER")
        self.assertRefused(self.api("GET", f"{PO}/productOrder", params={"externalId": "a\x00b"}), 400)

    def test_body_limit_is_configurable_and_chunked_bodies_refused(self):
        self.env["ir.config_parameter"].set_param(MAX_BODY_SIZE_PARAM, "4000")
        self.before = self._counts()
        url = f"{PO}/productOrder"
        payload = self._order_payload(description="x" * 5000)
        body = self.assertRefused(self.api("POST", url, payload), 413, "PAYLOAD_TOO_LARGE")
        self.assertIn("4000 bytes", body["message"])
        patch = {"description": "y" * 5000}
        self.assertRefused(self.api("PATCH", f"{url}/{self.order.id}", patch), 413, "PAYLOAD_TOO_LARGE")
        self.assertEqual(self.api("POST", url, self._order_payload()).status_code, 201)
        # A chunked body (no Content-Length) is refused before it is read.
        self.before = self._counts()
        data = json.dumps(self._order_payload()).encode()
        chunked = (data[start : start + 100] for start in range(0, len(data), 100))
        self.assertRefused(self.api("POST", url, data=chunked), 411, "LENGTH_REQUIRED")

    def test_illegal_state_changes(self):
        self.before = self._counts()
        url = f"{PO}/productOrder/{self.order.id}"
        self.assertRefused(self.api("PATCH", url, {"state": "completed"}), 409, "STATE_CONFLICT")
        self.assertRefused(self.api("PATCH", url, {"productOrderItem": self._items(1)}), 409, "STATE_CONFLICT")
        self.assertRefused(self.api("PATCH", url, {"orderDate": "2020-01-01T00:00:00Z"}), 400)
        self.assertRefused(self.api("DELETE", url), 409, "STATE_CONFLICT")
        self.order.action_reject()
        self.before = self._counts()
        self.assertRefused(self.api("PATCH", url, {"description": "late"}), 409, "STATE_CONFLICT")
        cancel = {"productOrder": {"id": str(self.order.id)}}
        self.assertRefused(self.api("POST", f"{PO}/cancelProductOrder", cancel), 409, "STATE_CONFLICT")

    def test_malformed_accept_language_is_ignored(self):
        response = self.api("GET", f"{PO}/productOrder", headers={"Accept-Language": "fr;q=x, ;"})
        self.assertEqual(response.status_code, 200)

    def test_not_found_and_methods(self):
        self.before = self._counts()
        self.assertRefused(self.api("GET", f"{PO}/productOrder/abc"), 404, "NOT_FOUND")
        self.assertRefused(self.api("GET", f"{PO}/productOrder/99999999999999"), 404, "NOT_FOUND")
        problem = self.Order.create(
            self._order_values(self.individual, self.premises_home, "problem", description="<p>No sync</p>")
        )
        self.before = self._counts()
        # A trouble ticket is not a product order, and the other way round.
        self.assertRefused(self.api("GET", f"{PO}/productOrder/{problem.id}"), 404)
        self.assertRefused(self.api("GET", f"{TT}/troubleTicket/{self.order.id}"), 404)
        self.assertRefused(self.api("GET", f"{PO}/nothing"), 404)
        self.assertRefused(self.api("PUT", f"{PO}/productOrder/{self.order.id}", {}), 405)
        self.assertRefused(self.api("GET", f"{PO}/productOrder", params={"state": "bogus"}), 400, "INVALID_FILTER")
        self.assertRefused(self.api("GET", f"{PO}/productOrder", params={"fields": "nope"}), 400, "INVALID_FIELDS")
        self.assertRefused(self.api("GET", f"{PO}/productOrder", params={"limit": 0}), 400)
        self.assertRefused(self.api("GET", f"{PO}/productOrder", params={"orderDate.gt": "soon"}), 400)

    def test_authentication_and_scopes(self):
        self.before = self._counts()
        self.assertRefused(self.api("GET", f"{PO}/productOrder", key=""), 401, "UNAUTHORIZED")
        self.assertRefused(self.api("POST", f"{PO}/productOrder", self._order_payload(), key="omsk_wrong"), 401)
        # The provisioning system may only use the work-order API.
        self.assertRefused(self.api("GET", f"{PO}/productOrder", key=self.provisioning_key), 403, "SCOPE_FORBIDDEN")
        self.assertEqual(self.api("GET", f"{WO}/workOrder", key=self.provisioning_key).status_code, 200)
        # Keys are stored hashed, and a revoked key is refused at once.
        self.assertNotIn(self.shop_key, str(self.shop.sudo().read()))
        self.assertEqual(self.shop.sudo().key_hash, hash_api_key(self.shop_key))
        self.shop.action_revoke_key()
        self.assertRefused(self.api("GET", f"{PO}/productOrder"), 401)
        key = self.shop._issue_key()
        self.assertEqual(self.api("GET", f"{PO}/productOrder", key=key).status_code, 200)
        self.shop.active = False
        self.assertRefused(self.api("GET", f"{PO}/productOrder", key=key), 401)

    def test_record_rules_of_the_integration_user_apply(self):
        """The web shop acts as an operator of the sales division: an order of
        another division is not found."""
        other_division = self.env["telecom.division"].create({"name": "Elsewhere", "kind": "sales"})
        foreign = self.Order.create(
            self._order_values(
                self.other_individual,
                self.premises_cottage,
                lines=[{"product_id": self.phone.id}],
                division_id=other_division.id,
            )
        )
        self.before = self._counts()
        self.assertRefused(self.api("GET", f"{PO}/productOrder/{foreign.id}"), 404)
        self.assertEqual(self.api("GET", f"{PO}/productOrder", params={"id": foreign.id}).json(), [])
        ids, page = [], [None]
        while page:
            page = self.api(
                "GET", f"{PO}/productOrder", params={"offset": len(ids), "limit": 100, "fields": "id"}
            ).json()
            ids += [order["id"] for order in page]
        self.assertNotIn(str(foreign.id), ids)
