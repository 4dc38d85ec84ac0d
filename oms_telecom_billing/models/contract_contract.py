# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

TELECOM_CONTRACT_STATES = [
    ("pending", "Not Started"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("terminated", "Terminated"),
]


class ContractContract(models.Model):
    _inherit = "contract.contract"

    is_telecom_contract = fields.Boolean(
        string="Telecom Contract",
        readonly=True,
        index=True,
        help="The subscriber's contract for their telecom services: one per subscriber and company, "
        "with a line per service, kept up to date by the orders.",
    )
    telecom_service_ids = fields.One2many("telecom.subscriber.service", "contract_id", string="Telecom Services")
    telecom_monthly_amount = fields.Monetary(
        string="Monthly Amount",
        compute="_compute_telecom_monthly_amount",
        store=True,
        help="A full month of the services billed now, untaxed: the lines still running, at their agreed prices.",
    )
    telecom_date_start = fields.Date(
        string="Start",
        compute="_compute_telecom_date_start",
        help="The day its first service started to be billed: the earliest billing start of its lines.",
    )
    telecom_state = fields.Selection(
        TELECOM_CONTRACT_STATES,
        string="Status",
        compute="_compute_telecom_state",
        store=True,
        index=True,
        help="Active while one of its services is; suspended or terminated when all of them are.",
    )

    @api.depends(
        "contract_line_ids.telecom_billing_role",
        "contract_line_ids.date_end",
        "contract_line_ids.is_canceled",
        "contract_line_ids.price_unit",
        "contract_line_ids.quantity",
    )
    def _compute_telecom_monthly_amount(self):
        for contract in self:
            running = contract.contract_line_ids.filtered(
                lambda line: line.telecom_billing_role == "recurring" and not line.date_end and not line.is_canceled
            )
            contract.telecom_monthly_amount = sum(line.price_unit * line.quantity for line in running)

    @api.depends("contract_line_ids.date_start", "contract_line_ids.is_canceled")
    def _compute_telecom_date_start(self):
        for contract in self:
            lines = contract.contract_line_ids.filtered(lambda line: not line.is_canceled and line.date_start)
            contract.telecom_date_start = min(lines.mapped("date_start"), default=False)

    @api.depends("is_telecom_contract", "telecom_service_ids.state")
    def _compute_telecom_state(self):
        for contract in self:
            states = set(contract.telecom_service_ids.mapped("state"))
            if not contract.is_telecom_contract:
                contract.telecom_state = False
            else:
                contract.telecom_state = next(
                    (state for state in ("active", "suspended", "pending") if state in states),
                    "terminated" if states else "pending",
                )

    def init(self):
        # One telecom contract per subscriber and company, even for two orders completing at once.
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS contract_contract_telecom_partner_uniq
                   ON contract_contract (partner_id, company_id)
                   WHERE is_telecom_contract AND active"""
            )
        )

    @api.model
    def _telecom_contract_for(self, partner, company):
        """The subscriber's telecom contract in `company`, created on first use."""
        partner = partner.commercial_partner_id
        contract = self.search(
            [("is_telecom_contract", "=", True), ("partner_id", "=", partner.id), ("company_id", "=", company.id)],
            limit=1,
        )
        if contract:
            return contract
        contract = (
            self.with_company(company)
            .with_context(default_contract_type="sale")
            .create(
                {
                    "name": self.with_context(lang=partner.lang).env._("Telecom services of %s", partner.name),
                    "code": partner.subscriber_account,
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "is_telecom_contract": True,
                    # Not whoever completed the first order (a technician): invoices carry no salesperson.
                    "user_id": False,
                    # Each service line keeps its own start date and billing terms.
                    "line_recurrence": True,
                    "recurring_rule_type": "monthlylastday",
                    "pricelist_id": partner.with_company(company).property_product_pricelist.id,
                    "payment_term_id": partner.with_company(company).property_payment_term_id.id,
                }
            )
        )
        # The subscriber hears of their contract and follows its invoices. The portal
        # shows it to the subscriber's contacts, by commercial partner, not to followers.
        contract.message_subscribe(partner_ids=partner.ids)
        return contract

    def _set_start_contract_modification(self):
        # A telecom contract is created empty, when its first service is billed: it
        # starts with that service's first line (_telecom_record_start), not that day.
        telecom = self.filtered("is_telecom_contract")
        contracts = (self - telecom) | telecom.filtered("contract_line_ids")
        # The timeline's "Contract start" is stored text, shown as written: in the
        # subscriber's language, like the contract's name.
        for lang, in_lang in contracts.grouped(lambda contract: contract.partner_id.lang).items():
            super(
                ContractContract, in_lang.with_context(lang=lang) if lang else in_lang
            )._set_start_contract_modification()
        return True

    def _telecom_record_start(self):
        """The "Contract start" of the subscriber's timeline: recorded with the first
        lines, moved with their billing start until something is invoiced."""
        contracts = self.filtered(lambda contract: contract.is_telecom_contract and contract.telecom_date_start)
        contracts.filtered(lambda contract: not contract.modification_ids)._set_start_contract_modification()
        for contract in contracts:
            start = contract.modification_ids.sorted("id")[:1]
            if start.date != contract.telecom_date_start:
                start.date = contract.telecom_date_start

    def _telecom_monthly_amounts(self):
        """A full month of the running services as the subscriber pays it: untaxed,
        its tax (the services' taxes, as their invoice applies them) and total."""
        self.ensure_one()
        untaxed = tax = 0.0
        running = self.contract_line_ids.filtered(
            lambda line: line.telecom_billing_role == "recurring" and not line.date_end and not line.is_canceled
        )
        for line in running:
            product = line.product_id
            taxes = product.taxes_id._filter_taxes_by_company(self.company_id)
            taxes = self.fiscal_position_id.map_tax(taxes)
            amounts = taxes.compute_all(
                line.price_unit, self.currency_id, line.quantity, product=product, partner=self.partner_id
            )
            untaxed += amounts["total_excluded"]
            tax += amounts["total_included"] - amounts["total_excluded"]
        return {"untaxed": untaxed, "tax": tax, "total": untaxed + tax}

    def _prepare_invoice(self, date_invoice, journal=None):
        vals = super()._prepare_invoice(date_invoice, journal=journal)
        if self.is_telecom_contract and not self.user_id:
            # Not whoever runs the invoicing: the subscriber's invoices carry no salesperson.
            vals["invoice_user_id"] = False
        return vals

    def _recurring_create_invoice(self, date_ref=False):
        moves = super()._recurring_create_invoice(date_ref)
        # A period with nothing but the credit of an unused period becomes a credit note.
        moves.filtered(lambda move: move.move_type == "out_invoice" and move.amount_total < 0).action_switch_move_type()
        self._telecom_auto_post(moves)
        return moves

    def _telecom_auto_post(self, moves):
        """Post the invoices of telecom contracts when their company says so. Soft:
        an invoice dated in the future is posted on its date by Invoicing's
        scheduled action. One that cannot be posted stays a draft, with the reason."""
        to_post = moves.filtered(
            lambda move: (
                move.company_id.telecom_invoice_auto_post
                and move.invoice_line_ids.contract_line_id.contract_id.is_telecom_contract
            )
        )
        try:
            with self.env.cr.savepoint():
                to_post._post(soft=True)
        except UserError:
            for move in to_post:
                try:
                    with self.env.cr.savepoint():
                        move._post(soft=True)
                except UserError as error:
                    move.message_post(
                        body=self.env._("This invoice could not be posted automatically: %s", error.args[0])
                    )
        to_post._telecom_send_in_background()
