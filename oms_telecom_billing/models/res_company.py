# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    telecom_invoice_auto_post = fields.Boolean(
        string="Post Telecom Invoices",
        help="Invoices of subscriber contracts are posted as soon as they are made (a future-dated one on its date), "
        "so that subscribers find them in their portal. Otherwise they stay drafts for someone to check and post.",
    )
