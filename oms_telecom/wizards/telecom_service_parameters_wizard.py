# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class TelecomServiceParametersWizard(models.TransientModel):
    """Edit the technical parameters a telecom service carries.

    Parameters are Properties whose definition lives on the product; the
    properties widget edits a definition through a record that carries
    such parameters, which this wizard is."""

    _name = "telecom.service.parameters.wizard"
    _description = "Telecom Service Parameters"

    @api.model
    def _default_product_id(self):
        context = self.env.context
        if context.get("active_model") == "product.product":
            return self.env["product.product"].browse(context.get("active_id"))
        if context.get("active_model") == "product.template":
            return self.env["product.template"].browse(context.get("active_id")).product_variant_id
        return self.env["product.product"]

    product_id = fields.Many2one(
        "product.product", string="Service", required=True, readonly=True, default=_default_product_id
    )
    parameters = fields.Properties(
        string="Technical Parameters", definition="product_id.telecom_parameters_definition", precompute=False
    )
