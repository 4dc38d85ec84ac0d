from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    telecom_invoice_auto_post = fields.Boolean(related="company_id.telecom_invoice_auto_post", readonly=False)
