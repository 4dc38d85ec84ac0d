# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .common import OmsTelecomCase

# 03:00 UTC on 17 November is still the evening of the 16th in Chicago, and
# already the 17th in Brussels: the day is the premises', not the reader's.
DONE_AT = "2026-11-17 03:00:00"
DAY_DONE = date(2026, 11, 16)


class TestServiceActivation(OmsTelecomCase):
    """A service has one activation date: the day, at its premises, of the work
    that activated it. Billing starts from it; a later change keeps it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "America/Chicago"
        (cls.env.user | cls.user_operator | cls.user_technician).tz = "Europe/Brussels"

    def setUp(self):
        super().setUp()
        self.assertEqual(self.premises_home._telecom_tz(), "America/Chicago")

    def _connection(self):
        with freeze_time("2026-11-09 15:00:00"):
            order = self._create_order(
                lines=[{"product_id": self.fiber_500.id, "parameters": {"bandwidth": 500, "technology": "fiber"}}],
                requested_date="2026-11-16",
                no_scenario=True,
            )
            order.action_submit()
        return order

    def _do(self, work_order):
        work_order.planned_start = "2026-11-16 20:00:00"
        with freeze_time(DONE_AT):
            self._as_technician(work_order).action_start()
            self._as_technician(work_order).action_done("ONT installed")

    def test_activated_on_the_day_its_work_order_was_done_at_the_premises(self):
        order = self._connection()
        self._do(self._create_work_order(order, order.line_ids))
        service = order.line_ids.service_id
        self.assertEqual(order.state, "completed")
        self.assertRecordValues(
            service, [{"state": "active", "date_activated": DAY_DONE, "date_billing_start": DAY_DONE}]
        )
        self.assertEqual(order.line_ids.date_done, DAY_DONE)
        self.assertEqual(order.line_ids._services_start_date(), DAY_DONE)

    def test_order_completed_later_keeps_the_day_of_the_work(self):
        """The technician's work order belongs to the order (as a scenario step's
        does); the operator completes the order three days later."""
        order = self._connection()
        self._do(self._create_work_order(order))
        self.assertEqual(order.line_ids.state, "in_progress", "the line waits for the operator")
        with freeze_time("2026-11-19 15:00:00"):
            order.with_user(self.user_operator).action_complete()
        self.assertEqual(order.state, "completed")
        self.assertRecordValues(
            order.line_ids.service_id, [{"date_activated": DAY_DONE, "date_billing_start": DAY_DONE}]
        )

    def test_without_work_the_day_it_is_activated_at_the_premises(self):
        order = self._connection()
        with freeze_time(DONE_AT):
            order.with_user(self.user_operator).action_complete()
        self.assertEqual(order.line_ids.service_id.date_activated, DAY_DONE)

    def test_a_change_keeps_the_original_activation(self):
        order = self._connection()
        self._do(self._create_work_order(order, order.line_ids))
        service = order.line_ids.service_id
        with freeze_time("2026-11-25 10:00:00"):
            change = self._create_fiber_500_change(service, no_scenario=True)
            change.line_ids.parameters = {"bandwidth": 1000, "technology": "fiber"}
            change.action_submit()
            configuration = self._create_work_order(change, change.line_ids, "configuration")
            configuration.planned_start = "2026-12-02 15:00:00"
        with freeze_time("2026-12-02 16:00:00"):
            self._as_technician(configuration).action_start()
            self._as_technician(configuration).action_done("Profile changed")
        self.assertEqual(change.state, "completed")
        self.assertEqual(change.line_ids.date_done, date(2026, 12, 2))
        self.assertRecordValues(
            service, [{"state": "active", "date_activated": DAY_DONE, "date_billing_start": DAY_DONE}]
        )
        self.assertEqual(service.parameters["bandwidth"], 1000)
