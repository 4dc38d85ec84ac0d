from odoo import api, fields, models
from odoo.tools import SQL


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
        # The portal shows a contract to its followers.
        contract.message_subscribe(partner_ids=partner.ids)
        return contract

    def _recurring_create_invoice(self, date_ref=False):
        moves = super()._recurring_create_invoice(date_ref)
        # A period with nothing but the credit of an unused period becomes a credit note.
        moves.filtered(lambda move: move.move_type == "out_invoice" and move.amount_total < 0).action_switch_move_type()
        return moves
