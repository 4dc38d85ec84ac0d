from odoo import fields, models


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

    _sql_constraints = [
        ("step_level_unique", "unique(order_step_id, level)", "An escalation level fires once per order step."),
    ]
