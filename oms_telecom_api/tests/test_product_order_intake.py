# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.tests import tagged

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrderIntake(TmfApiCase):
    """POST productOrder answers once the order is stored and acknowledged; its
    routing and planning follow in the scheduled action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A scenario whose first step is under way: planning takes the order in progress.
        cls.scenario = cls._create_scenario(
            [
                {"name": "Survey", "stage_id": cls.stages["in_progress"].id},
                {"name": "Installation", "stage_id": cls.stages["technical"].id},
            ],
            subscriber_kind="individual",
            product_family="internet",
            sequence=1,
        )

    def test_answer_comes_before_planning(self):
        created = self._create_order_api(external_id="ASYNC-1")
        order = self.Order.browse(int(created["id"]))
        self.assertEqual(created["state"], "acknowledged")
        self.assertRecordValues(
            order, [{"state": "acknowledged", "planning_pending": True, "division_id": False, "scenario_id": False}]
        )
        # Read back while planning is pending: received, nothing promised yet.
        body = self.api("GET", f"{PO}/productOrder/{order.id}").json()
        self.assertEqual(body["state"], "acknowledged")
        self.assertIsNone(body.get("expectedCompletionDate"))
        self._plan_received()
        self.assertRecordValues(
            order, [{"state": "in_progress", "planning_pending": False, "scenario_id": self.scenario.id}]
        )
        self.assertTrue(order.division_id)
        self.assertEqual(order.current_order_step_id.name, "Survey")
        self.assertEqual(self.api("GET", f"{PO}/productOrder/{order.id}").json()["state"], "inProgress")

    def test_events_arrive_acknowledged_then_in_progress(self):
        self.env["telecom.api.listener"].create(
            {
                "name": "Shop events",
                "kind": "system",
                "callback": "http://127.0.0.1:9/events",
                "event_types": "ProductOrderCreateEvent,ProductOrderStateChangeEvent",
            }
        )
        order = self.Order.browse(int(self._create_order_api(external_id="ASYNC-2")["id"]))
        self._plan_received()
        events = self.env["telecom.api.event"].search([("order_id", "=", order.id)], order="id")
        self.assertEqual(
            [(event.event_type, json.loads(event.payload)["event"]["productOrder"]["state"]) for event in events],
            [
                ("ProductOrderCreateEvent", "acknowledged"),
                ("ProductOrderStateChangeEvent", "acknowledged"),
                ("ProductOrderStateChangeEvent", "inProgress"),
            ],
        )
        # Each order's deliveries go out in this order (one stream per order).
        deliveries = events.delivery_ids.sorted("id")
        self.assertEqual(deliveries.event_id, events)
        self.assertEqual(set(deliveries.mapped("stream_key")), {f"telecom.order,{order.id}"})

    def test_idempotency_key_replays_the_acknowledgement(self):
        payload = self._order_payload(external_id="ASYNC-3")
        headers = {"Idempotency-Key": "async-3"}
        first = self.api("POST", f"{PO}/productOrder", payload, headers=headers)
        self._plan_received()
        again = self.api("POST", f"{PO}/productOrder", payload, headers=headers)
        self.assertEqual(again.status_code, 201)
        self.assertEqual(again.headers["Idempotent-Replayed"], "true")
        self.assertEqual(again.json(), first.json(), "the first answer, as it was given")
        self.env.invalidate_all()
        self.assertEqual(self.Order.search_count([("external_reference", "=", "ASYNC-3")]), 1)

    def test_refused_order_is_answered_and_not_stored(self):
        payload = self._order_payload(external_id="ASYNC-4")
        payload["relatedParty"] = []
        payload["productOrderItem"][0]["product"]["place"] = [{"id": str(self.premises_home.id)}]
        response = self.api("POST", f"{PO}/productOrder", payload)
        self.assertError(response, 422, "ORDER_REFUSED")
        self.env.invalidate_all()
        self.assertFalse(self.Order.search([("external_reference", "=", "ASYNC-4")]))

    def test_draft_is_not_planned(self):
        order = self.Order.browse(int(self._create_order_api(external_id="ASYNC-5", state="draft")["id"]))
        self.assertRecordValues(order, [{"state": "draft", "planning_pending": False}])
        self.assertTrue(order.division_id, "a draft is routed when it is created, as the backend's")
