# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoApiOrders(TransactionCase):
    """The demo's integrations send their orders through the API's own code, as
    their user, once oms_telecom's history has been told."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search([("module", "=", "oms_telecom_api"), ("model", "=", "telecom.order")])
        cls.orders = cls.env["telecom.order"].browse(data.mapped("res_id")).exists()

    def test_integrations_send_their_orders_as_their_user(self):
        self.assertEqual(len(self.orders), 4)
        self.assertEqual(set(self.orders.mapped("order_type")), {"connection", "change", "problem"})
        all_orders = self.env["telecom.order"].search([("channel", "=", "api")])
        self.assertEqual(all_orders, self.orders, "every API order of the demo came through the API")
        for order in self.orders:
            client = order.tmf_client_id
            self.assertTrue(client, order.name)
            self.assertEqual(order.create_uid, client.user_id, order.name)
            self.assertTrue(order.date_submitted, order.name)
            self.assertFalse(order.planning_pending, order.name)
            # The creation note is signed by the integration, dated as created.
            notes = order.message_ids.filtered(
                lambda message, client=client: message.author_id == client.user_id.partner_id
            )
            self.assertTrue(notes, order.name)
            self.assertEqual(min(notes.mapped("date")), order.create_date, order.name)
        self.assertEqual(
            set(self.orders.filtered(lambda order: order.order_type == "problem").tmf_client_id.mapped("name")),
            {"Network Monitoring"},
        )

    def test_externalids_are_claimed(self):
        # A second request with the same externalId is answered as the first.
        Idempotency = self.env["telecom.api.idempotency"].sudo()
        for order in self.orders.filtered("external_reference"):
            claims = Idempotency.search(
                [("client_id", "=", order.tmf_client_id.id), ("key", "like", order.external_reference)]
            )
            self.assertTrue(claims, order.name)

    def test_receipts_follow_the_planning(self):
        # The receipt job e-mails the customer shortly after the planning.
        receipt = self.env.ref("oms_telecom.mail_template_telecom_order_received")
        for order in self.orders.filtered(lambda order: order.order_type != "problem"):
            self.assertFalse(order.tmf_receipt_pending, order.name)
            if not (order.partner_id.email or order.prospect_email):
                continue
            subject = receipt._render_field("subject", order.ids)[order.id]
            sent = order.message_ids.filtered(lambda message, subject=subject: message.subject == subject)
            self.assertEqual(len(sent), 1, order.name)
            self.assertGreater(sent.date, order.date_submitted, order.name)

    def test_api_orders_follow_the_others(self):
        # Sent after the stories told before them: numbered after those orders.
        data = self.env["ir.model.data"].search([("module", "=like", "oms_telecom%"), ("model", "=", "telecom.order")])
        orders = self.env["telecom.order"].browse(data.mapped("res_id")).sorted("name")
        earlier = orders.filtered(lambda order: order.name < min(self.orders.mapped("name")))
        self.assertTrue(earlier)
        self.assertLess(max(earlier.mapped("create_date")), min(self.orders.mapped("create_date")))
