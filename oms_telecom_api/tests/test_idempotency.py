# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import threading

import requests

from odoo.tests import tagged
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestIdempotency(TmfApiCase):
    def _orders_with(self, external_id):
        self.env.invalidate_all()
        return self.Order.search([("external_reference", "=", external_id)])

    def test_same_key_and_body_replays_the_first_response(self):
        payload = self._order_payload(external_id="IDEM-1")
        headers = {"Idempotency-Key": "order-IDEM-1"}
        first = self.api("POST", f"{PO}/productOrder", payload, headers=headers)
        self.assertEqual(first.status_code, 201)
        again = self.api("POST", f"{PO}/productOrder", payload, headers=headers)
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(again.headers["Location"], first.headers["Location"])
        self.assertEqual(again.headers["Idempotent-Replayed"], "true")
        self.assertEqual(len(self._orders_with("IDEM-1")), 1)

    def test_same_key_with_another_body_is_refused(self):
        headers = {"Idempotency-Key": "order-IDEM-2"}
        self.api("POST", f"{PO}/productOrder", self._order_payload(external_id="IDEM-2"), headers=headers)
        other = self._order_payload(external_id="IDEM-2b")
        self.assertError(self.api("POST", f"{PO}/productOrder", other, headers=headers), 422, "IDEMPOTENCY_KEY_REUSED")
        self.assertFalse(self._orders_with("IDEM-2b"))
        # Keys belong to an integration: another one may use the same key.
        self.env["telecom.api.client"].create({"name": "CRM", "user_id": self.user_operator.id})
        crm = self.env["telecom.api.client"].search([("name", "=", "CRM")])
        response = self.api("POST", f"{PO}/productOrder", other, headers=headers, key=crm._issue_key())
        self.assertEqual(response.status_code, 201)

    def test_external_id_is_not_ordered_twice(self):
        payload = self._order_payload(external_id="IDEM-3")
        first = self.api("POST", f"{PO}/productOrder", payload)
        again = self.api("POST", f"{PO}/productOrder", payload)
        self.assertEqual(again.json()["id"], first.json()["id"])
        changed = self._order_payload(external_id="IDEM-3", description="something else")
        self.assertError(self.api("POST", f"{PO}/productOrder", changed), 409, "DUPLICATE_EXTERNAL_ID")
        self.assertEqual(len(self._orders_with("IDEM-3")), 1)

    def test_old_keys_are_collected_external_ids_are_kept(self):
        self.api(
            "POST", f"{PO}/productOrder", self._order_payload(external_id="IDEM-6"), headers={"Idempotency-Key": "k6"}
        )
        Key = self.env["telecom.api.idempotency"].sudo()
        keys = Key.search(["|", ("key", "=", "k6"), ("key", "=like", "externalId:%:IDEM-6")])
        self.assertEqual(len(keys), 2)
        external_id_key = keys.filtered(lambda key: key.key != "k6")
        self.env.cr.execute("UPDATE telecom_api_idempotency SET create_date = now() - interval '30 days'")
        self.env.invalidate_all()
        Key._gc_idempotency_keys()
        # The request key is forgotten; the external id keeps the order from being made twice.
        self.assertEqual(keys.exists(), external_id_key)

    def test_failed_request_does_not_burn_the_key(self):
        headers = {"Idempotency-Key": "order-IDEM-4"}
        bad = self._order_payload(external_id="IDEM-4", items=[{"productOffering": {"id": "424242"}}])
        self.assertError(self.api("POST", f"{PO}/productOrder", bad, headers=headers), 422)
        response = self.api("POST", f"{PO}/productOrder", self._order_payload(external_id="IDEM-4"), headers=headers)
        self.assertEqual(response.status_code, 201)

    def test_concurrent_submissions_create_one_order(self):
        payload = json.dumps(self._order_payload(external_id="IDEM-5"))
        url = self.base_url() + f"{PO}/productOrder"
        headers = {"X-API-Key": self.shop_key, "Idempotency-Key": "order-IDEM-5", "Content-Type": "application/json"}
        cookies = {TEST_CURSOR_COOKIE_NAME: self.canonical_tag}
        self.env.flush_all()
        self.env.cr.flush()
        barrier = threading.Barrier(6)
        responses = []

        def submit():
            barrier.wait()
            responses.append(requests.post(url, data=payload, headers=headers, cookies=cookies, timeout=60))

        threads = [threading.Thread(target=submit) for _index in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual([response.status_code for response in responses], [201] * 6)
        self.assertEqual(len({response.json()["id"] for response in responses}), 1)
        self.assertEqual(sum(response.headers.get("Idempotent-Replayed") == "true" for response in responses), 5)
        self.assertEqual(len(self._orders_with("IDEM-5")), 1)
