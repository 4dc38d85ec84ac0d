# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalTours(TelecomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_network()

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
