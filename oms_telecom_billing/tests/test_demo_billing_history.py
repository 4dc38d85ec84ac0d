# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo.tests import TransactionCase, tagged

from ..demo.telecom_billing_demo import INVOICING_HOUR


@tagged("post_install", "-at_install")
class TestDemoBillingHistory(TransactionCase):
    """The demo's billing happened on its simulated clock: services were billed
    when their work completed, and invoiced night after night since."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        data = cls.env["ir.model.data"].search([("module", "=", "oms_telecom"), ("model", "=", "telecom.order")])
        orders = cls.env["telecom.order"].browse(data.mapped("res_id")).exists()
        cls.services = orders.line_ids.filtered(lambda line: line.action == "add").service_id
        cls.contract_lines = cls.services.contract_line_ids
        cls.invoice_lines = cls.env["account.move.line"].search(
            [("contract_line_id", "in", cls.contract_lines.ids), ("move_id.move_type", "=", "out_invoice")]
        )

    def test_billing_starts_when_the_work_completed(self):
        self.assertTrue(self.contract_lines)
        for line in self.contract_lines:
            service = line.telecom_service_id
            order = service.order_line_ids.filtered(lambda order_line: order_line.action == "add").order_id[:1]
            self.assertGreaterEqual(line.date_start, service.date_activated, service.display_name)
            if order.date_closed:
                self.assertGreaterEqual(line.create_date, order.date_closed, service.display_name)

    def test_invoices_made_night_after_night_after_activation(self):
        invoices = self.invoice_lines.move_id
        self.assertGreater(len(invoices), 5)
        # Made on the days they were due, not all at the installation.
        self.assertGreater(len(set(invoices.mapped(lambda move: move.create_date.date()))), 1)
        zone = pytz.timezone(self.env.company.partner_id.tz)
        for invoice in invoices:
            made = pytz.utc.localize(invoice.create_date).astimezone(zone)
            self.assertEqual(made.hour, INVOICING_HOUR, f"{invoice.name} made at {made}")
        for invoice_line in self.invoice_lines:
            invoice = invoice_line.move_id
            service = invoice_line.contract_line_id.telecom_service_id
            self.assertGreaterEqual(invoice.invoice_date, service.date_activated, invoice.name)
            self.assertGreaterEqual(invoice.create_date, invoice_line.contract_line_id.create_date, invoice.name)
            self.assertGreaterEqual(invoice.create_date.date(), invoice.invoice_date, invoice.name)
