# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

REASSIGN_TARGETS = [
    ("division_manager", "Division Manager"),
    ("parent_manager", "Parent Division Manager"),
]


class TelecomEscalationRule(models.Model):
    """One escalation level: when a step has used `threshold_percent` of its SLA,
    whom to warn and what to do. A division's rules replace the ones of its
    ancestors; rules without a division apply where no division has any."""

    _name = "telecom.escalation.rule"
    _description = "Escalation Rule"
    _order = "division_id, level, id"

    name = fields.Char(required=True, translate=True)
    division_id = fields.Many2one(
        "telecom.division", index=True, ondelete="cascade", help="Empty: every division without rules of its own."
    )
    level = fields.Integer(required=True, default=1)
    threshold_percent = fields.Float(
        string="At % of the SLA", required=True, default=100.0, help="80: jeopardy before the breach; 100: breach."
    )
    notify_responsible = fields.Boolean(string="E-mail the Responsible")
    notify_division_manager = fields.Boolean(string="E-mail the Division Manager")
    notify_parent_manager = fields.Boolean(string="E-mail the Parent Division Manager")
    raise_priority = fields.Boolean(help="Raise the order's priority by one.")
    reassign_to = fields.Selection(REASSIGN_TARGETS)
    needs_attention = fields.Boolean(help="Put the order in the managers' 'needs attention' queue.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, index=True, help="Empty: every company."
    )

    @api.constrains("level", "threshold_percent", "division_id", "active")
    def _check_level(self):
        for rule in self:
            if rule.level < 1 or rule.threshold_percent <= 0:
                raise ValidationError(self.env._("Escalation levels start at 1, at a positive share of the SLA."))
            twin = self.search_count(
                [
                    ("id", "!=", rule.id),
                    ("division_id", "=", rule.division_id.id),
                    ("company_id", "=", rule.company_id.id),
                    ("level", "=", rule.level),
                ]
            )
            if twin:
                raise ValidationError(
                    self.env._(
                        "Level %(level)s is defined twice for %(scope)s.",
                        level=rule.level,
                        scope=rule.division_id.display_name or self.env._("every division"),
                    )
                )

    @api.model
    def _rules_for_divisions(self, divisions):
        """{division: rules by level} for each division: its own rules, else those of its
        nearest ancestor with rules, else the global ones."""
        rules = self.search([])
        by_division = {}
        for rule in rules:
            by_division.setdefault(rule.division_id, self.browse())
            by_division[rule.division_id] |= rule
        result = {}
        for division in divisions:
            chain = [int(part) for part in reversed((division.parent_path or "").split("/")[:-1])]
            found = next(
                (
                    by_division[ancestor]
                    for ancestor in self.env["telecom.division"].browse(chain)
                    if ancestor in by_division
                ),
                by_division.get(self.env["telecom.division"], self.browse()),
            )
            result[division] = found.sorted("level")
        return result
