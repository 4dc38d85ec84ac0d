# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .telecom_qualification import QUALIFICATION_RESULTS

UNAVAILABILITY_REASONS = [
    ("not_covered", "Address Not Covered"),
    ("not_sold_here", "Not Sold in the Area"),
    ("prerequisite_missing", "Prerequisite Missing"),
]


class TelecomQualificationItem(models.Model):
    """One offering of a qualification and its answer."""

    _name = "telecom.qualification.item"
    _description = "Product Offering Qualification Item"
    _order = "qualification_id desc, sequence, id"

    qualification_id = fields.Many2one(
        "telecom.qualification", required=True, readonly=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(readonly=True)
    item_ref = fields.Char(string="Item Id", readonly=True, help="The item's id in the request.")
    product_id = fields.Many2one("product.product", string="Offering", required=True, readonly=True, index=True)
    result = fields.Selection(QUALIFICATION_RESULTS, required=True, readonly=True, index=True)
    reason_code = fields.Selection(UNAVAILABILITY_REASONS, readonly=True, index=True)
    reason = fields.Char(readonly=True)
    alternative_ids = fields.Many2many("product.product", string="Alternatives", readonly=True)
    expected_date = fields.Datetime(string="Expected Activation", readonly=True)
    date = fields.Datetime(related="qualification_id.date", store=True, precompute=True)
    premises_id = fields.Many2one(related="qualification_id.premises_id", store=True, index=True, precompute=True)
    channel = fields.Selection(related="qualification_id.channel", store=True, precompute=True)
    company_id = fields.Many2one(related="qualification_id.company_id", store=True, index=True, precompute=True)

    def _refusal_message(self):
        """Why these items cannot be ordered, with what can be ordered instead."""
        return self.env["telecom.qualification"]._refusal_message(
            [{"reason": item.reason, "alternatives": item.alternative_ids} for item in self]
        )
