# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomScenarioStepPart(models.AbstractModel):
    """What a scenario step is made of (its actions, its branches): editable only
    while no open order follows the scenario."""

    _name = "telecom.scenario.step.part"
    _description = "Scenario Step Part"

    @api.model_create_multi
    def create(self, vals_list):
        steps = self.env["telecom.scenario.step"].browse([vals["step_id"] for vals in vals_list if vals.get("step_id")])
        steps.exists().scenario_id._check_steps_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.step_id.scenario_id._check_steps_editable()
        return super().write(vals)

    def unlink(self):
        self.step_id.scenario_id._check_steps_editable()
        return super().unlink()
