# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import OmsTelecomCase


class TestCancellation(OmsTelecomCase):
    def _connection_under_way(self):
        order, installation, configuration = self._submit_internet_and_phone()
        self._as_technician(installation).action_start()
        return order, installation, configuration

    def test_accepted_cancellation(self):
        order, installation, configuration = self._connection_under_way()
        self.assertEqual(order.state, "in_progress")
        services_before = self.env["telecom.subscriber.service"].search_count([])

        order.action_request_cancellation()
        self.assertEqual(order.state, "assessing_cancellation")
        self.assertEqual(order.stage_id.state, "assessing_cancellation")
        self.assertEqual(order.state_before_cancellation, "in_progress")
        self.assertEqual(installation.state, "in_progress", "nothing stops while the request is assessed")

        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        self.assertEqual(order.stage_id.state, "cancelled")
        self.assertTrue(order.is_closed)
        self.assertTrue(order.date_closed)
        self.assertEqual((installation | configuration).mapped("state"), ["cancelled", "cancelled"])
        self.assertEqual(order.line_ids.mapped("state"), ["cancelled", "cancelled"])
        self.assertFalse(order.line_ids.service_id)
        self.assertEqual(self.env["telecom.subscriber.service"].search_count([]), services_before)
        self.assertEqual(order.amount_installation, 0.0, "cancelled lines cost nothing")

    def test_cancellation_keeps_what_is_done(self):
        order, installation, configuration = self._connection_under_way()
        self._as_technician(configuration).action_done("Done on site.")
        phone_line = configuration.line_id
        self.assertEqual(phone_line.state, "done")
        phone_service = phone_line.service_id
        self.assertEqual(phone_service.state, "active")

        order.action_request_cancellation()
        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        self.assertEqual(configuration.state, "done")
        self.assertEqual(installation.state, "cancelled")
        self.assertEqual(phone_line.state, "done")
        self.assertEqual(installation.line_id.state, "cancelled")
        self.assertEqual(phone_service.state, "active")

    def test_cancelled_change_leaves_the_service_untouched(self):
        service = self._create_service(parameters={"bandwidth": 100, "technology": "dsl"})
        order = self._create_fiber_500_change(service)
        order.action_submit()
        configuration = self._create_work_order(order, order.line_ids, "configuration")
        order.action_request_cancellation()
        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        self.assertEqual(configuration.state, "cancelled")
        self.assertEqual(service.product_id, self.fiber_100)
        self.assertEqual(service.parameters, {"bandwidth": 100, "technology": "dsl"})
        self.assertEqual(service.state, "active")

    def test_refused_cancellation(self):
        for path, state in (
            (["action_submit"], "acknowledged"),
            (["action_submit", "action_start"], "in_progress"),
            (["action_submit", "action_start", "action_set_pending"], "pending"),
            (["action_submit", "action_start", "action_hold"], "held"),
        ):
            with self.subTest(state=state):
                order = self._create_order()
                for step in path:
                    getattr(order, step)()
                stage = order.stage_id
                order.action_request_cancellation()
                self.assertEqual(order.state, "assessing_cancellation")
                order.action_refuse_cancellation()
                self.assertEqual(order.state, state)
                self.assertEqual(order.stage_id, stage)
                self.assertFalse(order.date_closed)
                self.assertNotEqual(order.line_ids.state, "cancelled")

    def test_refused_cancellation_keeps_work_orders(self):
        order, installation, configuration = self._connection_under_way()
        order.action_request_cancellation()
        order.action_refuse_cancellation()
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(installation.state, "in_progress")
        self.assertEqual(configuration.state, "draft")
        self._as_technician(installation | configuration).action_done("Done on site.")
        self.assertEqual(order.state, "completed")

    def test_not_cancellable_once_closed(self):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        order.action_complete()
        self.assertEqual(order.state, "completed")
        with self.assertRaisesRegex(UserError, "can no longer be cancelled"):
            order.action_request_cancellation()
        self.assertEqual(order.state, "completed")
        with self.assertRaises(UserError):
            order.action_accept_cancellation()
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(order.line_ids.service_id.state, "active")

    def test_accept_without_request(self):
        order, installation, _configuration = self._connection_under_way()
        with self.assertRaises(UserError):
            order.action_accept_cancellation()
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(installation.state, "in_progress")
        self.assertEqual(order.line_ids.mapped("state"), ["in_progress", "in_progress"])

    def test_draft_is_cancelled_directly(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "can no longer be cancelled"):
            order.action_request_cancellation()
        order.action_cancel_draft()
        self.assertEqual(order.state, "cancelled")
        self.assertTrue(order.date_closed)

    def test_cancelled_order_takes_no_work_orders(self):
        order, _installation, _configuration = self._connection_under_way()
        order.action_request_cancellation()
        order.action_accept_cancellation()
        with self.assertRaisesRegex(UserError, "does not take new work orders"):
            self._create_work_order(order, kind="diagnosis")
        self.assertEqual(order.work_order_count, 2)
