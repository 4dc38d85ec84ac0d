# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from ast import literal_eval

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingInvoicing(BillingCase):
    """The billing user runs the telecom invoicing from Telecom › Billing."""

    invoicing_run = True

    def _run_invoicing_form(self, user):
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom_billing.telecom_run_invoicing_action")
        wizards = self.env[action["res_model"]].with_user(user).with_context(**literal_eval(action["context"]))
        return Form(wizards)

    def _other_sale_contract(self, day):
        """A sale contract that is no subscriber's telecom contract, due on `day`."""
        product = self.env.ref("oms_telecom_billing.product_installation_fee")
        return self.env["contract.contract"].create(
            {
                "name": "Office cleaning",
                "partner_id": self.other_individual.id,
                "contract_type": "sale",
                "line_recurrence": True,
                "contract_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "name": "Cleaning",
                            "quantity": 1.0,
                            "price_unit": 10.0,
                            "uom_id": product.uom_id.id,
                            "recurring_rule_type": "monthly",
                            "date_start": day,
                            "recurring_next_date": day,
                        }
                    )
                ],
            }
        )

    def test_menu_shown_to_billing_users_only(self):
        run_invoicing = self.env.ref("oms_telecom_billing.menu_oms_billing_run_invoicing")
        contracts = self.env.ref("oms_telecom_billing.menu_oms_billing_contract")
        Menu = self.env["ir.ui.menu"]
        for user in (self.user_billing, self.user_oms_manager):
            with self.subTest(user=user.login):
                visible = Menu.with_user(user)._visible_menu_ids()
                self.assertIn(run_invoicing.id, visible)
                self.assertIn(contracts.id, visible)
        for user in (self.user_operator, self.user_technician):
            with self.subTest(user=user.login):
                self.assertNotIn(run_invoicing.id, Menu.with_user(user)._visible_menu_ids())
        self.assertEqual(run_invoicing.action, self.env.ref("oms_telecom_billing.telecom_run_invoicing_action"))

    def test_billing_user_runs_the_invoicing(self):
        service = self._connect("2026-11-16")
        other_contract = self._other_sale_contract("2026-11-16")
        with freeze_time("2026-11-20"):
            wizard_form = self._run_invoicing_form(self.user_billing)
            # Ready to invoice as it opens: today's date and what is due by then.
            self.assertEqual(str(wizard_form.invoice_date), "2026-11-20")
            self.assertEqual(wizard_form.contract_to_invoice_count, 1, "the subscriber contracts only")
            wizard = wizard_form.save()
            self.assertEqual(wizard.contract_to_invoice_ids, service.contract_id)
            action = wizard.create_invoice()
        self.assertEqual(action["res_model"], "account.move")
        invoice = self.env["account.move"].search(action["domain"])
        self.assertEqual(invoice, service.contract_id._get_related_invoices())
        self.assertEqual(invoice.create_uid, self.user_billing)
        self.assertAlmostEqual(invoice.amount_untaxed, 102.5)
        self.assertEqual(str(service.date_billed_until), "2026-11-30")
        self.assertFalse(other_contract._get_related_invoices(), "other contracts are not invoiced from here")

        # Invoicing does not let them edit the contracts the orders keep.
        contract_line = service.contract_line_ids.with_user(self.user_billing)[:1]
        self.assertEqual(contract_line.price_unit, 45.0, "they read them")
        with self.assertRaises(AccessError):
            contract_line.price_unit = 1.0
        with self.assertRaises(AccessError):
            service.contract_id.with_user(self.user_billing).name = "Renamed"

    def test_nothing_to_invoice(self):
        self._connect("2026-11-16")
        with freeze_time("2026-11-10"):
            wizard_form = self._run_invoicing_form(self.user_billing)
            self.assertEqual(wizard_form.contract_to_invoice_count, 0)
            wizard_form.invoice_date = fields.Date.to_date("2026-11-16")
            self.assertEqual(wizard_form.contract_to_invoice_count, 1)

    def test_operators_cannot_run_the_invoicing(self):
        self._connect("2026-11-16")
        with self.assertRaises(AccessError):
            self.env["contract.manually.create.invoice"].with_user(self.user_operator).create(
                {"invoice_date": "2026-11-16", "telecom_only": True}
            )

    def test_full_description_with_the_period(self):
        service = self._connect("2026-11-16", product=self.fiber_100, parameters={"bandwidth": 100})
        invoice = self._invoice("2026-11-16", service.contract_id)
        line = invoice.invoice_line_ids.filtered(lambda line: line.product_id == self.fiber_100)
        self.assertEqual(
            line.name.splitlines(),
            [
                service.display_name,
                "Bandwidth (Mbit/s): 100",
                "Minimum term until 2027-11-15",
                "Period: 11/16/2026 – 11/30/2026 (50% of the month)",
            ],
        )
        self.assertIn("Rue des Tests", service.display_name, "the premises")
