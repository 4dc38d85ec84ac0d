# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.oms_telecom.tests.test_report import pdf_pages, pdf_text

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestInvoiceDocument(BillingCase, HttpCase):
    """The invoice a subscriber receives: sent once posted, titled an invoice
    (not a proforma), headed by the company, due 15 days after its date."""

    def _posted_invoice(self):
        self.company.telecom_invoice_auto_post = True
        service = self._connect(
            "2026-11-16", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertEqual(invoice.state, "posted")
        return invoice

    def test_a_posted_invoice_is_sent_and_titled_an_invoice(self):
        invoice = self._posted_invoice()
        # Queued for Invoicing's sending in the background, from the company.
        self.assertEqual(invoice.sending_data["author_partner_id"], self.company.partner_id.id)
        self.assertFalse(invoice.invoice_pdf_report_id)
        self.env["account.move"]._cron_account_move_send(job_count=100)
        self.assertFalse(invoice.sending_data)
        self.assertTrue(invoice.invoice_pdf_report_id, "sending makes the invoice's PDF")

        self.authenticate(self.user_portal.login, self.user_portal.login)
        document = self.url_open(f"/my/invoices/{invoice.id}?report_type=html").text
        self.assertIn(invoice.name, document)
        self.assertNotIn("PROFORMA", document)
        page = self.url_open(f"/my/invoices/{invoice.id}").text
        self.assertNotIn("Invoices &amp; Bills", page)
        self.assertIn(">Invoices</a>", page)

    def test_a_draft_is_not_sent(self):
        service = self._connect("2026-11-16", partner=self.company_subscriber, product=self.fiber_100)
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertEqual(invoice.state, "draft")
        self.assertFalse(invoice.sending_data)

    def test_the_pdf_is_headed_by_the_company_with_totals_beside_the_lines(self):
        invoice = self._posted_invoice()
        content, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf("account.account_invoices", invoice.ids)
        )
        self.assertEqual(report_format, "pdf")
        text = pdf_text(content)
        heading, title, rest = text.partition(f"Invoice {invoice.name}")
        self.assertTrue(title, f"no title in:\n{text}")
        self.assertIn(self.company.name, heading, "the company heads the invoice")
        self.assertIn(self.company_subscriber.name, heading, "then the subscriber's address")
        self.assertNotIn("PROFORMA", text)
        self.assertIn("Test Fiber 100", rest)
        self.assertEqual(pdf_pages(content), 1, "the totals stay on the page of the lines")
        self.assertIn("Total", rest)

    def test_invoices_fall_due_15_days_after_their_date(self):
        fifteen_days = self.env.ref("account.account_payment_term_15days")
        partner = self.company_subscriber.with_company(self.company)
        self.assertEqual(partner.property_payment_term_id, fifteen_days)
        invoice = self._posted_invoice()
        self.assertEqual(invoice.invoice_payment_term_id, fifteen_days)
        self.assertEqual(invoice.invoice_date_due, invoice.invoice_date + timedelta(days=15))

    def test_the_contract_says_a_month_with_its_tax_as_the_invoice_charges_it(self):
        tax = self.env["account.tax"].create(
            {"name": "Test VAT 15%", "amount": 15, "type_tax_use": "sale", "company_id": self.company.id}
        )
        self.tmpl_fiber_100.taxes_id = tax
        service = self._connect(
            "2026-11-01", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        contract = service.contract_id
        monthly = contract._telecom_monthly_amounts()
        self.assertAlmostEqual(monthly["untaxed"], contract.telecom_monthly_amount)
        self.assertAlmostEqual(monthly["tax"], round(monthly["untaxed"] * 0.15, 2))
        self._invoice("2026-11-01", contract)
        december = self._invoice("2026-12-01", contract)
        self.assertAlmostEqual(december.amount_untaxed, monthly["untaxed"])
        self.assertAlmostEqual(december.amount_total, monthly["total"])

        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = self.url_open(f"/my/contracts/{contract.id}").text
        self.assertIn("Monthly, tax included", page)
        self.assertIn(f"{monthly['total']:.2f}", page)
        self.assertIn("Amount excl. tax", page)
