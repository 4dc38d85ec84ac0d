# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomOrderLine(models.Model):
    _inherit = "telecom.order.line"

    tmf_item_id = fields.Char(
        string="API Item ID", copy=False, readonly=True, help="The productOrderItem id the API client gave this line."
    )
