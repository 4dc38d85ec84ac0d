# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .product_template import TELECOM_FAMILIES
from .telecom_order import ORDER_TYPES

SUBSCRIBER_KINDS = [("individual", "Individual"), ("company", "Legal Entity")]


class TelecomScenario(models.Model):
    """An ordered, editable set of steps that processes orders of one type (and
    subscriber kind, and optionally service family). An order keeps the version
    it started with: the steps of a version used by open orders do not change,
    a new version is a copy."""

    _name = "telecom.scenario"
    _description = "Order Processing Scenario"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10, help="Among scenarios that fit an order equally well, the first one wins.")
    active = fields.Boolean(default=True, tracking=True)
    order_type = fields.Selection(ORDER_TYPES, required=True, default="connection", tracking=True)
    subscriber_kind = fields.Selection(SUBSCRIBER_KINDS, tracking=True, help="Empty: any subscriber.")
    product_family = fields.Selection(
        TELECOM_FAMILIES,
        string="Service Family",
        tracking=True,
        help="Only for orders with a service of this family. A scenario with a family wins over one without.",
    )
    description = fields.Text(translate=True)
    step_ids = fields.One2many("telecom.scenario.step", "scenario_id", string="Steps", copy=True)
    step_count = fields.Integer(compute="_compute_step_count")
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_version_id = fields.Many2one("telecom.scenario", readonly=True, copy=False, ondelete="set null")
    order_ids = fields.One2many("telecom.order", "scenario_id", string="Orders")
    open_order_count = fields.Integer(compute="_compute_open_order_count", string="Open Orders")
    company_id = fields.Many2one("res.company", index=True, help="Empty: every company.")

    @api.depends("step_ids")
    def _compute_step_count(self):
        for scenario in self:
            scenario.step_count = len(scenario.step_ids)

    def _compute_open_order_count(self):
        counts = self._open_order_counts()
        for scenario in self:
            scenario.open_order_count = counts.get(scenario, 0)

    def _open_order_counts(self):
        """{scenario: number of orders still following it}, read from the database."""
        return dict(
            self.env["telecom.order"]
            .sudo()
            ._read_group(
                # A failed order may be taken up again: it still follows its version.
                [("scenario_id", "in", self.ids), "|", ("is_closed", "=", False), ("state", "=", "failed")],
                ["scenario_id"],
                ["__count"],
            )
        )

    @api.constrains("step_ids")
    def _check_first_step(self):
        """A later step is never acknowledged again: the order is already under way."""
        for scenario in self:
            later = scenario.step_ids[1:].filtered(lambda step: step.stage_id.state == "acknowledged")
            if later:
                raise ValidationError(
                    self.env._(
                        "Scenario %(scenario)s: only the first step may use a stage of the state "
                        "Acknowledged (%(step)s).",
                        scenario=scenario.display_name,
                        step=later[0].name,
                    )
                )

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default)
        if "name" not in default:
            for scenario, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%s (copy)", scenario.name)
        return vals_list

    def copy(self, default=None):
        new_scenarios = super().copy(default)
        for old, new in zip(self, new_scenarios, strict=True):
            new._copy_step_links(old)
        return new_scenarios

    def _copy_step_links(self, original):
        """Point the copied steps' successors and branches to the copied steps."""
        self.ensure_one()
        mapping = dict(zip(original.step_ids, self.step_ids, strict=True))
        for old_step, new_step in mapping.items():
            vals = {}
            if old_step.next_step_id:
                vals["next_step_id"] = mapping[old_step.next_step_id].id
            if old_step.branch_ids:
                vals["branch_ids"] = [
                    Command.create({"outcome": branch.outcome, "next_step_id": mapping[branch.next_step_id].id})
                    for branch in old_step.branch_ids
                ]
            if vals:
                new_step.write(vals)

    def _check_steps_editable(self):
        """Open orders keep the steps they started with."""
        counts = self._open_order_counts() if self.ids else {}
        for scenario in self:
            if counts.get(scenario):
                raise UserError(
                    self.env._(
                        "Scenario %(scenario)s (version %(version)s) is used by %(count)s open orders: its steps "
                        "cannot change under them. Click “New Version” to edit a copy; the open orders finish with "
                        "this version.",
                        scenario=scenario.name,
                        version=scenario.version,
                        count=counts[scenario],
                    )
                )

    def action_new_version(self):
        """Copy the scenario to edit its steps, archiving this version: new orders
        take the copy, open orders finish with this one."""
        self.ensure_one()
        new = self.copy({"name": self.name, "version": self.version + 1, "previous_version_id": self.id})
        self.active = False
        self.message_post(body=self.env._("Replaced by version %s.", new.version))
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_action")
        action["domain"] = [("scenario_id", "=", self.id)]
        action["context"] = {"search_default_open": 1}
        return action

    @api.model
    def _find_for_orders(self, orders):
        """{order: scenario} for the orders a scenario fits, in one search: same
        type, same subscriber kind or none, a family among the order's services
        or none; the most specific wins, then the sequence."""
        if not orders:
            return {}
        scenarios = self.search(
            [
                ("order_type", "in", list(set(orders.mapped("order_type")))),
                ("company_id", "in", [False, *orders.company_id.ids]),
                ("step_ids", "!=", False),
            ]
        )
        result = {}
        for order in orders:
            kind = order._scenario_subscriber_kind()
            families = set(order.line_ids.product_tmpl_id.mapped("telecom_family"))
            candidates = [
                scenario
                for scenario in scenarios
                if scenario.order_type == order.order_type
                and scenario.company_id in (order.company_id, self.env["res.company"])
                and scenario.subscriber_kind in (False, kind)
                and (not scenario.product_family or scenario.product_family in families)
            ]
            if candidates:
                candidates.sort(
                    key=lambda scenario: (
                        -(2 * bool(scenario.product_family) + bool(scenario.subscriber_kind)),
                        scenario.sequence,
                        scenario.id,
                    )
                )
                result[order] = candidates[0]
        return result
