# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    telecom_default_division_id = fields.Many2one(related="company_id.telecom_default_division_id", readonly=False)
    telecom_contact_working_days = fields.Integer(
        string="Contact Within (Working Days)",
        config_parameter="oms_telecom.contact_working_days",
        default=2,
        help="What an order promises while no division covers its address: we contact the customer within "
        "these working days.",
    )
    telecom_contract_terms = fields.Html(related="company_id.telecom_contract_terms", readonly=False)
    telecom_document_max_size_mb = fields.Float(
        string="Largest Upload (MB)",
        config_parameter="oms_telecom.document_max_size_mb",
        default=10.0,
    )
    telecom_document_allowed_mimetypes = fields.Char(
        string="Accepted File Types",
        config_parameter="oms_telecom.document_allowed_mimetypes",
        default="application/pdf,image/jpeg,image/png",
        help="MIME types, separated by commas, of the files operators and subscribers may upload.",
    )
