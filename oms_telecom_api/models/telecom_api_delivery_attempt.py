# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomApiDeliveryAttempt(models.Model):
    """The delivery log: one line per attempt to send an event."""

    _name = "telecom.api.delivery.attempt"
    _description = "Event Delivery Attempt"
    _order = "id desc"
    _log_access = False

    delivery_id = fields.Many2one("telecom.api.delivery", required=True, ondelete="cascade", index=True)
    attempted_at = fields.Datetime(required=True)
    status_code = fields.Integer(string="HTTP Status")
    error = fields.Char()
    response_excerpt = fields.Char(string="Response")
    duration_ms = fields.Integer(string="Duration (ms)")
