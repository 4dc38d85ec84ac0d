from odoo import fields, models

from .telecom_order_state import ORDER_STATES


class TelecomOrderStage(models.Model):
    _name = "telecom.order.stage"
    _description = "Order Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(
        ORDER_STATES,
        required=True,
        default="inProgress",
        help="The TMF622 state an order has in this stage. Moving an order to the stage moves it to that state.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
