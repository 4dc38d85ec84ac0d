# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomScenarioCheck(models.Model):
    """What must hold before an order may enter a step. Each check is run by
    the order's method ``_scenario_check_<code>``, which returns why the order
    fails it (or nothing): other modules add checks with a record and a method."""

    _name = "telecom.scenario.check"
    _description = "Scenario Entry Check"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="The order runs the check with its method _scenario_check_<code>.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Another entry check has this code."),
    ]
