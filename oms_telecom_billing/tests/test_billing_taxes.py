# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingTaxes(BillingCase):
    """Catalogue services carry the company's default sale tax unless set otherwise."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.default_tax = cls.company.account_sale_tax_id
        cls.zero_tax = cls.default_tax.copy({"name": "Exempt telecom", "amount": 0.0})

    def setUp(self):
        super().setUp()
        self.assertTrue(self.default_tax, "the chart of accounts gives the company a default sale tax")
        self.assertEqual(self.default_tax.amount_type, "percent")

    def test_demo_catalogue_is_taxed(self):
        for xmlid in (
            "oms_telecom.product_fiber_100",
            "oms_telecom.product_home_phone",
            "oms_telecom.product_static_ip",
        ):
            with self.subTest(product=xmlid):
                self.assertIn(self.default_tax, self.env.ref(xmlid).taxes_id)

    def test_untaxed_services_get_the_default_tax(self):
        """Services made before Invoicing was installed: the install gives them the default."""
        Template = self.env["product.template"]
        untaxed = Template.create({"name": "Test TV", "type": "service", "is_telecom_service": True, "taxes_id": False})
        exempt = Template.create(
            {"name": "Test Lifeline", "type": "service", "is_telecom_service": True, "taxes_id": self.zero_tax.ids}
        )
        other = Template.create({"name": "Test Consulting", "type": "service", "taxes_id": False})
        Template._telecom_set_default_sale_taxes()
        self.assertIn(self.default_tax, untaxed.taxes_id)
        self.assertEqual(exempt.taxes_id, self.zero_tax, "a tax set otherwise is kept")
        self.assertFalse(other.taxes_id, "not a catalogue service")
        # Made after the install: Invoicing's own default.
        self.assertIn(self.default_tax, Template.create({"name": "Test IPTV", "is_telecom_service": True}).taxes_id)

    def test_taxed_invoice(self):
        fee_product = self.env.ref("oms_telecom_billing.product_installation_fee")
        (self.tmpl_fiber_500 | fee_product.product_tmpl_id).taxes_id = self.default_tax
        service = self._connect("2026-11-16")
        invoice = self._invoice("2026-11-16", service.contract_id)
        monthly = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.fiber_500)
        fee = invoice.invoice_line_ids - monthly
        self.assertEqual(monthly.tax_ids, self.default_tax, "the monthly service is taxed")
        self.assertEqual(fee.tax_ids, self.default_tax)
        rate = self.default_tax.amount / 100
        self.assertAlmostEqual(invoice.amount_untaxed, 102.5)
        self.assertAlmostEqual(invoice.amount_tax, round(22.5 * rate, 2) + round(80.0 * rate, 2))
        self.assertAlmostEqual(invoice.amount_total, invoice.amount_untaxed + invoice.amount_tax)
