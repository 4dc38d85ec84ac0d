# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import TmfApiCase


@tagged("post_install", "-at_install")
class TestPlanningAddresses(TmfApiCase):
    """The planning job asks which divisions operate the addresses of a batch's
    orders once for the whole batch (the routing's answers included), not once
    per order: orders received at many addresses cost it the queries of orders
    received at one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        address = {"country_id": cls.country.id, "city": "Testville", "zip": "1000", "street": "Rue des Tests"}
        cls.street = cls.env["telecom.premises"].create(
            [{**address, "house_number": str(number)} for number in range(20, 30)]
        )

    def _receive(self, premises_list):
        """One order per premises, stored as the API's POST stores them."""
        service = self.env["telecom.api.product.order"].with_user(self.user_operator)
        orders = self.Order
        for premises in premises_list:
            payload = self._order_payload()
            payload["productOrderItem"][0]["product"]["place"][0]["id"] = str(premises.id)
            orders |= service._create(payload, self.shop.id)
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        return orders

    def _plan_counting_queries(self, orders):
        before = self.cr.sql_log_count
        self.assertEqual(self.env["telecom.order.intake"]._cron_plan_received(), len(orders))
        self.env.flush_all()
        return self.cr.sql_log_count - before

    @freeze_time("2030-05-15 10:00:00")
    def test_orders_at_many_addresses_cost_the_queries_of_orders_at_one(self):
        self._plan_counting_queries(self._receive([self.premises_home] * 3))  # warm-up: caches, sequences
        at_one = self._plan_counting_queries(self._receive([self.premises_home] * len(self.street)))
        at_many_orders = self._receive(self.street)
        self.assertEqual(self._plan_counting_queries(at_many_orders), at_one)
        self.env.invalidate_all()
        for order in at_many_orders:
            self.assertFalse(order.planning_pending)
            self.assertTrue(order.current_order_step_id)
            self.assertTrue(order.date_deadline, "the steps after the first are planned on their division's calendar")
        steps = at_many_orders.current_order_step_id
        self.assertEqual(len(set(steps.mapped("date_deadline"))), 1, "orders entering in the same second share it")
