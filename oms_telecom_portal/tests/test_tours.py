from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(TelecomPortalCase):
    def test_tour_public_order_form(self):
        self.start_tour("/telecom/order", "oms_telecom_portal_public_order")
        order = self._new_orders([("prospect_email", "=", "tina.tour@example.com")])
        self.assertEqual(len(order), 1)
        self.assertRecordValues(
            order,
            [{"channel": "web", "state": "acknowledged", "prospect_name": "Tina Tour", "uncovered_address": False}],
        )
        self.assertEqual(order.line_ids.product_id, self.fiber)

    def test_tour_portal_new_order(self):
        self.start_tour("/my", "oms_telecom_portal_new_order", login=self.user_subscriber.login)
        order = self._new_orders([("channel", "=", "portal")])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.subscriber)
        self.assertEqual(order.premises_id, self.premises_home)
        self.assertEqual(order.line_ids.product_id, self.fiber | self.phone)

    def test_tour_portal_problem(self):
        self.start_tour("/my/telecom/services", "oms_telecom_portal_report_problem", login=self.user_subscriber.login)
        problem = self._new_orders([("order_type", "=", "problem")])
        self.assertEqual(len(problem), 1)
        self.assertEqual(problem.affected_service_id, self.service)
        # The support team starts working on it...
        problem.action_start()
        # ... and the subscriber confirms it is solved.
        self.start_tour("/my", "oms_telecom_portal_confirm_solved", login=self.user_subscriber.login)
        self.assertEqual(problem.state, "completed")
