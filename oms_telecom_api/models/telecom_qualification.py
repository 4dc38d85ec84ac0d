# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomQualification(models.Model):
    _inherit = "telecom.qualification"

    tmf_client_id = fields.Many2one(
        "telecom.api.client",
        string="API Integration",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The integration that asked over TMF679: only it reads the qualification over the API.",
    )
