# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

INVOICING_TYPES = [("pre-paid", "In Advance"), ("post-paid", "In Arrears")]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    telecom_invoicing_type = fields.Selection(
        INVOICING_TYPES,
        string="Billed",
        default="pre-paid",
        help="In advance: each calendar month is invoiced on its first day (the first, partial month on the "
        "billing start date). In arrears: on its last day.",
    )
    telecom_minimum_term = fields.Integer(
        string="Minimum Term (months)",
        help="Commitment from the billing start date. Shown on the service and its contract line; a disconnection "
        "before its end is flagged on the order.",
    )
    telecom_installation_product_id = fields.Many2one(
        "product.product",
        string="Installation Fee Product",
        domain="[('type', '=', 'service'), ('is_telecom_service', '=', False)]",
        help="Product the one-off installation fee is invoiced with (its income account and taxes). "
        "Empty: the general Installation Fee product.",
    )

    @api.model
    def _telecom_set_default_sale_taxes(self):
        """Catalogue services made before Invoicing was installed carry no tax:
        give them their company's default sale tax (each company's for a shared
        product), as Invoicing gives every product made after it."""
        companies = self.env["res.company"].sudo().search([("account_sale_tax_id", "!=", False)])
        templates = (
            self.sudo()
            .with_context(active_test=False)
            .search([("is_telecom_service", "=", True), ("taxes_id", "=", False)])
        )
        for company, company_templates in templates.grouped("company_id").items():
            company_templates._force_default_sale_tax(company or companies)
