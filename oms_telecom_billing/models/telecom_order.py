# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    telecom_contract_name = fields.Char(related="commercial_partner_id.telecom_contract_name")
    telecom_date_next_invoice = fields.Date(related="commercial_partner_id.telecom_date_next_invoice")
    telecom_open_invoice_count = fields.Integer(related="commercial_partner_id.telecom_open_invoice_count")
    telecom_amount_due = fields.Monetary(related="commercial_partner_id.telecom_amount_due")
    telecom_billing_currency_id = fields.Many2one(related="commercial_partner_id.telecom_billing_currency_id")

    def action_view_telecom_contract(self):
        self.ensure_one()
        return self.commercial_partner_id.action_view_telecom_contract()

    def action_view_telecom_invoices(self):
        self.ensure_one()
        return self.commercial_partner_id.action_view_telecom_invoices()
