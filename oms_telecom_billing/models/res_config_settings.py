# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    telecom_invoice_auto_post = fields.Boolean(related="company_id.telecom_invoice_auto_post", readonly=False)
