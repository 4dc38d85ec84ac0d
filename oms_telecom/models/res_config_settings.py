from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    telecom_default_division_id = fields.Many2one(
        related="company_id.telecom_default_division_id", readonly=False
    )
