# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

STEP_OUTCOMES = [
    ("work_order_failed", "A Work Order Failed"),
    ("line_test_failed", "Line Test Failed"),
    ("not_confirmed", "Customer Reports It Is Not Solved"),
    ("customer_declined", "Customer Declined"),
]


class TelecomScenarioStepBranch(models.Model):
    """Where an order goes when a step ends with a given outcome instead of
    following the normal path (e.g. line test failed: repair)."""

    _name = "telecom.scenario.step.branch"
    _inherit = ["telecom.scenario.step.part"]
    _description = "Scenario Step Branch"
    _order = "step_id, id"

    step_id = fields.Many2one("telecom.scenario.step", required=True, index=True, ondelete="cascade")
    scenario_id = fields.Many2one(related="step_id.scenario_id")
    outcome = fields.Selection(STEP_OUTCOMES, required=True)
    next_step_id = fields.Many2one(
        "telecom.scenario.step",
        string="Go To",
        required=True,
        ondelete="cascade",
        domain="[('scenario_id', '=', scenario_id)]",
    )

    _sql_constraints = [
        ("outcome_unique", "unique(step_id, outcome)", "A step branches once per outcome."),
    ]

    @api.constrains("next_step_id", "step_id")
    def _check_target(self):
        for branch in self:
            if branch.next_step_id.scenario_id != branch.step_id.scenario_id:
                raise ValidationError(self.env._("A branch leads to a step of the same scenario."))
