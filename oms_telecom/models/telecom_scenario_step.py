# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .telecom_division import DIVISION_KINDS

# The order states a step's stage may stand for: closing is the orders' business.
STEP_STAGE_STATES = ("acknowledged", "in_progress", "pending")


class TelecomScenarioStep(models.Model):
    _name = "telecom.scenario.step"
    _description = "Scenario Step"
    _order = "scenario_id, sequence, id"

    # === FIELDS ===

    scenario_id = fields.Many2one("telecom.scenario", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    stage_id = fields.Many2one(
        "telecom.order.stage",
        required=True,
        ondelete="restrict",
        domain=[("state", "in", STEP_STAGE_STATES)],
        help="Where the order shows in the kanban during the step; its state is the order's state.",
    )
    division_kind = fields.Selection(
        DIVISION_KINDS,
        string="Responsible Division",
        required=True,
        default="sales",
        help="The division of this kind operating the order's address is responsible for the step.",
    )
    sla_hours = fields.Float(string="SLA (Normal)", help="Working hours on the division's calendar. 0: no deadline.")
    sla_hours_high = fields.Float(string="SLA (High)", help="0: as for the priority below.")
    sla_hours_urgent = fields.Float(string="SLA (Urgent)", help="0: as for the priority below.")
    sla_hours_critical = fields.Float(string="SLA (Critical)", help="0: as for the priority below.")
    check_ids = fields.Many2many("telecom.scenario.check", string="Entry Checks")
    action_ids = fields.One2many("telecom.scenario.step.action", "step_id", string="Automatic Actions", copy=True)
    # The step's document package: order reports, and work-order reports printed
    # for the work orders of the step.
    report_ids = fields.Many2many(
        "ir.actions.report",
        string="Documents",
        domain=[("model", "in", ("telecom.order", "telecom.work.order"))],
        help="Documents the step produces (with a 'Generate Documents' action).",
    )
    attach_documents_to_notification = fields.Boolean(
        string="Attach the Documents to the E-mail",
        help="The subscriber's notification of the step carries the order documents the step generated.",
    )
    completed_by_signed_contract = fields.Boolean(
        string="Completed by the Signed Contract",
        help="The order moves on to the next step as soon as the signed contract is uploaded "
        "(by an operator or by the subscriber in the portal).",
    )
    notify_subscriber = fields.Boolean(string="Notify the Subscriber")
    mail_template_id = fields.Many2one(
        "mail.template", string="Notification", domain=[("model", "=", "telecom.order")], ondelete="restrict"
    )
    notification_essential = fields.Boolean(
        string="Essential Notification", help="Sent even to subscribers who opted out of progress e-mails."
    )
    waits_for_customer = fields.Boolean(
        compute="_compute_waits_for_customer",
        store=True,
        help="The order is pending during the step: the SLA clock stops.",
    )
    mandatory = fields.Boolean(default=True, help="An optional step may be skipped by the operator.")
    auto_advance = fields.Boolean(
        string="Move On Automatically",
        help="Go to the next step as soon as the actions are done, when the step waits for no work order "
        "and no customer.",
    )
    check_technician_availability = fields.Boolean(
        help="When the order enters the step, look for a free technician within the SLA; "
        "without one, hold the order and escalate."
    )
    next_step_id = fields.Many2one(
        "telecom.scenario.step",
        copy=False,
        ondelete="set null",
        domain="[('scenario_id', '=', scenario_id), ('id', '!=', id)]",
        help="Empty: the following step, or the end of the scenario after the last one.",
    )
    branch_ids = fields.One2many("telecom.scenario.step.branch", "step_id", string="Branches", copy=False)
    creates_work_orders = fields.Boolean(compute="_compute_creates_work_orders")

    # === COMPUTE METHODS ===

    @api.depends("stage_id.state")
    def _compute_waits_for_customer(self):
        for step in self:
            step.waits_for_customer = step.stage_id.state == "pending"

    @api.depends("action_ids.action_type")
    def _compute_creates_work_orders(self):
        for step in self:
            step.creates_work_orders = "create_work_orders" in step.action_ids.mapped("action_type")

    @api.depends_context("telecom_step_with_scenario")
    @api.depends("name", "scenario_id.name", "scenario_id.version")
    def _compute_display_name(self):
        # The step analysis groups steps of several scenarios, often with the same names.
        if not self.env.context.get("telecom_step_with_scenario"):
            return super()._compute_display_name()
        for step in self:
            step.display_name = self.env._(
                "%(scenario)s (v%(version)s) / %(step)s",
                scenario=step.scenario_id.name,
                version=step.scenario_id.version,
                step=step.name,
            )

    # === CONSTRAINT METHODS ===

    @api.constrains("next_step_id", "scenario_id")
    def _check_next_step(self):
        for step in self.filtered("next_step_id"):
            if step.next_step_id.scenario_id != step.scenario_id or step.next_step_id == step:
                raise ValidationError(
                    self.env._("Step %s: the next step must be another step of the scenario.", step.name)
                )

    @api.constrains("stage_id", "sequence")
    def _check_stage(self):
        for step in self:
            if step.stage_id.state not in STEP_STAGE_STATES:
                raise ValidationError(
                    self.env._("Step %s: its stage must stand for an open, acknowledged or pending order.", step.name)
                )
        self.scenario_id._check_first_step()

    @api.constrains("notify_subscriber", "mail_template_id")
    def _check_notification(self):
        for step in self:
            if step.notify_subscriber and not step.mail_template_id:
                raise ValidationError(self.env._("Step %s notifies the subscriber: choose its e-mail.", step.name))

    # === CRUD METHODS ===

    # The steps of a scenario used by open orders do not change.

    @api.model_create_multi
    def create(self, vals_list):
        scenarios = self.env["telecom.scenario"].browse(
            [vals["scenario_id"] for vals in vals_list if vals.get("scenario_id")]
        )
        scenarios.exists()._check_steps_editable()
        return super().create(vals_list)

    def write(self, vals):
        self.scenario_id._check_steps_editable()
        if vals.get("scenario_id"):
            self.env["telecom.scenario"].browse(vals["scenario_id"])._check_steps_editable()
        return super().write(vals)

    def unlink(self):
        self.scenario_id._check_steps_editable()
        return super().unlink()

    # === BUSINESS METHODS ===

    def _sla_hours(self, priority):
        """Working hours allowed for the step at `priority` ('0' normal to '3' critical)."""
        self.ensure_one()
        by_priority = [self.sla_hours, self.sla_hours_high, self.sla_hours_urgent, self.sla_hours_critical]
        for hours in reversed(by_priority[: int(priority or 0) + 1]):
            if hours:
                return hours
        return 0.0

    def _next_step(self):
        """The step that follows on the normal path, or nothing after the last one."""
        self.ensure_one()
        if self.next_step_id:
            return self.next_step_id
        steps = self.scenario_id.step_ids
        index = list(steps).index(self)
        return steps[index + 1] if index + 1 < len(steps) else self.browse()

    def _branch_target(self, outcome):
        """The step an `outcome` leads to, if the step branches on it."""
        self.ensure_one()
        return self.branch_ids.filtered(lambda branch: branch.outcome == outcome)[:1].next_step_id
