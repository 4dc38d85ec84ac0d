# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from pytz import utc

from odoo.addons.oms_telecom.models.telecom_batch_memo import remembering

from .scenario_common import ScenarioCase


class TestSla(ScenarioCase):
    """Deadlines on the division's working calendar (Monday to Friday, 8-12 and
    13-17 UTC), by priority, across weekends and public holidays; the clock
    stops while the order waits for the customer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Whit Monday, a public holiday on the calendar.
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Whit Monday",
                "calendar_id": cls.calendar.id,
                "date_from": "2030-05-13 00:00:00",
                "date_to": "2030-05-13 23:59:59",
                "time_type": "leave",
            }
        )
        cls.scenario = cls._create_scenario(
            [
                {"name": "Check", "stage_id": cls.stages["new"].id, "sla_hours": 1},
                {
                    "name": "Work",
                    "stage_id": cls.stages["in_progress"].id,
                    "sla_hours": 8,
                    "sla_hours_high": 4,
                    "sla_hours_critical": 1,
                },
                {"name": "Customer", "stage_id": cls.stages["pending"].id},
                {"name": "Finish", "stage_id": cls.stages["activation"].id, "sla_hours": 4},
            ]
        )

    def _order_at_work(self, **values):
        order = self._create_order(scenario_id=self.scenario.id, **values)
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Work")
        return order

    @freeze_time("2030-05-10 15:00:00")
    def test_deadline_across_weekend_and_holiday(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        self.assertEqual(step.calendar_id, self.calendar)
        self.assertEqual(step.sla_hours, 8)
        # Friday 15-17 (2 h), weekend, Whit Monday off, Tuesday 8-12 (4 h) and 13-15 (2 h).
        self.assertEqual(step.date_deadline, datetime(2030, 5, 14, 15, 0))
        # The order: then 4 h for Finish (the customer's step has no SLA): Tuesday 15-17, Wednesday 8-10.
        self.assertEqual(order.date_deadline, datetime(2030, 5, 15, 10, 0))
        self.assertEqual(order.step_deadline, step.date_deadline)

    @freeze_time("2030-05-10 15:00:00")
    def test_deadline_by_priority(self):
        high = self._order_at_work(priority="1")
        # 4 h: Friday 15-17, then Tuesday 8-10.
        self.assertEqual(high.current_order_step_id.date_deadline, datetime(2030, 5, 14, 10, 0))
        urgent = self._order_at_work(priority="2", premises=self.premises_cottage)
        self.assertEqual(urgent.current_order_step_id.sla_hours, 4, "no urgent SLA: the high one applies")
        critical = self._order_at_work(priority="3", premises=self.premises_office)
        self.assertEqual(critical.current_order_step_id.date_deadline, datetime(2030, 5, 10, 16, 0))

    def test_pending_stops_the_clock(self):
        with freeze_time("2030-05-10 15:00:00"):
            order = self._order_at_work()
        step = order.current_order_step_id
        with freeze_time("2030-05-10 16:00:00"):
            order.action_set_pending("Customer away until Wednesday")
        self.assertEqual(step.state, "pending")
        self.assertAlmostEqual(step.consumed_hours, 1.0)
        self.assertFalse(step.date_next_escalation, "no escalation while the clock stands still")
        with freeze_time("2030-05-15 10:00:00"):
            order.action_resume()
        self.assertEqual(step.state, "running")
        self.assertAlmostEqual(step.pending_duration, 4 * 24 + 18)
        # 7 h left from Wednesday 10:00: 10-12, 13-17, Thursday 8-9.
        self.assertEqual(step.date_deadline, datetime(2030, 5, 16, 9, 0))
        # Then 4 h for Finish: Thursday 9-12 and 13-14.
        self.assertEqual(order.date_deadline, datetime(2030, 5, 16, 14, 0))
        with freeze_time("2030-05-15 14:00:00"):
            order.action_next_step()
        self.assertEqual(step.state, "done")
        self.assertAlmostEqual(step.working_hours, 1.0 + 3.0)
        self.assertAlmostEqual(step.duration, 4 * 24 + 23)
        self.assertFalse(step.is_late)

    def test_waiting_step_has_no_running_clock(self):
        with freeze_time("2030-05-06 08:00:00"):
            order = self._order_at_work()
        with freeze_time("2030-05-06 10:00:00"):
            order.action_next_step()
        waiting = order.current_order_step_id
        self.assertEqual(order.state, "pending")
        self.assertEqual(waiting.state, "pending")
        self.assertFalse(waiting.date_deadline)
        with freeze_time("2030-05-09 10:00:00"):
            order.action_next_step()
        self.assertEqual(waiting.state, "done")
        self.assertAlmostEqual(waiting.pending_duration, 72.0)
        self.assertAlmostEqual(waiting.working_hours, 0.0)

    def test_hold_keeps_the_clock_running(self):
        with freeze_time("2030-05-06 08:00:00"):
            order = self._order_at_work()
        step = order.current_order_step_id
        deadline = step.date_deadline
        with freeze_time("2030-05-06 09:00:00"):
            order.action_hold("Waiting for a spare part")
        self.assertEqual(step.state, "held")
        self.assertEqual(step.date_deadline, deadline)
        self.assertTrue(step.date_next_escalation)
        with freeze_time("2030-05-06 11:00:00"):
            order.action_resume()
        self.assertEqual(step.date_deadline, deadline)
        # The two held hours are counted, for the managers' reporting too.
        self.assertAlmostEqual(step.held_duration, 2.0)
        self.assertFalse(step.held_since)
        self.env.flush_all()
        report = self.env["telecom.order.report"].search([("order_id", "=", order.id)])
        self.assertAlmostEqual(report.held_hours, 2.0)

    def test_manual_deadline_is_kept(self):
        with freeze_time("2030-05-06 08:00:00"):
            order = self._create_order(scenario_id=self.scenario.id, date_deadline="2030-06-30 12:00:00")
            order.action_submit()
            order.action_next_step()
        self.assertEqual(order.date_deadline, datetime(2030, 6, 30, 12, 0))
        self.assertEqual(order.current_order_step_id.date_deadline, datetime(2030, 5, 6, 17, 0))

    @freeze_time("2030-05-10 15:00:00")
    def test_remembered_plans_equal_plan_hours(self):
        starts = [datetime(2030, 5, 10, 15, 0), datetime(2030, 5, 11, 9, 30), datetime(2030, 5, 12, 23, 0)]
        # Within a window, at interval edges, across the holiday, and beyond the window.
        hours_list = [0, 0.5, 2, 4, 8, 9, 40, 79, 200]
        expected = {
            (start, hours): self.calendar.plan_hours(hours, start, compute_leaves=True)
            for start in starts
            for hours in hours_list
        }
        with remembering(self.env):
            remembered = {
                (start, hours): self.calendar._telecom_plan_hours(hours, start)
                for start in starts
                for hours in hours_list
            }
        self.assertEqual(remembered, expected)

    @freeze_time("2030-05-10 15:00:00")
    def test_new_hours_and_holidays_move_the_next_plans(self):
        """Working hours are read once for many plans: a new public holiday, or
        hours taken off the calendar, count from the next plan on."""
        thursday = datetime(2030, 5, 16, 8, 0)
        before = self.calendar._telecom_plan_hours(4, thursday)
        self.assertEqual(before, datetime(2030, 5, 16, 12, 0))
        holiday = self.env["resource.calendar.leaves"].create(
            {
                "name": "Bridge day",
                "calendar_id": self.calendar.id,
                "date_from": "2030-05-16 00:00:00",
                "date_to": "2030-05-16 23:59:59",
                "time_type": "leave",
            }
        )
        self.assertEqual(self.calendar._telecom_plan_hours(4, thursday), datetime(2030, 5, 17, 12, 0))
        holiday.unlink()
        self.assertEqual(self.calendar._telecom_plan_hours(4, thursday), before)
        self.calendar.attendance_ids.filtered(lambda attendance: attendance.dayofweek == "3").unlink()
        self.assertEqual(self.calendar._telecom_plan_hours(4, thursday), datetime(2030, 5, 17, 12, 0))

    def test_working_now_as_the_calendar_says(self):
        """Routing's "does the division work now", read from the cached windows,
        answers as the calendar does, hour by hour over a week with a holiday,
        and follows a new holiday."""
        for hour in range(7 * 24):
            moment = utc.localize(datetime(2030, 5, 10, 0, 30) + timedelta(hours=hour))
            works = bool(self.calendar._work_intervals_batch(moment, moment + timedelta(minutes=1))[False])
            self.assertEqual(self.calendar._telecom_works_at(moment), works, moment)
        friday = utc.localize(datetime(2030, 5, 17, 9, 0))
        self.assertTrue(self.calendar._telecom_works_at(friday))
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Company day",
                "calendar_id": self.calendar.id,
                "date_from": "2030-05-17 00:00:00",
                "date_to": "2030-05-17 23:59:59",
                "time_type": "leave",
            }
        )
        self.assertFalse(self.calendar._telecom_works_at(friday))

    @freeze_time("2030-05-10 15:00:00")
    def test_orders_submitted_together_read_working_hours_once(self):
        Calendar = type(self.env["resource.calendar"])
        reads = []
        original = Calendar._work_intervals_batch

        def counting(calendar, *args, **kwargs):
            reads.append(calendar.id)
            return original(calendar, *args, **kwargs)

        one = self._create_order(scenario_id=self.scenario.id)
        ten = self.env["telecom.order"].concat(
            *(self._create_order(scenario_id=self.scenario.id) for _index in range(10))
        )
        self.env.registry.clear_cache()
        with patch.object(Calendar, "_work_intervals_batch", counting):
            one.action_submit()
            reads_for_one = len(reads)
            reads.clear()
            ten.action_submit()
        self.assertTrue(reads_for_one)
        # The same weeks for every order: read for the first, not again for the next ones.
        self.assertFalse(reads)
        self.assertEqual(len(set(ten.mapped("date_deadline"))), 1)
        self.assertEqual(ten[0].date_deadline, one.date_deadline)
        # Their step notes are logged together, one per order.
        for order in ten:
            notes = order.message_ids.filtered(lambda message: "started: the order is at the step" in message.body)
            self.assertEqual(len(notes), 1, order.name)
