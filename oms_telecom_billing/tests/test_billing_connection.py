# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingConnection(BillingCase):
    invoicing_run = True

    def test_connection_creates_the_contract_line(self):
        service = self._connect("2026-11-16", parameters={"bandwidth": 1000, "technology": "fiber"})
        self.assertRecordValues(service, [{"state": "active", "date_billing_start": service.date_billing_start}])
        self.assertEqual(str(service.date_billing_start), "2026-11-16")

        contract = service.contract_id
        self.assertRecordValues(
            contract,
            [
                {
                    "partner_id": self.individual.id,
                    "is_telecom_contract": True,
                    "line_recurrence": True,
                    "contract_type": "sale",
                    "code": self.individual.subscriber_account,
                }
            ],
        )
        self.assertIn(self.individual, contract.message_partner_ids, "the subscriber follows the contract (portal)")
        recurring = service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring")
        installation = service.contract_line_ids - recurring
        self.assertRecordValues(
            recurring,
            [
                {
                    "product_id": self.fiber_500.id,
                    "price_unit": 45.0,
                    "date_start": service.date_billing_start,
                    "date_end": False,
                    "recurring_rule_type": "monthlylastday",
                    "recurring_invoicing_type": "pre-paid",
                    "recurring_next_date": service.date_billing_start,
                    "qty_type": "variable",
                    "telecom_order_line_id": service.order_line_ids.id,
                }
            ],
        )
        self.assertIn("Bandwidth (Mbit/s): 1000", recurring.name)
        self.assertIn("Technology: Fiber", recurring.name)
        self.assertIn("Rue des Tests", recurring.name)
        self.assertRecordValues(
            installation,
            [
                {
                    "telecom_billing_role": "installation",
                    "product_id": self.env.ref("oms_telecom_billing.product_installation_fee").id,
                    "price_unit": 80.0,
                    "date_start": service.date_billing_start,
                    "date_end": service.date_billing_start,
                }
            ],
        )
        # Shown on both sides.
        self.assertEqual(recurring.telecom_service_id, service)
        self.assertEqual(contract.telecom_service_ids, service)
        self.assertRecordValues(
            service,
            [
                {
                    "billing_state": "billed",
                    "billed_monthly_price": 45.0,
                    "date_next_invoice": recurring.recurring_next_date,
                }
            ],
        )

        # A second service of the same subscriber extends the same contract.
        phone = self._connect("2026-11-20", product=self.phone, parameters={"lines": 2})
        self.assertEqual(phone.contract_id, contract)
        self.assertEqual(
            len(contract.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring")), 2
        )

    def test_first_invoice_of_a_mid_month_start(self):
        service = self._connect("2026-11-16")
        contract = service.contract_id
        fee_product = self.env.ref("oms_telecom_billing.product_installation_fee")

        self.assertFalse(self._invoice("2026-11-15", contract), "nothing is due before the billing start")
        first = self._invoice("2026-11-16", contract)
        self.assertEqual(len(first), 1)
        self.assertEqual(str(first.invoice_date), "2026-11-16")
        self.assertEqual(first.partner_id, self.individual)
        # In advance: the rest of November, 15 of its 30 days, and the installation fee.
        self.assertEqual(self._lines_of(first), [(self.fiber_500, 1.0, 22.5), (fee_product, 1.0, 80.0)])
        self.assertIn("(50% of the month)", first.invoice_line_ids[0].name + first.invoice_line_ids[1].name)
        self.assertIn(
            "Period: 11/16/2026 – 11/30/2026",
            first.invoice_line_ids.filtered(lambda line: line.product_id == self.fiber_500).name,
        )
        self.assertAlmostEqual(first.amount_untaxed, 102.5)

        second = self._invoice("2026-12-01", contract)
        self.assertEqual(self._lines_of(second), [(self.fiber_500, 1.0, 45.0)], "the fee is invoiced once")
        self.assertEqual(str(service.date_billed_until), "2026-12-31")
        self.assertEqual(str(service.date_next_invoice), "2027-01-01")

    def test_billed_in_arrears_counts_the_days_of_the_month(self):
        # Starting on the 15th: 16 of November's 30 days, invoiced on the 30th.
        service = self._connect("2026-11-15", product=self.phone, parameters={"lines": 1})
        contract = service.contract_id
        self.assertEqual(str(service.date_next_invoice), "2026-11-30")
        self.assertFalse(
            self._invoice("2026-11-29", contract).invoice_line_ids.filtered("product_id.is_telecom_service")
        )
        invoice = self._invoice("2026-11-30", contract)
        phone_line = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.phone)
        # 16/30 of 10.00, rounded once to the cent (a 0.53 quantity would make it 5.30).
        self.assertEqual((phone_line.quantity, phone_line.price_subtotal), (1.0, 5.33))

    def test_minimum_term(self):
        service = self._connect("2026-11-16", product=self.fiber_100, parameters={"bandwidth": 100})
        self.assertEqual(str(service.date_commitment_end), "2027-11-15")
        self.assertIn("Minimum term until 2027-11-15", service.contract_line_ids[:1].name)
        order = self._disconnect("2027-03-01", service)
        self.assertIn("within its minimum term", " ".join(order.message_ids.mapped("preview")))

    def test_managers_run_the_recurring_invoicing(self):
        service = self._connect("2026-11-01")
        other = self._connect(
            "2026-11-10", partner=self.other_individual, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        wizard = (
            self.env["contract.manually.create.invoice"]
            .with_user(self.user_oms_manager)
            .create({"invoice_date": "2026-11-10", "contract_type": "sale"})
        )
        self.assertEqual(wizard.contract_to_invoice_ids, service.contract_id | other.contract_id)
        wizard.create_invoice()
        invoices = service.contract_id._get_related_invoices() | other.contract_id._get_related_invoices()
        self.assertEqual(len(invoices), 2)
        by_partner = {invoice.partner_id: invoice for invoice in invoices}
        # A whole November for the first; 21 of 30 days for the second, plus their installation fees.
        self.assertAlmostEqual(by_partner[self.individual].amount_untaxed, 45.0 + 80.0)
        self.assertAlmostEqual(by_partner[self.other_individual].amount_untaxed, 21.0 + 50.0)

    def test_invoice_texts_in_the_subscriber_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["oms_telecom_billing"], ["fr_FR"], overwrite=True)
        self.individual.lang = "fr_FR"
        # The catalogue's name as the subscriber reads it.
        self.tmpl_fiber_500.update_field_translations("name", {"fr_FR": "Fibre test 500"})
        service = self._connect("2026-11-16")
        recurring, installation = service.contract_line_ids.sorted(
            lambda line: line.telecom_billing_role != "recurring"
        )
        self.assertNotIn("#START#", recurring.name, "the period is the invoice's, not the contract line's")
        french_name = f"Fibre test 500 — {service.premises_id.full_address}"
        self.assertEqual(installation.name, f"Installation : {french_name}")
        self.assertTrue(recurring.name.startswith(french_name))
        self.assertEqual(service.contract_id.name, "Services télécom de Ivana Individual")
        invoice = self._invoice("2026-11-16", service.contract_id)
        line = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.fiber_500)
        self.assertIn("Période : 16/11/2026 – 30/11/2026", line.name)
        self.assertIn("(50 % du mois)", line.name)
