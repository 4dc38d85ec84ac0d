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
        # The addons' demo orders: the portal's and the API's follow oms_telecom's.
        data = cls.env["ir.model.data"].search([("module", "=like", "oms_telecom%"), ("model", "=", "telecom.order")])
        cls.orders = cls.env["telecom.order"].browse(data.mapped("res_id")).exists()

    def test_work_orders_are_numbered_in_the_order_they_were_made(self):
        # The stories are played side by side: a visit a story plans days after
        # its order is made after what the other stories do meanwhile.
        work_orders = self.orders.work_order_ids.sorted("name")
        self.assertGreater(len(work_orders), 50)
        created = work_orders.mapped("create_date")
        late = [
            wo.name
            for wo, after in zip(work_orders, work_orders[1:], strict=False)
            if wo.create_date > after.create_date
        ]
        self.assertEqual(created, sorted(created), f"work orders numbered out of the order of their making: {late}")

    def test_orders_come_through_a_channel_that_can_make_them(self):
        # The public form makes connection orders for prospects; a customer
        # orders from the portal when they have a login, else on the phone.
        public_user = self.env.ref("base.public_user")
        for order in self.orders.filtered(lambda order: order.channel == "web"):
            self.assertEqual(order.create_uid, public_user, order.name)
            self.assertEqual(order.order_type, "connection", order.name)
        for order in self.orders.filtered(lambda order: order.channel == "operator"):
            self.assertFalse(order.create_uid.share, order.name)
            if order.date_submitted:
                submitted = self._state_changes(order, "Acknowledged")[:1]
                self.assertEqual(submitted.author_id, order.create_uid.partner_id, order.name)
        # Nothing is made by the bot.
        self.assertFalse(self.orders.filtered(lambda order: order.create_uid == self.env.ref("base.user_root")))

    def _state_changes(self, order, state_name):
        state_field = self.env["ir.model.fields"]._get("telecom.order", "state")
        return (
            self.env["mail.tracking.value"]
            .search(
                [
                    ("field_id", "=", state_field.id),
                    ("mail_message_id.model", "=", "telecom.order"),
                    ("mail_message_id.res_id", "=", order.id),
                    ("new_value_char", "=", state_name),
                ],
                order="id",
            )
            .mail_message_id
        )
