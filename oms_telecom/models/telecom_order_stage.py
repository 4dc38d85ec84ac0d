# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from .telecom_order_state import ORDER_STATES


class TelecomOrderStage(models.Model):
    _name = "telecom.order.stage"
    _inherit = ["telecom.cached.config"]
    _description = "Order Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        ORDER_STATES,
        required=True,
        default="in_progress",
        help="The TMF622 state an order has in this stage. Moving an order to the stage moves it to that state.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.model
    def _for_state(self, state):
        """The first active stage of the TMF622 `state`, or none."""
        return self.browse(self._id_for_state(state))

    @tools.ormcache("state")
    def _id_for_state(self, state):
        # Every new order and every change of state asks: cached, cleared by telecom.cached.config.
        return self.sudo().with_context(active_test=True).search([("state", "=", state)], limit=1).id
