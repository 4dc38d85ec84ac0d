# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError


class ContractManuallyCreateInvoice(models.TransientModel):
    _inherit = "contract.manually.create.invoice"

    # Today: the contracts due now are counted as soon as the wizard opens.
    invoice_date = fields.Date(default=fields.Date.context_today)
    telecom_only = fields.Boolean(
        string="Subscriber Contracts Only",
        help="Invoice the telecom contracts of subscribers and no other contract.",
    )

    @api.depends("telecom_only")
    def _compute_contract_to_invoice_ids(self):
        result = super()._compute_contract_to_invoice_ids()
        for wizard in self.filtered("telecom_only"):
            wizard.contract_to_invoice_ids = wizard.contract_to_invoice_ids.filtered("is_telecom_contract")
            wizard.contract_to_invoice_count = len(wizard.contract_to_invoice_ids)
        return result

    def create_invoice(self):
        action = super().create_invoice()
        if not self.telecom_only:
            return action
        # Customer invoices as Invoicing lists them: customer, dates, totals, status.
        invoices_action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        name = self.env._("Telecom Invoices")
        invoices_action.update(
            name=name,
            display_name=name,
            domain=action["domain"],
            context={"default_move_type": "out_invoice", "create": False},
        )
        return invoices_action

    def _create_invoices(self):
        if not self.telecom_only:
            return super()._create_invoices()
        return self._telecom_create_invoices()

    def _telecom_create_invoices(self):
        """Invoicing users bill the subscriber contracts they can read, without
        the right to edit them: their lines are kept by the telecom orders."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only Invoicing users can run the telecom invoicing."))
        contracts = self.contract_to_invoice_ids.filtered("is_telecom_contract")
        contracts.check_access("read")
        invoices = self.env["account.move"]
        for contract_sudo in contracts.sudo():
            try:
                invoices |= contract_sudo.recurring_create_invoice()
            except (UserError, ValidationError) as error:
                raise UserError(
                    self.env._(
                        "The contract %(contract)s could not be invoiced:\n%(reason)s",
                        contract=contract_sudo.display_name,
                        reason=error.args[0],
                    )
                ) from error
        return invoices.with_env(self.env)
