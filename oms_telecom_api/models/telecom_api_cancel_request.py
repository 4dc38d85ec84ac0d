# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

# TMF622 CancelProductOrder states.
CANCEL_STATES = [
    ("acknowledged", "Acknowledged"),
    ("inProgress", "In Progress"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("terminatedWithError", "Terminated With Error"),
]
OPEN_CANCEL_STATES = ("acknowledged", "inProgress")


class TelecomApiCancelRequest(models.Model):
    """A cancellation asked over the API (TMF622 cancelProductOrder). It drives the
    order's cancellation flow: a draft is cancelled at once, an order under way
    waits for an operator to accept or refuse the cancellation."""

    _name = "telecom.api.cancel.request"
    _description = "Order Cancellation Request"
    _order = "id desc"

    order_id = fields.Many2one("telecom.order", required=True, readonly=True, index=True, ondelete="cascade")
    client_id = fields.Many2one("telecom.api.client", string="Integration", readonly=True, ondelete="set null")
    reason = fields.Char(string="Cancellation Reason", readonly=True)
    requested_date = fields.Datetime(string="Requested Cancellation Date", readonly=True)
    effective_date = fields.Datetime(string="Effective Cancellation Date", readonly=True)
    state = fields.Selection(CANCEL_STATES, required=True, default="acknowledged", readonly=True, index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    @api.model
    def _sync_from_orders(self, orders):
        """The order's state decides: cancelled -> done, back to work -> rejected."""
        requests = self.sudo().search([("order_id", "in", orders.ids), ("state", "in", OPEN_CANCEL_STATES)])
        done = requests.filtered(lambda request: request.order_id.state == "cancelled")
        refused = requests.filtered(
            lambda request: (
                request.order_id.state not in ("assessing_cancellation", "pending_cancellation", "cancelled")
            )
        )
        if done:
            done.write({"state": "done", "effective_date": fields.Datetime.now()})
        if refused:
            refused.write({"state": "rejected"})
        changed = done | refused
        if changed:
            self.env["telecom.api.event"]._emit("CancelProductOrderStateChangeEvent", changed)

    def _tmf_event_resources(self):
        return "cancelProductOrder", self.env["telecom.api.product.order"]._cancel_to_tmf(self)

    def _tmf_event_orders(self):
        return [request.order_id for request in self]
