# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestInvoicePayment(BillingCase, HttpCase):
    """A subscriber pays their invoice from the portal with Odoo's demo payment
    provider (installed with the demo and the tests), and sees it paid there
    and in the backend."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.provider = cls.env["payment.provider"].search(
            [("code", "=", "demo"), ("company_id", "=", cls.company.id)], limit=1
        )

    def test_the_demo_provider_is_ready_for_the_subscribers(self):
        self.assertEqual(self.provider.state, "test", "the demo provider is enabled, in test mode")
        self.assertTrue(self.provider.is_published)

    def test_tour_pay_an_invoice(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect(
            "2026-11-16", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertEqual((invoice.state, invoice.payment_state), ("posted", "not_paid"))
        # Sent as Invoicing sends it in the background: the portal shows the invoice itself.
        self.env["account.move"]._cron_account_move_send(job_count=100)
        # Other invoices of the demo are not the subscriber's: one in the list.
        self.start_tour("/my/invoices", "oms_telecom_billing_pay_invoice", login=self.user_portal.login)
        transaction = invoice.transaction_ids
        self.assertEqual(transaction.provider_id, self.provider)
        self.assertEqual(transaction.state, "done")
        self.assertIn(invoice.payment_state, ("paid", "in_payment"), "paid, as the backend shows it")
        self.assertFalse(invoice.amount_residual)
