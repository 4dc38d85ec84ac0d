# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.test_translations import load_french

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrderReceipt(TmfApiCase):
    """An order received over the API: its request stores it; the planning job
    writes its creation in the chatter; the receipt job, shortly after, e-mails
    the customer its receipt."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.individual.lang = "fr_FR"
        cls.company = cls.env.company

    def _receipts(self, orders):
        return orders.message_ids.filtered(lambda message: message.message_type == "comment")

    def _send_receipts(self):
        """What the receipt job does when its trigger comes."""
        self.env.invalidate_all()
        return self.env["telecom.order.intake"]._cron_send_receipts()

    def test_receipt_sent_once_by_the_planning_in_the_customer_language(self):
        orders = self.Order.browse(
            int(self._create_order_api(external_id=f"RECEIPT-{index}")["id"]) for index in (1, 2)
        )
        self.assertFalse(self._receipts(orders), "the request does not e-mail")
        receipt_job = self.env.ref("oms_telecom_api.ir_cron_send_api_order_receipts")
        self._plan_received()  # both orders in one batch
        self.assertFalse(self._receipts(orders), "the planning does not e-mail either")
        trigger = self.env["ir.cron.trigger"].search([("cron_id", "=", receipt_job.id)])
        self.assertEqual(len(trigger), 1, "one trigger for the batch")
        self.assertGreater(trigger.call_at, orders[0].date_submitted, "shortly after the planning")
        self.assertEqual(self._send_receipts(), 2)
        for order in orders:
            receipt = self._receipts(order)
            self.assertEqual(len(receipt), 1)
            self.assertEqual(receipt.subject, f"{order.name} : nous avons bien reçu votre commande")
            self.assertEqual(receipt.author_id, self.company.partner_id)
            self.assertEqual(receipt.partner_ids, self.individual)
            self.assertEqual(receipt.subtype_id, self.env.ref("mail.mt_comment"))
        to_customer = [
            ("mail_message_id", "in", self._receipts(orders).ids),
            ("recipient_ids", "=", self.individual.id),
        ]
        self.assertEqual(self.env["mail.mail"].search_count(to_customer), 2)
        self.assertEqual(self._send_receipts(), 0)
        self.assertEqual(len(self._receipts(orders)), 2, "the next run finds nothing to confirm again")

    def test_refused_order_gets_no_receipt(self):
        payload = self._order_payload(external_id="RECEIPT-REFUSED")
        payload["productOrderItem"][0]["product"]["place"] = []
        self.assertError(self.api("POST", f"{PO}/productOrder", payload), 422)
        rejected = self.Order.browse(int(self._create_order_api(external_id="RECEIPT-REJECTED")["id"]))
        rejected.with_user(self.user_operator).action_reject()
        to_customer = [("recipient_ids", "=", self.individual.id)]
        mails = self.env["mail.mail"].search_count(to_customer)
        self._plan_received()
        self._send_receipts()
        self.assertFalse(self.Order.search([("external_reference", "=", "RECEIPT-REFUSED")]))
        self.assertFalse(self._receipts(rejected), "an order rejected before its planning is not confirmed")
        self.assertRecordValues(rejected, [{"state": "rejected", "planning_pending": False, "scenario_id": False}])
        self.assertEqual(self.env["mail.mail"].search_count(to_customer), mails)

    def test_creation_is_written_by_the_planning_as_it_happened(self):
        order = self.Order.browse(int(self._create_order_api(external_id="RECEIPT-CREATED")["id"]))
        integration = self.user_operator.partner_id
        self.assertFalse(order.message_ids, "the request writes no chatter")
        self.assertNotIn(integration, order.message_partner_ids)
        self._plan_received()
        created = order.message_ids.filtered(lambda message: message.body and "created" in message.body)
        self.assertEqual(len(created), 1)
        self.assertEqual(created.author_id, integration)
        self.assertEqual(created.date, order.create_date)
        self.assertEqual(created.subtype_id, self.env.ref("mail.mt_note"))
        self.assertEqual(created, order.message_ids.sorted("id")[0], "the first message of the order's history")
        self.assertIn(integration, order.message_partner_ids, "the creator follows the order, as after create()")

    def test_receipts_give_way_to_orders_waiting_for_their_planning(self):
        planned = self.Order.browse(int(self._create_order_api(external_id="RECEIPT-PLANNED")["id"]))
        self._plan_received()
        waiting = self.Order.browse(int(self._create_order_api(external_id="RECEIPT-WAITING")["id"]))
        self.assertEqual(self._send_receipts(), 0, "the planning of the new order goes first")
        self.assertFalse(self._receipts(planned))
        self._plan_received()
        self.assertEqual(self._send_receipts(), 2)
        self.assertEqual(len(self._receipts(planned | waiting)), 2)
