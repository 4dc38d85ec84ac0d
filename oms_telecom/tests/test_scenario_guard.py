# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from .scenario_common import EscalationCase


class TestScenarioGuard(EscalationCase):
    """What happens to a scenario order out of the steps' way: its priority changes
    mid-step (the step's deadline follows the new SLA), someone completes it by hand
    (OMS managers only). Calendar: Monday to Friday, 8-12 and 13-17 UTC."""

    @classmethod
    def _escalation_rule_values(cls):
        """Level 1 at half the SLA, level 2 at the deadline."""
        common = {"division_id": cls.division_sales.id}
        return [
            {**common, "name": "Jeopardy", "level": 1, "threshold_percent": 50, "notify_responsible": True},
            {**common, "name": "Breach", "level": 2, "threshold_percent": 100, "notify_division_manager": True},
        ]

    @classmethod
    def _scenario_steps(cls):
        return [
            {"name": "Check", "stage_id": cls.stages["new"].id},
            {
                "name": "Work",
                "stage_id": cls.stages["in_progress"].id,
                "sla_hours": 8,
                "sla_hours_high": 4,
                "sla_hours_critical": 1,
            },
            {"name": "Finish", "stage_id": cls.stages["activation"].id, "sla_hours": 4},
        ]

    def _levels(self, order):
        return sorted(self._events(order).mapped("level"))

    # Priority changed mid-step

    def test_raised_priority_brings_the_deadline_forward(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        self.assertEqual(step.date_deadline, datetime(2030, 5, 6, 17, 0))
        self.assertEqual(step.date_next_escalation, datetime(2030, 5, 6, 12, 0))
        self.assertEqual(order.date_deadline, datetime(2030, 5, 7, 12, 0))
        messages = len(order.message_ids)
        with freeze_time("2030-05-06 09:00:00"):
            order.priority = "1"
        # 4 h from the step's start, not from the change.
        self.assertEqual(step.date_deadline, datetime(2030, 5, 6, 12, 0))
        self.assertEqual(step.sla_hours, 4)
        self.assertEqual(step.priority, "1")
        self.assertEqual(step.date_next_escalation, datetime(2030, 5, 6, 10, 0))
        # Then 4 h for Finish: Monday 13-17.
        self.assertEqual(order.date_deadline, datetime(2030, 5, 6, 17, 0))
        self.assertEqual(len(order.message_ids), messages + 1, "one note explains the deadline's move")
        self.assertIn("the priority changed to High", order.message_ids[0].body)

    def test_lowered_priority_pushes_the_deadline_back(self):
        order = self._order_at_work(priority="3")
        step = order.current_order_step_id
        self.assertEqual(step.date_deadline, datetime(2030, 5, 6, 9, 0))
        with freeze_time("2030-05-06 08:30:00"):
            order.priority = "0"
        self.assertEqual(step.date_deadline, datetime(2030, 5, 6, 17, 0))
        self.assertEqual(step.date_next_escalation, datetime(2030, 5, 6, 12, 0))
        self.assertEqual(order.date_deadline, datetime(2030, 5, 7, 12, 0))

    def test_waiting_for_the_customer_stays_out_of_the_new_deadline(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        with freeze_time("2030-05-06 10:00:00"):
            order.action_set_pending("Customer away")
        # Changed while the clock stands still: the new SLA applies when it runs again.
        with freeze_time("2030-05-07 10:00:00"):
            order.priority = "1"
        self.assertEqual(step.sla_hours, 4)
        self.assertFalse(step.date_next_escalation)
        with freeze_time("2030-05-08 10:00:00"):
            order.action_resume()
        # 2 of the 4 h were used before the wait: Wednesday 10-12.
        self.assertEqual(step.date_deadline, datetime(2030, 5, 8, 12, 0))
        # Changed while running: still counted from the step's start, the wait left out.
        with freeze_time("2030-05-08 11:00:00"):
            order.priority = "0"
        # 6 of 8 h left from Wednesday 10:00.
        self.assertEqual(step.date_deadline, datetime(2030, 5, 8, 17, 0))

    def test_escalation_level_reached_is_not_fired_again(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        with freeze_time("2030-05-06 12:30:00"):
            self._run_cron()
        self.assertEqual(self._levels(order), [1])
        self.assertEqual(step.date_next_escalation, datetime(2030, 5, 6, 17, 0))

        # High priority: the deadline (level 2) is already behind, level 1 stays fired.
        with freeze_time("2030-05-06 13:00:00"):
            order.priority = "1"
            self.assertEqual(step.escalation_level, 1)
            self.assertEqual(list(step.escalation_plan), ["2"])
            self.assertEqual(step.date_next_escalation, datetime(2030, 5, 6, 12, 0))
            self._run_cron()
            self._run_cron()
        self.assertEqual(self._levels(order), [1, 2])
        self.assertEqual(step.escalation_level, 2)

        # Back to normal: a later deadline, but what was fired stays fired.
        with freeze_time("2030-05-06 13:30:00"):
            order.priority = "0"
        self.assertEqual(step.date_deadline, datetime(2030, 5, 6, 17, 0))
        self.assertEqual(step.escalation_level, 2)
        self.assertFalse(step.date_next_escalation)
        with freeze_time("2030-05-07 17:00:00"):
            self._run_cron()
        self.assertEqual(self._levels(order), [1, 2])

    # Completion by hand

    def _snapshot(self, order):
        order.invalidate_recordset()
        return {
            "order": (order.state, order.stage_id, order.current_order_step_id),
            "step": order.current_order_step_id.read(["state", "date_end"])[0],
            "lines": [(line.state, line.service_id, line.service_id.state) for line in order.line_ids],
        }

    def test_operator_cannot_complete_a_scenario_order_by_hand(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        before = self._snapshot(order)
        with self.assertRaisesRegex(UserError, "follows a scenario"):
            order.with_user(self.user_operator).action_complete()
        self.assertEqual(self._snapshot(order), before)
        self.assertEqual(step.state, "running")
        # A division manager is no OMS manager either.
        with self.assertRaisesRegex(UserError, "follows a scenario"):
            order.with_user(self.user_division_manager).action_complete()
        self.assertEqual(self._snapshot(order), before)

    def test_oms_manager_completes_a_scenario_order_by_hand(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        order.with_user(self.user_oms_manager).action_complete()
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(order.line_ids.service_id.state, "active")
        self.assertEqual(step.state, "done")

    def test_operator_completes_an_order_processed_by_hand(self):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        self.assertFalse(order.scenario_id)
        order.with_user(self.user_operator).action_complete()
        self.assertEqual(order.state, "completed")
