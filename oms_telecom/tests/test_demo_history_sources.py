# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoHistorySources(TransactionCase):
    """Where the demo's records come from: each is made by the code, and the
    person, that makes it in production, when it happens."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search([("module", "=", "oms_telecom"), ("model", "=", "telecom.order")])
        cls.orders = cls.env["telecom.order"].browse(data.mapped("res_id")).exists()

    def test_work_orders_are_numbered_in_the_order_they_were_made(self):
        # The stories are played side by side: a visit a story plans days after
        # its order is made after what the other stories do meanwhile.
        work_orders = self.orders.work_order_ids.sorted("name")
        self.assertGreater(len(work_orders), 50)
        created = work_orders.mapped("create_date")
        late = [wo.name for wo, after in zip(work_orders, work_orders[1:], strict=False) if wo.create_date > after.create_date]
        self.assertEqual(created, sorted(created), f"work orders numbered out of the order of their making: {late}")
