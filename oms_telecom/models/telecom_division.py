# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError

DIVISION_KINDS = [
    ("sales", "Sales / Back Office"),
    ("technical", "Technical Department"),
    ("support", "Support"),
]


class TelecomDivision(models.Model):
    _name = "telecom.division"
    _description = "Division"
    _inherit = ["mail.thread", "mail.alias.mixin.optional"]
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("telecom.division", string="Parent Division", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("telecom.division", "parent_id", string="Sub-divisions")
    kind = fields.Selection(DIVISION_KINDS, required=True, default="sales", tracking=True)
    manager_id = fields.Many2one("res.users", tracking=True)
    member_ids = fields.Many2many(
        "res.users", "telecom_division_member_rel", "division_id", "user_id", string="Members"
    )
    resource_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Deadlines are counted and members are available on these hours.",
    )
    coverage_area_ids = fields.One2many("telecom.coverage.area", "division_id", string="Coverage Areas")
    technician_daily_capacity = fields.Integer(
        string="Work Orders per Technician and Day", default=4, help="0: no limit."
    )
    booking_horizon_days = fields.Integer(
        string="Booking Horizon (working days)", default=5, help="How far ahead free appointment slots are offered."
    )
    visit_change_hours = fields.Integer(
        string="Visit Changes Online up to (hours)",
        default=24,
        help="Subscribers may move or cancel a booked visit from the portal until this many hours before it "
        "starts; after that, they call.",
    )
    escalation_rule_ids = fields.One2many(
        "telecom.escalation.rule",
        "division_id",
        string="Escalation Rules",
        groups="oms_telecom.group_oms_division_manager",
    )
    order_ids = fields.One2many("telecom.order", "division_id", string="Orders")
    open_order_count = fields.Integer(compute="_compute_open_order_count")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for division in self:
            if division.parent_id:
                division.complete_name = f"{division.parent_id.complete_name} / {division.name}"
            else:
                division.complete_name = division.name

    def _compute_open_order_count(self):
        counts = dict(
            self.env["telecom.order"]._read_group(
                [("division_id", "child_of", self.ids), ("is_closed", "=", False)], ["division_id"], ["__count"]
            )
        )
        for division in self:
            division.open_order_count = sum(
                count for sub, count in counts.items() if str(division.id) in sub.parent_path.split("/")
            )

    @api.constrains("parent_id")
    def _check_hierarchy(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A division cannot be its own parent or ancestor."))

    def write(self, vals):
        result = super().write(vals)
        if {"resource_calendar_id", "kind", "active"} & set(vals):
            # The time zone of the premises the division's teams cover is their calendar's.
            self.env["telecom.premises"]._telecom_recompute_zones(
                self.with_context(active_test=False).coverage_area_ids.country_id
            )
        return result

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get("telecom.order").id
        if self.id:
            values["alias_defaults"] = defaults = ast.literal_eval(self.alias_defaults or "{}")
            defaults.update({"division_id": self.id, "order_type": "problem", "channel": "email"})
        return values

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_action")
        action["domain"] = [("division_id", "child_of", self.id)]
        action["context"] = {"search_default_open": 1}
        return action
