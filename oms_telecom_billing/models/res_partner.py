# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

OPEN_INVOICE_DOMAIN = [
    ("move_type", "in", ("out_invoice", "out_refund")),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The subscriber's billing as operators see it, without access to Invoicing.
    telecom_contract_name = fields.Char(string="Contract", compute="_compute_telecom_billing", compute_sudo=True)
    telecom_date_next_invoice = fields.Date(
        string="Next Invoice", compute="_compute_telecom_billing", compute_sudo=True
    )
    telecom_open_invoice_count = fields.Integer(
        string="Open Invoices", compute="_compute_telecom_billing", compute_sudo=True
    )
    telecom_amount_due = fields.Monetary(
        string="Amount Due",
        compute="_compute_telecom_billing",
        compute_sudo=True,
        currency_field="telecom_billing_currency_id",
    )
    telecom_billing_currency_id = fields.Many2one("res.currency", compute="_compute_telecom_billing", compute_sudo=True)

    def _compute_telecom_billing(self):
        commercial = self.commercial_partner_id
        contracts = self.env["contract.contract"].search(
            [("is_telecom_contract", "=", True), ("partner_id", "in", commercial.ids)]
        )
        contract_of = {contract.partner_id: contract for contract in contracts}
        open_invoices = {
            partner: (count, amount)
            for partner, count, amount in self.env["account.move"]._read_group(
                [*OPEN_INVOICE_DOMAIN, ("commercial_partner_id", "in", commercial.ids)],
                ["commercial_partner_id"],
                ["__count", "amount_residual_signed:sum"],
            )
        }
        for partner in self:
            contract = contract_of.get(partner.commercial_partner_id, contracts.browse())
            count, amount = open_invoices.get(partner.commercial_partner_id, (0, 0.0))
            partner.telecom_contract_name = contract.display_name if contract else False
            partner.telecom_date_next_invoice = contract.recurring_next_date
            partner.telecom_open_invoice_count = count
            partner.telecom_amount_due = amount
            partner.telecom_billing_currency_id = self.env.company.currency_id

    def _telecom_contract(self):
        return self.env["contract.contract"].search(
            [("is_telecom_contract", "=", True), ("partner_id", "=", self.commercial_partner_id.id)], limit=1
        )

    def action_view_telecom_contract(self):
        self.ensure_one()
        contract = self._telecom_contract()
        if contract:
            return contract.get_formview_action()
        return self.with_context(contract_type="sale").act_show_contract()

    def action_view_telecom_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [
            ("move_type", "in", ("out_invoice", "out_refund")),
            ("commercial_partner_id", "=", self.commercial_partner_id.id),
        ]
        action["context"] = {"default_move_type": "out_invoice", "default_partner_id": self.id}
        return action
