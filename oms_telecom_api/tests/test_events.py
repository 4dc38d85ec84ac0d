# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import json
import socket
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from ..models.telecom_api_delivery import BATCH_SIZE
from .common import PO, TT, Listener, TmfApiCase


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@tagged("post_install", "-at_install")
class TestEvents(TmfApiCase):
    def setUp(self):
        super().setUp()
        self.Delivery = self.env["telecom.api.delivery"]
        self.Event = self.env["telecom.api.event"]

    def _listener(self, status=200, port=0):
        listener = Listener(status=status, port=port)
        self.addCleanup(listener.stop)
        return listener

    def _system(self, url, **values):
        return self.env["telecom.api.listener"].create(
            {"name": "Provisioning", "kind": "system", "callback": url, "backoff_seconds": 60, **values}
        )

    def _deliver(self, batch_size=BATCH_SIZE):
        """One call of the scheduled action as the cron framework makes it;
        returns the progress it reported."""
        _cron, progress = self.env.ref("oms_telecom_api.ir_cron_deliver_events")._add_progress()
        self.Delivery.with_context(ir_cron_progress_id=progress.id)._cron_deliver(batch_size=batch_size)
        return progress

    def _send_due(self):
        """Attempts made by one call of the scheduled action."""
        return self._deliver().done

    def _make_due(self):
        self.Delivery.search([("state", "=", "pending")]).write(
            {"next_attempt_at": fields.Datetime.now() - timedelta(seconds=1)}
        )

    def _work_order(self):
        order = self.Order.browse(int(self._create_order_api()["id"]))
        return self.env["telecom.work.order"].create(
            {"order_id": order.id, "kind": "installation", "division_id": self.division_technical.id}
        )

    def test_no_listener_no_event(self):
        self._create_order_api()
        self.assertFalse(self.Event.search([]))

    def test_hub_receives_signed_events_in_order(self):
        listener = self._listener()
        response = self.api(
            "POST",
            f"{PO}/hub",
            {"callback": listener.url, "query": "eventType=ProductOrderCreateEvent,ProductOrderStateChangeEvent"},
        )
        self.assertEqual(response.status_code, 201, response.text)
        hub = response.json()
        self.assertEqual(self.api("GET", f"{PO}/hub/{hub['id']}").json(), hub)
        created = self._create_order_api()
        order = self.Order.browse(int(created["id"]))
        order.with_user(self.user_operator).action_set_pending("Which floor?")
        self.assertEqual(self._send_due(), 3)
        events = listener.events()
        self.assertEqual(
            [(event["eventType"], event["event"]["productOrder"]["state"]) for event in events],
            [
                ("ProductOrderCreateEvent", "acknowledged"),
                ("ProductOrderStateChangeEvent", "acknowledged"),
                ("ProductOrderStateChangeEvent", "pending"),
            ],
        )
        self.assertEqual(events[0]["event"]["productOrder"]["id"], created["id"])
        # TMF630: a hub hears each event type at <callback>/listener/<eventType>.
        self.assertEqual(
            [received["path"] for received in listener.received],
            [
                "/listener/listener/productOrderCreateEvent",
                "/listener/listener/productOrderStateChangeEvent",
                "/listener/listener/productOrderStateChangeEvent",
            ],
        )
        secret = self.shop.sudo().signing_secret.encode()
        for received in listener.received:
            headers = received["headers"]
            expected = hmac.new(
                secret, headers["X-OMS-Timestamp"].encode() + b"." + received["body"], hashlib.sha256
            ).hexdigest()
            self.assertEqual(headers["X-OMS-Signature"], f"sha256={expected}")
            # Listeners deduplicate on the event id: header and body agree.
            self.assertEqual(headers["X-OMS-Event-Id"], json.loads(received["body"])["eventId"])
        event = self.Event.search([("event_type", "=", "ProductOrderCreateEvent")])
        self.assertEqual(event.state, "delivered")
        self.assertEqual(event.delivery_ids.attempt_ids.status_code, 200)
        # Unregistered: nothing more is sent.
        self.assertEqual(self.api("DELETE", f"{PO}/hub/{hub['id']}").status_code, 204)
        self.assertError(self.api("DELETE", f"{PO}/hub/{hub['id']}"), 404)
        order.with_user(self.user_operator).action_resume()
        self.assertEqual(self._send_due(), 0)

    def test_hub_registration_errors_and_ownership(self):
        self.assertError(self.api("POST", f"{PO}/hub", {"callback": "ftp://example.com"}), 422, "INVALID_CALLBACK")
        self.assertError(self.api("POST", f"{PO}/hub", {"callback": "http://127.0.0.1/", "query": "state=x"}), 400)
        bad_type = {"callback": "http://127.0.0.1/", "query": "eventType=TroubleTicketCreateEvent"}
        self.assertError(self.api("POST", f"{PO}/hub", bad_type), 400, "INVALID_QUERY")
        hub = self.api("POST", f"{PO}/hub", {"callback": "http://127.0.0.1/"}).json()
        crm = self.env["telecom.api.client"].create({"name": "CRM", "user_id": self.user_operator.id})
        self.assertError(self.api("DELETE", f"{PO}/hub/{hub['id']}", key=crm._issue_key()), 404)

    def test_hub_hears_only_what_its_user_may_read(self):
        listener = self._listener()
        self.api("POST", f"{TT}/hub", {"callback": listener.url})
        other_division = self.env["telecom.division"].create({"name": "Elsewhere", "kind": "support"})
        service = self._create_service()
        values = {"description": "<p>Down</p>", "affected_service_id": service.id}
        mine = self.Order.create(self._order_values(self.individual, self.premises_home, "problem", **values))
        self.Order.create(
            self._order_values(self.individual, self.premises_home, "problem", **values, division_id=other_division.id)
        )
        self._send_due()
        self.assertEqual({event["event"]["troubleTicket"]["id"] for event in listener.events()}, {str(mine.id)})

    def test_retry_after_the_listener_was_down(self):
        port = free_port()
        self._system(f"http://127.0.0.1:{port}/events", event_types="WorkOrderCreateEvent")
        work_order = self._work_order()
        progress = self._deliver()
        # A listener that is down is not counted as work left for this run.
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        delivery = self.Delivery.search([])
        self.assertEqual((delivery.state, delivery.attempt_count), ("pending", 1))
        self.assertIn("ConnectionError", delivery.last_error)
        self.assertGreater(delivery.next_attempt_at, fields.Datetime.now() + timedelta(seconds=50))
        # Not due yet: nothing is tried.
        self.assertEqual(self._send_due(), 0)
        listener = self._listener(port=port)
        self._make_due()
        self.assertEqual(self._send_due(), 1)
        self.assertEqual((delivery.state, delivery.attempt_count), ("delivered", 2))
        self.assertEqual(len(delivery.attempt_ids), 2)
        self.assertEqual(listener.events()[0]["event"]["workOrder"]["id"], str(work_order.id))

    def test_listener_that_failed_is_not_tried_again_in_the_batch(self):
        self._system(f"http://127.0.0.1:{free_port()}/events", event_types="WorkOrderCreateEvent")
        listener = self._listener()
        self._system(listener.url, name="Billing", event_types="WorkOrderCreateEvent")
        self._work_order()
        self._work_order()
        progress = self._deliver()
        # One try for the listener that is down, whose rest is not counted as work left.
        self.assertEqual((progress.done, progress.remaining), (3, 0))
        self.assertEqual(len(listener.received), 2)
        unreachable = self.Delivery.search([("listener_id.name", "=", "Provisioning")])
        self.assertEqual(sorted(unreachable.mapped("attempt_count")), [0, 1])

    def test_dead_letter_after_max_retries_then_manual_retry(self):
        answers = {"status": 500}
        listener = self._listener(status=lambda count: answers["status"])
        self._system(listener.url, max_attempts=3, event_types="WorkOrderCreateEvent,WorkOrderStateChangeEvent")
        work_order = self._work_order()
        work_order.action_cancel()
        first, second = self.Delivery.search([], order="id")
        for _attempt in range(3):
            self._make_due()
            # The second event waits behind the first: order is kept per order.
            self.assertEqual(self._send_due(), 1)
        self.assertEqual((first.state, first.attempt_count, first.last_status_code), ("dead", 3, 500))
        self.assertEqual((second.state, second.attempt_count), ("pending", 0))
        self.assertEqual(first.event_id.state, "dead")
        self._make_due()
        self.assertEqual(self._send_due(), 0, "a dead letter holds back the later events of its order")
        answers["status"] = 204
        first.event_id.action_retry()
        self.assertEqual((first.state, first.attempt_count), ("pending", 0))
        self.assertEqual(self._send_due(), 2)
        self.assertEqual((first.state, second.state), ("delivered", "delivered"))
        self.assertEqual(
            [event["eventType"] for event in listener.events()[-2:]],
            ["WorkOrderCreateEvent", "WorkOrderStateChangeEvent"],
        )
        self.assertEqual(len(first.attempt_ids), 4)
        # Every attempt of a delivery carries the same event id.
        first_ids = {
            received["headers"]["X-OMS-Event-Id"]
            for received in listener.received
            if json.loads(received["body"])["eventType"] == "WorkOrderCreateEvent"
        }
        self.assertEqual(first_ids, {first.event_id.event_uuid})

    def test_cron_sends_one_batch_per_call_and_reports_progress(self):
        listener = self._listener()
        self._system(listener.url, event_types="WorkOrderCreateEvent,WorkOrderStateChangeEvent")
        cancelled, other = self._work_order(), self._work_order()
        cancelled.action_cancel()
        self.assertEqual(self.Delivery.search_count([("state", "=", "pending")]), 3)
        progress = self._deliver(batch_size=2)
        self.assertEqual((progress.done, progress.remaining), (2, 1), "one batch, the rest is reported")
        self.assertEqual(len(listener.received), 2)
        calls = 1
        while progress.remaining:
            progress = self._deliver(batch_size=2)
            calls += 1
        self.assertEqual(calls, 2)
        self.assertEqual((progress.done, progress.remaining), (1, 0))
        self.assertFalse(self.Delivery.search([("state", "!=", "delivered")]))
        sent = [(event["eventType"], event["event"]["workOrder"]["id"]) for event in listener.events()]
        self.assertEqual(len(sent), 3)
        # Order is kept within the stream of the cancelled work order's order.
        self.assertLess(
            sent.index(("WorkOrderCreateEvent", str(cancelled.id))),
            sent.index(("WorkOrderStateChangeEvent", str(cancelled.id))),
        )
        self.assertIn(("WorkOrderCreateEvent", str(other.id)), sent)
        self.assertEqual(self._deliver().done, 0)
        # A technical system's URL is called as it is configured.
        self.assertEqual({received["path"] for received in listener.received}, {"/listener"})

    def test_product_order_attribute_change_and_delete_events(self):
        listener = self._listener()
        query = "eventType=ProductOrderAttributeValueChangeEvent,ProductOrderDeleteEvent"
        hub = self.api("POST", f"{PO}/hub", {"callback": listener.url + "/", "query": query})
        self.assertEqual(hub.status_code, 201, hub.text)
        draft = self.api("POST", f"{PO}/productOrder", self._order_payload(state="draft")).json()
        url = f"{PO}/productOrder/{draft['id']}"
        self.assertEqual(self.api("PATCH", url, {"description": "Ring twice"}).status_code, 200)
        self.assertEqual(self.api("PATCH", url, {"productOrderItem": self._items(2)}).status_code, 200)
        # A change of state alone is told by ProductOrderStateChangeEvent only.
        self.assertEqual(self.api("PATCH", url, {"state": "acknowledged"}).status_code, 200)
        other = self.api("POST", f"{PO}/productOrder", self._order_payload(state="draft")).json()
        self.assertEqual(self.api("DELETE", f"{PO}/productOrder/{other['id']}").status_code, 204)
        self._send_due()
        sent = [
            (event["eventType"], event["event"]["productOrder"]["id"], event["event"]["productOrder"]["state"])
            for event in listener.events()
        ]
        # In order per order; the two orders' events may interleave.
        self.assertCountEqual(
            sent,
            [
                ("ProductOrderAttributeValueChangeEvent", draft["id"], "draft"),
                ("ProductOrderAttributeValueChangeEvent", draft["id"], "draft"),
                ("ProductOrderDeleteEvent", other["id"], "draft"),
            ],
        )
        paths = {(json.loads(received["body"])["eventType"], received["path"]) for received in listener.received}
        self.assertEqual(
            paths,
            {
                ("ProductOrderAttributeValueChangeEvent", "/listener/listener/productOrderAttributeValueChangeEvent"),
                ("ProductOrderDeleteEvent", "/listener/listener/productOrderDeleteEvent"),
            },
        )
        deleted = self.Event.search([("event_type", "=", "ProductOrderDeleteEvent")])
        self.assertEqual((deleted.state, deleted.order_id.id), ("delivered", False))
        changes = [event for event in listener.events() if event["eventType"].endswith("AttributeValueChangeEvent")]
        self.assertEqual(len(changes[1]["event"]["productOrder"]["productOrderItem"]), 2)
