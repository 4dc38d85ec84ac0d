# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductProduct(models.Model):
    _inherit = "product.product"

    # Service and line parameters are defined per template; Properties need the
    # definition on the record they point to, which is the variant.
    telecom_parameters_definition = fields.PropertiesDefinition(
        related="product_tmpl_id.telecom_parameters_definition", readonly=False
    )
