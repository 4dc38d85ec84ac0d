from freezegun import freeze_time

from odoo import fields

from odoo.addons.mail.tests.common import mail_new_test_user
from odoo.addons.oms_telecom.tests.scenario_common import ScenarioCase


class BillingCase(ScenarioCase):
    """The core's small world, plus prices without taxes (amounts read as the
    contract computes them), a minimum term and a service billed in arrears."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_billing = mail_new_test_user(
            cls.env,
            login="oms_test_billing",
            name="Bill Billing",
            groups="account.group_account_invoice,oms_telecom.group_oms_operator",
        )
        cls.division_sales.member_ids |= cls.user_billing
        cls.sale_journal = cls.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", cls.company.id)], limit=1
        )
        templates = cls.tmpl_fiber_100 | cls.tmpl_fiber_500 | cls.tmpl_phone
        templates.taxes_id = False
        cls.env.ref("oms_telecom_billing.product_installation_fee").taxes_id = False
        cls.tmpl_fiber_100.telecom_minimum_term = 12
        cls.tmpl_phone.telecom_invoicing_type = "post-paid"

    def setUp(self):
        super().setUp()
        self.assertTrue(self.sale_journal, "invoicing needs a sale journal (a chart of accounts)")

    def _connect(self, day, product=None, parameters=None, partner=None):
        """A connection order completed on `day` by the technician's work order."""
        product = product or self.fiber_500
        with freeze_time(day):
            order = self._create_order(
                partner=partner,
                lines=[{"product_id": product.id, "parameters": parameters or {"bandwidth": 1000}}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order)
        self.assertEqual(order.state, "completed")
        return order.line_ids.service_id.with_env(self.env)

    def _change(self, day, service, product, parameters=None):
        with freeze_time(day):
            order = self._create_order(
                partner=service.partner_id,
                order_type="change",
                lines=[{"service_id": service.id, "product_id": product.id, "parameters": parameters or {}}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order, kind="configuration")
        return order.with_env(self.env)

    def _disconnect(self, day, service):
        with freeze_time(day):
            order = self._create_order(
                partner=service.partner_id,
                order_type="disconnection",
                lines=[{"service_id": service.id}],
                no_scenario=True,
            )
            order.action_submit()
            self._complete_work(order, kind="equipment_return")
        return order.with_env(self.env)

    def _complete_work(self, order, kind="installation"):
        work_order = self._create_work_order(order, order.line_ids, kind)
        self._as_technician(work_order).action_start()
        self._as_technician(work_order).action_done()

    def _invoice(self, day, contract):
        """Run the contract module's scheduled invoicing on `day`; the invoices it made."""
        with freeze_time(day):
            before = contract._get_related_invoices()
            self.env["contract.contract"].cron_recurring_create_invoice(fields.Date.to_date(day))
            return contract._get_related_invoices() - before

    def _lines_of(self, invoice):
        """(product, quantity, subtotal) of each invoice line, by subtotal."""
        return sorted(
            ((line.product_id, line.quantity, line.price_subtotal) for line in invoice.invoice_line_ids),
            key=lambda line: line[2],
        )
