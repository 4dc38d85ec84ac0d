# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .telecom_report_sql import PERIOD_DAYS


class TelecomEscalationEvent(models.Model):
    """An escalation level fired for an order step. The unique (step, level) pair
    is how a level is claimed exactly once, whatever the number of cron runs or
    workers: see telecom.order.step._claim_escalations."""

    _name = "telecom.escalation.event"
    _description = "Escalation Event"
    _order = "date desc, id desc"
    _log_access = True

    order_step_id = fields.Many2one("telecom.order.step", required=True, index=True, ondelete="cascade")
    order_id = fields.Many2one("telecom.order", required=True, index=True, ondelete="cascade")
    level = fields.Integer(required=True)
    rule_id = fields.Many2one("telecom.escalation.rule", ondelete="set null")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    # What a manager reads and filters escalations by: the order's division and responsible.
    division_id = fields.Many2one(related="order_id.division_id", string="Division")
    user_id = fields.Many2one(related="order_id.user_id", string="Responsible")
    step_deadline = fields.Datetime(related="order_step_id.date_deadline", string="Step Deadline")
    is_recent = fields.Boolean(
        string=f"Last {PERIOD_DAYS} Days",
        compute="_compute_is_recent",
        search="_search_is_recent",
        help=f"Fired in the last {PERIOD_DAYS} days, the period of the division scorecard.",
    )

    _sql_constraints = [
        ("step_level_unique", "unique(order_step_id, level)", "An escalation level fires once per order step."),
    ]

    def _recent_since(self):
        return fields.Datetime.subtract(fields.Datetime.now(), days=PERIOD_DAYS)

    @api.depends("date")
    def _compute_is_recent(self):
        since = self._recent_since()
        for event in self:
            event.is_recent = event.date >= since

    def _search_is_recent(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Last %s Days'.", PERIOD_DAYS))
        recent = (operator == "=") == value
        return [("date", ">=" if recent else "<", self._recent_since())]

    def action_open_order(self):
        self.ensure_one()
        return self.order_id.get_formview_action()
