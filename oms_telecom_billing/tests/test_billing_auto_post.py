# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingAutoPost(BillingCase):
    """Telecom invoices posted as they are made, when the company says so."""

    def test_setting(self):
        self.assertFalse(self.company.telecom_invoice_auto_post)
        self.env["res.config.settings"].create({"telecom_invoice_auto_post": True}).execute()
        self.assertTrue(self.company.telecom_invoice_auto_post)

    def test_posted_when_set(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect("2026-11-16")
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertRecordValues(invoice, [{"state": "posted", "move_type": "out_invoice"}])
        self.assertTrue(invoice.name.startswith("INV/"))
        self.assertIn(self.individual, invoice.message_partner_ids, "the subscriber follows it (portal)")

    def test_draft_when_not_set(self):
        service = self._connect("2026-11-16")
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertEqual(invoice.state, "draft")

    def test_other_contracts_left_alone(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect("2026-11-16")
        contract = service.contract_id
        contract.is_telecom_contract = False
        self.assertEqual(self._invoice("2026-11-16", contract).state, "draft")

    def test_future_invoice_posted_on_its_date(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect("2026-11-16")
        with freeze_time("2026-11-10"):
            self.env["contract.contract"].cron_recurring_create_invoice(service.date_billing_start)
        invoice = service.contract_id._get_related_invoices()
        self.assertRecordValues(invoice, [{"state": "draft", "auto_post": "at_date"}])
        with freeze_time("2026-11-16"):
            self.env["account.move"]._autopost_draft_entries()
        self.assertEqual(invoice.state, "posted")

    def test_an_invoice_that_cannot_be_posted_stays_a_draft(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect("2026-11-16")
        other = self._connect("2026-11-16", partner=self.other_individual)
        archived_journal = self.sale_journal.copy({"name": "Old sales", "code": "OLDS"})
        archived_journal.active = False
        service.contract_id.journal_id = archived_journal
        with freeze_time("2026-11-16"):
            self.env["contract.contract"].cron_recurring_create_invoice(service.date_billing_start)
        blocked = service.contract_id._get_related_invoices()
        self.assertEqual(blocked.state, "draft")
        self.assertIn("could not be posted automatically", blocked.message_ids[:1].preview)
        self.assertIn("archived journal", blocked.message_ids[:1].preview)
        self.assertEqual(other.contract_id._get_related_invoices().state, "posted", "the others are posted")
