# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.misc import clean_context

# Order methods that take an optional reason, by wizard action.
REASON_METHODS = {
    "pending": "action_set_pending",
    "hold": "action_hold",
    "fail": "action_fail",
}


class TelecomOrderReasonWizard(models.TransientModel):
    _name = "telecom.order.reason.wizard"
    _description = "Order State Change with a Reason"

    @api.model
    def _default_order_ids(self):
        if self.env.context.get("active_model") != "telecom.order":
            return self.env["telecom.order"]
        return self.env["telecom.order"].browse(self.env.context.get("active_ids") or [])

    order_ids = fields.Many2many("telecom.order", string="Orders", required=True, default=_default_order_ids)
    order_action = fields.Selection(
        [("pending", "Wait for the Customer"), ("hold", "Hold"), ("fail", "Fail")],
        string="Action",
        required=True,
        default="pending",
    )
    reason = fields.Char(help="Shown on the order and to the subscriber. Leave empty for the default reason.")

    def action_confirm(self):
        self.ensure_one()
        # The defaults meant for this wizard must not leak into what the order creates.
        orders = self.order_ids.with_context(**clean_context(self.env.context))
        getattr(orders, REASON_METHODS[self.order_action])(reason=self.reason or None)
        return {"type": "ir.actions.act_window_close"}
