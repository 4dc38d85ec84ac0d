# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from freezegun import freeze_time
from markupsafe import escape

from odoo.tests import tagged

from .common import TmfApiCase


@tagged("post_install", "-at_install")
class TestPlanningBatch(TmfApiCase):
    """Orders received over the API and planned together in one batch of the
    planning job end as the same orders planned one by one: the same steps and
    deadlines, work orders, chatter messages and events, in the same order. (The
    tracking messages are mail.thread's for one order, logged together for more,
    the planning's notes as their bodies: see telecom.order._message_track.)"""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario = cls._create_scenario(
            [
                {
                    "name": "Survey",
                    "stage_id": cls.stages["in_progress"].id,
                    "sla_hours": 8,
                    "sla_hours_high": 4,
                    "actions": [
                        {"action_type": "create_work_orders", "work_order_kind": "installation"},
                        {"action_type": "call_technical_system", "system_code": "provisioning"},
                    ],
                },
                {"name": "Installation", "stage_id": cls.stages["technical"].id, "sla_hours": 16},
            ],
            subscriber_kind="individual",
            product_family="internet",
            sequence=1,
        )
        Listener = cls.env["telecom.api.listener"]
        Listener.create(
            {
                "name": "Shop events",
                "kind": "system",
                "callback": "http://127.0.0.1:9/events",
                "event_types": "ProductOrderCreateEvent,ProductOrderStateChangeEvent",
            }
        )
        Listener.create(
            {
                "name": "Provisioning",
                "kind": "system",
                "callback": "http://127.0.0.1:9/provisioning",
                "system_code": "provisioning",
                "event_types": "TechnicalSystemRequestEvent",
            }
        )

    def _receive(self, priorities):
        """Orders stored by the API's service layer, as the POST stores them, one per priority."""
        service = self.env["telecom.api.product.order"].with_user(self.user_operator)
        orders = self.Order
        for priority in priorities:
            orders |= service._create(self._order_payload(priority=priority), self.shop.id)
        # What the request's commit runs (its tracking) is done before the planning.
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        return orders

    def _story(self, order):
        """What planning left on `order`: its steps, work orders, notes (work
        orders named by what they are, their numbers aside) and events."""
        work_orders = order.work_order_ids.sorted("id")

        def text(body):
            for work_order in work_orders:
                body = body.replace(work_order.name, work_order.kind)
            return body

        messages = order.message_ids.sorted("id").sudo()
        events = self.env["telecom.api.event"].search([("order_id", "=", order.id)], order="id")
        return {
            "order": order.read(
                ["state", "stage_id", "scenario_id", "division_id", "user_id", "date_deadline", "date_expected"]
            )[0],
            "steps": [
                (step.name, step.state, step.division_id, step.user_id, step.date_start, step.date_deadline)
                + (step.sla_hours, step.escalation_plan, step.date_next_escalation, step.attempt)
                for step in order.order_step_ids.sorted("id")
            ],
            "work_orders": [(wo.kind, wo.state, wo.order_step_id.name) for wo in work_orders],
            "messages": [
                (message.message_type, message.subtype_id, message.author_id, message.date, text(message.body))
                + (sorted(message.tracking_value_ids.field_id.mapped("name")),)
                for message in messages
            ],
            "routing_reason": order.routing_reason,
            "events": [
                (event.event_type, (json.loads(event.payload)["event"].get("productOrder") or {}).get("state"))
                for event in events
            ],
        }

    def _planned_stories(self, orders, batch_size):
        """The stories of `orders` planned in batches of `batch_size`, then forgotten:
        the same orders can be planned again another way."""
        Intake = self.env["telecom.order.intake"]
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT planning_batch")
        while Intake._cron_plan_received(batch_size=batch_size):
            pass
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        stories = [self._story(order) for order in orders]
        self.env.cr.execute("ROLLBACK TO SAVEPOINT planning_batch")
        self.env.invalidate_all()
        return stories

    @freeze_time("2030-05-15 10:00:00")
    def test_a_batch_plans_as_orders_planned_one_by_one(self):
        # Normal, high and normal priority (TMF 3 and 2): two SLAs in one batch.
        orders = self._receive(["3", "2", "3"])
        together = self._planned_stories(orders, batch_size=3)
        self.assertEqual(self._planned_stories(orders, batch_size=1), together)
        for story in together:
            self.assertEqual(story["order"]["state"], "in_progress")
            self.assertEqual([step[0] for step in story["steps"]], ["Survey"])
            self.assertTrue(story["steps"][0][5], "the step has its deadline")
            self.assertEqual(story["work_orders"], [("installation", "draft", "Survey")])
            self.assertEqual(
                story["events"],
                [
                    ("ProductOrderCreateEvent", "acknowledged"),
                    ("ProductOrderStateChangeEvent", "acknowledged"),
                    ("ProductOrderStateChangeEvent", "inProgress"),
                    ("TechnicalSystemRequestEvent", "inProgress"),
                ],
            )
            # The creation note, then the planning's routing and step notes with
            # what it set (the step's automatic actions, in a savepoint, log the
            # tracking before the step's note: see telecom.order._log_with_tracking).
            creation, *planning = story["messages"]
            self.assertEqual(creation[4], "<p>Telecom Order created</p>")
            self.assertEqual([bool(message[5]) for message in planning], [True, False])
            self.assertIn("scenario_id", planning[0][5])
            notes = "".join(message[4] for message in planning)
            routing_note = escape(story["routing_reason"])
            self.assertIn(routing_note, notes)
            self.assertIn("started: the order is at the step Survey", notes)
            self.assertLess(notes.index(routing_note), notes.index("started:"))
        # The high priority order's SLA is shorter.
        self.assertLess(together[1]["steps"][0][5], together[0]["steps"][0][5])
