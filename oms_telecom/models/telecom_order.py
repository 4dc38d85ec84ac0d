from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, html2plaintext
from odoo.tools.mail import parse_contact_from_email

from .telecom_order_state import ALLOWED_TRANSITIONS, CANCELLABLE_STATES, CLOSED_STATES, ORDER_STATES
from .telecom_order_step import OPEN_ORDER_STEP_STATES
from .telecom_work_order import OPEN_WORK_ORDER_STATES

ORDER_TYPES = [
    ("connection", "Connection"),
    ("change", "Change of Parameters"),
    ("disconnection", "Disconnection"),
    ("problem", "Technical Problem"),
]
CHANNELS = [
    ("operator", "Operator"),
    ("portal", "Portal"),
    ("web", "Web Form"),
    ("api", "API"),
    ("email", "E-mail"),
]
# Closing or cancelling an order changes services and work orders: only the
# order's actions may do it, not a kanban move.
KANBAN_FORBIDDEN_STATES = set(CLOSED_STATES) | {"pendingCancellation"}
PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Critical")]


class TelecomOrder(models.Model):
    _name = "telecom.order"
    _description = "Telecom Order"
    _inherit = ["portal.mixin", "mail.thread.cc", "mail.activity.mixin"]
    _order = "priority desc, id desc"
    _primary_email = "prospect_email"
    # What an operator types to find an order: number, subscriber, account, phone, address.
    _rec_names_search = [
        "name",
        "partner_id",
        "subscriber_account",
        "partner_phone",
        "prospect_name",
        "prospect_phone",
        "premises_id",
    ]

    def _default_stage_id(self):
        return self.env["telecom.order.stage"].search([("state", "=", "draft")], limit=1)

    name = fields.Char(
        string="Number",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    order_type = fields.Selection(ORDER_TYPES, string="Type", required=True, default="connection", tracking=True)
    channel = fields.Selection(CHANNELS, required=True, default="operator", tracking=True)
    partner_id = fields.Many2one("res.partner", string="Subscriber", index=True, tracking=True, ondelete="restrict")
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True, precompute=True
    )
    subscriber_account = fields.Char(related="commercial_partner_id.subscriber_account")
    partner_phone = fields.Char(related="partner_id.phone")
    partner_email = fields.Char(related="partner_id.email")
    subscriber_kind = fields.Selection(
        [("individual", "Individual"), ("company", "Legal Entity")],
        compute="_compute_subscriber_kind",
        store=True,
        readonly=False,
        precompute=True,
    )
    # Prospect data, until the order is accepted and the prospect becomes a partner.
    prospect_name = fields.Char(string="Contact Name")
    prospect_company_name = fields.Char(string="Company Name")
    prospect_email = fields.Char(string="Contact E-mail")
    prospect_phone = fields.Char(string="Contact Phone")
    premises_id = fields.Many2one("telecom.premises", index=True, tracking=True, ondelete="restrict")
    premises_address = fields.Char(related="premises_id.full_address", string="Address")
    premises_city = fields.Char(related="premises_id.city", string="City")
    affected_service_id = fields.Many2one(
        "telecom.subscriber.service",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="The service the technical problem is about.",
    )
    line_ids = fields.One2many("telecom.order.line", "order_id", string="Service Orders", copy=True)
    work_order_ids = fields.One2many("telecom.work.order", "order_id", string="Work Orders")
    service_ids = fields.Many2many("telecom.subscriber.service", compute="_compute_service_ids", string="Services")
    line_count = fields.Integer(compute="_compute_counts")
    work_order_count = fields.Integer(compute="_compute_counts")
    service_count = fields.Integer(compute="_compute_service_ids")
    requested_date = fields.Date(tracking=True)
    priority = fields.Selection(PRIORITIES, default="0", index=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True, tracking=True)
    division_id = fields.Many2one("telecom.division", index=True, tracking=True)
    division_manual = fields.Boolean(
        string="Division Set by Hand", copy=False, help="Routing never changes a division chosen by hand."
    )
    user_manual = fields.Boolean(
        string="Responsible Set by Hand", copy=False, help="Routing never changes a responsible chosen by hand."
    )
    uncovered_address = fields.Boolean(
        copy=False, index=True, help="No division of the right kind covers the premises: a fallback division has it."
    )
    description = fields.Html()
    state = fields.Selection(ORDER_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    state_before_cancellation = fields.Selection(ORDER_STATES, copy=False, readonly=True)
    state_reason = fields.Char(
        string="Reason", tracking=True, copy=False, help="Why the order is pending, held or failed."
    )
    is_closed = fields.Boolean(compute="_compute_is_closed", store=True, index=True, precompute=True)
    stage_id = fields.Many2one(
        "telecom.order.stage",
        default=_default_stage_id,
        group_expand="_read_group_expand_stage_ids",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
    )
    kanban_state = fields.Selection(
        [("normal", "In Progress"), ("blocked", "Blocked"), ("done", "Ready")], default="normal", copy=False
    )
    date_deadline = fields.Datetime(string="Deadline", index=True, tracking=True, copy=False)
    is_late = fields.Boolean(compute="_compute_is_late", search="_search_is_late")
    date_submitted = fields.Datetime(readonly=True, copy=False)
    date_closed = fields.Datetime(readonly=True, copy=False, index=True)
    external_reference = fields.Char(string="External ID", copy=False, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_installation = fields.Monetary(compute="_compute_amounts", string="Installation Fees")
    amount_monthly = fields.Monetary(compute="_compute_amounts", string="Monthly Total")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    color = fields.Integer()
    # Processing scenario
    scenario_id = fields.Many2one(
        "telecom.scenario",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        domain="[('order_type', '=', order_type)]",
        help="Set on submission from the active scenarios, unless the order is processed by hand. "
        "The order keeps this version of the scenario until it is closed.",
    )
    no_scenario = fields.Boolean(
        string="Process by Hand",
        copy=False,
        help="No scenario is attached on submission: the order is processed with its buttons and work orders.",
    )
    order_step_ids = fields.One2many("telecom.order.step", "order_id", string="Step History")
    current_order_step_id = fields.Many2one(
        "telecom.order.step", string="Current Step", copy=False, readonly=True, index="btree_not_null"
    )
    current_step_state = fields.Selection(related="current_order_step_id.state", string="Step State")
    step_deadline = fields.Datetime(related="current_order_step_id.date_deadline", string="Step Deadline")
    step_mandatory = fields.Boolean(related="current_order_step_id.scenario_step_id.mandatory")
    escalation_level = fields.Integer(related="current_order_step_id.escalation_level")
    needs_attention = fields.Boolean(
        copy=False,
        index=True,
        tracking=True,
        help="A step failed, no technician is free or an escalation asks for a manager: see the reason and retry.",
    )
    deadline_by_scenario = fields.Boolean(
        copy=False, help="The deadline is computed by the scenario; a deadline set otherwise is kept."
    )
    can_book_slot = fields.Boolean(compute="_compute_scenario_buttons")
    can_report_not_solved = fields.Boolean(compute="_compute_scenario_buttons")

    @api.depends("partner_id.commercial_partner_id.is_company")
    def _compute_subscriber_kind(self):
        for order in self.filtered("partner_id"):
            order.subscriber_kind = "company" if order.partner_id.commercial_partner_id.is_company else "individual"

    @api.depends("line_ids.service_id", "affected_service_id")
    def _compute_service_ids(self):
        for order in self:
            order.service_ids = order.line_ids.service_id | order.affected_service_id
            order.service_count = len(order.service_ids)

    def _compute_counts(self):
        lines = dict(
            self.env["telecom.order.line"]._read_group([("order_id", "in", self.ids)], ["order_id"], ["__count"])
        )
        work_orders = dict(
            self.env["telecom.work.order"]._read_group([("order_id", "in", self.ids)], ["order_id"], ["__count"])
        )
        for order in self:
            order.line_count = lines.get(order, 0)
            order.work_order_count = work_orders.get(order, 0)

    @api.depends("state")
    def _compute_is_closed(self):
        for order in self:
            order.is_closed = order.state in CLOSED_STATES

    @api.depends("date_deadline", "is_closed")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for order in self:
            order.is_late = bool(order.date_deadline and not order.is_closed and order.date_deadline < now)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'late'."))
        late = [("date_deadline", "<", fields.Datetime.now()), ("is_closed", "=", False)]
        return late if (operator == "=") == value else ["!", "&", *late]

    @api.depends("line_ids.installation_fee", "line_ids.monthly_price")
    def _compute_amounts(self):
        for order in self:
            lines = order.line_ids.filtered(lambda line: line.state != "cancelled")
            order.amount_installation = sum(lines.mapped("installation_fee"))
            order.amount_monthly = sum(lines.filtered(lambda line: line.action != "delete").mapped("monthly_price"))

    def _compute_access_url(self):
        for order in self:
            order.access_url = f"/my/telecom/orders/{order.id}"

    @api.model
    def _read_group_expand_stage_ids(self, stages, domain):
        return stages.search([("fold", "=", False)]) | stages

    @api.constrains("order_type", "affected_service_id", "partner_id")
    def _check_affected_service(self):
        for order in self.filtered("affected_service_id"):
            if order.affected_service_id.commercial_partner_id != order.commercial_partner_id:
                raise ValidationError(
                    self.env._("Order %s: the affected service belongs to another subscriber.", order.name)
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and self.partner_id.telecom_premises_ids and not self.premises_id:
            self.premises_id = self.partner_id.telecom_premises_ids[:1]

    @api.model_create_multi
    def create(self, vals_list):
        new_label = self.env._("New")
        unnamed = [vals for vals in vals_list if vals.get("name", new_label) == new_label]
        numbers = self.env["ir.sequence"]._next_batch_by_code("telecom.order", len(unnamed))
        for vals, number in zip(unnamed, numbers, strict=True):
            vals["name"] = number or new_label
        if any("stage_id" not in vals for vals in vals_list):
            # One look-up for the batch rather than the default once per order.
            draft_stage = self._default_stage_id()
            for vals in vals_list:
                vals.setdefault("stage_id", draft_stage.id)
        for vals in vals_list:
            if vals.get("division_id") and not self.env.context.get("telecom_routing"):
                vals.setdefault("division_manual", True)
            if vals.get("user_id") and not self.env.context.get("telecom_routing"):
                vals.setdefault("user_manual", True)
        self._route_vals(vals_list)
        return super().create(vals_list)

    @api.model
    def _routing_division_kind(self, order_type):
        """Which kind of division takes an order of this type when it comes in."""
        return "support" if order_type == "problem" else "sales"

    @api.model
    def _route_vals(self, vals_list):
        """Fill division and responsible of new orders from their premises, in one
        pass for the whole batch."""
        todo = [vals for vals in vals_list if vals.get("premises_id") and not vals.get("division_manual")]
        if not todo:
            return
        router = self.env["telecom.router"]
        premises = self.env["telecom.premises"].browse({vals["premises_id"] for vals in todo})
        by_kind = {}
        for vals in todo:
            kind = self._routing_division_kind(vals.get("order_type") or "connection")
            by_kind.setdefault(kind, []).append(vals)
        counts = {}
        for kind, kind_vals in by_kind.items():
            divisions = router._resolve_divisions(premises, kind)
            for vals in kind_vals:
                division, covered = divisions.get(vals["premises_id"], (False, False))
                vals["division_id"] = division.id if division else False
                vals["uncovered_address"] = not covered
                if division and not vals.get("user_manual"):
                    counts[division] = counts.get(division, 0) + 1
        users = router._assign_users(counts)
        for vals in todo:
            division = self.env["telecom.division"].browse(vals["division_id"])
            if division in users and not vals.get("user_manual"):
                vals["user_id"] = users[division].pop(0).id

    def _reroute(self):
        """Allocate again after the premises changed, keeping what was set by hand."""
        for order in self.filtered(lambda order: order.premises_id and not order.division_manual):
            vals = {
                "premises_id": order.premises_id.id,
                "order_type": order.order_type,
                "user_manual": order.user_manual,
            }
            self._route_vals([vals])
            new = {key: vals[key] for key in ("division_id", "uncovered_address", "user_id") if key in vals}
            if new.get("division_id") != order.division_id.id:
                old_division = order.division_id
                order.with_context(telecom_routing=True).write(new)
                order.message_post(
                    body=self.env._(
                        "Re-allocated from %(old)s to %(new)s after the premises changed.",
                        old=old_division.display_name or "-",
                        new=order.division_id.display_name or "-",
                    ),
                    message_type="notification",
                )

    def write(self, vals):
        routing = self.env.context.get("telecom_routing")
        if not routing:
            # A division or responsible chosen by hand is never undone by routing.
            if "division_id" in vals:
                vals = dict(vals, division_manual=bool(vals["division_id"]))
            if "user_id" in vals:
                vals = dict(vals, user_manual=bool(vals["user_id"]))
        if "date_deadline" in vals and not self.env.context.get("telecom_scenario_sync"):
            vals = dict(vals, deadline_by_scenario=False)
        if vals.get("stage_id") and "state" not in vals:
            # Moving a card in the kanban moves the order to the stage's state.
            stage = self.env["telecom.order.stage"].browse(vals["stage_id"])
            if stage.state in KANBAN_FORBIDDEN_STATES and any(order.state != stage.state for order in self):
                raise UserError(
                    self.env._(
                        "Orders reach the stage %s through their work orders and buttons, not by drag and drop.",
                        stage.name,
                    )
                )
            vals = dict(vals, state=stage.state)
        if "state" in vals:
            for order in self:
                order._check_transition(vals["state"])
        moved = self.filtered(lambda order: order.state != vals["state"]) if "state" in vals else self.browse()
        result = super().write(vals)
        if moved and not self.env.context.get("telecom_scenario_sync"):
            moved._scenario_sync_state(vals["state"])
        if "premises_id" in vals and not routing:
            self._reroute()
        return result

    def _check_transition(self, new_state):
        self.ensure_one()
        if new_state != self.state and new_state not in ALLOWED_TRANSITIONS[self.state]:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "Order %(order)s cannot go from %(old)s to %(new)s.",
                    order=self.name,
                    old=states[self.state],
                    new=states[new_state],
                )
            )

    def _stage_for_state(self, state):
        return self.env["telecom.order.stage"].search([("state", "=", state)], limit=1)

    def _set_state(self, new_state, reason=None):
        """The single door for state changes: checks, stage, dates."""
        for order in self:
            order._check_transition(new_state)
        vals = {"state": new_state}
        if reason is not None:
            vals["state_reason"] = reason
        stage = self._stage_for_state(new_state)
        if stage:
            vals["stage_id"] = stage.id
        # A failed order taken up again is open: it has no closing date any more.
        vals["date_closed"] = fields.Datetime.now() if new_state in CLOSED_STATES else False
        self.write(vals)

    # Actions of the form's buttons.

    def action_submit(self):
        self.check_access("write")
        for order in self:
            order._check_submittable()
        self._set_state("acknowledged")
        self.write({"date_submitted": fields.Datetime.now()})
        self._scenario_attach()
        self._scenario_start()

    def _check_submittable(self):
        self.ensure_one()
        if not self.premises_id:
            raise UserError(self.env._("Order %s has no premises.", self.name))
        if not self.partner_id and not (self.prospect_name and (self.prospect_email or self.prospect_phone)):
            raise UserError(
                self.env._("Order %s needs a subscriber, or a prospect's name with an e-mail or phone.", self.name)
            )
        if self.order_type != "problem" and not self.line_ids:
            raise UserError(self.env._("Order %s has no service lines.", self.name))
        if self.order_type == "problem" and not self.description and not self.affected_service_id:
            raise UserError(self.env._("Describe the problem of order %s or choose the affected service.", self.name))
        self.line_ids._check_fits_order()

    def action_start(self):
        self._set_state("inProgress")
        self.line_ids.filtered(lambda line: line.state == "pending").write({"state": "in_progress"})

    def action_reject(self):
        self._set_state("rejected")
        self.line_ids.filtered(lambda line: line.state not in ("done", "failed")).write({"state": "cancelled"})

    def action_set_pending(self, reason=None):
        self._set_state("pending", reason or self.env._("Waiting for the customer"))

    def action_hold(self, reason=None):
        self._set_state("held", reason or self.env._("Held"))

    def action_resume(self):
        self._set_state("inProgress", False)
        self.line_ids.filtered(lambda line: line.state == "pending").write({"state": "in_progress"})

    def action_fail(self, reason=None):
        self._set_state("failed", reason or self.env._("Failed"))

    def action_request_cancellation(self):
        for order in self:
            if order.state not in CANCELLABLE_STATES:
                raise UserError(self.env._("Order %s can no longer be cancelled.", order.name))
            order.state_before_cancellation = order.state
        self._set_state("assessingCancellation")

    def action_accept_cancellation(self):
        self._set_state("pendingCancellation")
        self._cancel_in_flight()
        self._set_state("cancelled")

    def action_refuse_cancellation(self):
        for order in self:
            if order.state != "assessingCancellation":
                raise UserError(self.env._("Order %s has no cancellation request to refuse.", order.name))
            order._set_state(order.state_before_cancellation or "inProgress")

    def action_cancel_draft(self):
        for order in self:
            if order.state != "draft":
                raise UserError(self.env._("Only a draft can be cancelled directly; request the cancellation."))
        self._set_state("cancelled")

    def action_complete(self):
        """Complete by hand the open lines that wait for no work order (the
        others complete with their work orders)."""
        for order in self:
            if order.state not in ("acknowledged", "inProgress"):
                raise UserError(self.env._("Order %s is not in progress.", order.name))
            if order.work_order_ids.filtered(lambda wo: wo.state in ("draft", "planned", "in_progress")) and (
                order.order_type == "problem" and not order.line_ids
            ):
                raise UserError(self.env._("Order %s still has open work orders.", order.name))
        self.filtered(lambda order: order.state == "acknowledged").action_start()
        lines = self.line_ids.filtered(
            lambda line: (
                line.state in ("pending", "in_progress")
                and not line.work_order_ids.filtered(lambda wo: wo.state in ("draft", "planned", "in_progress"))
            )
        )
        lines._complete()
        problem_orders = self.filtered(lambda order: order.order_type == "problem" and not order.line_ids)
        problem_orders._set_state("completed")

    def _cancel_in_flight(self):
        """Stop what is under way: open work orders and lines are cancelled.
        Services are only changed when a line completes, so a line that did not
        complete left its service untouched."""
        self.work_order_ids.filtered(lambda wo: wo.state not in ("done", "failed", "cancelled")).write(
            {"state": "cancelled"}
        )
        self.line_ids.filtered(lambda line: line.state not in ("done", "failed")).write({"state": "cancelled"})

    def _update_state_from_lines(self):
        """Completed, partial or failed once no line is open any more."""
        for order in self.filtered(lambda order: order.state == "inProgress"):
            lines = order.line_ids.filtered(lambda line: line.state != "cancelled")
            if not lines or any(line.state not in ("done", "failed") for line in lines):
                continue
            done = lines.filtered(lambda line: line.state == "done")
            if len(done) == len(lines):
                order._set_state("completed")
            elif done:
                order._set_state("partial")
            else:
                order._set_state("failed", self.env._("Every service order failed."))

    def _update_state_from_work_orders(self):
        """Orders without lines (technical problems) follow their work orders."""
        for order in self.filtered(lambda order: order.state == "inProgress" and not order.line_ids):
            # Work orders of a scenario step move the scenario on instead.
            work_orders = order.work_order_ids.filtered(lambda wo: wo.state != "cancelled" and not wo.order_step_id)
            if not work_orders or any(wo.state not in ("done", "failed") for wo in work_orders):
                continue
            if all(wo.state == "done" for wo in work_orders):
                order._set_state("completed")
            else:
                order._set_state("failed", self.env._("A work order failed."))

    def action_create_work_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "telecom.work.order",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id, "default_division_id": self.division_id.id},
        }

    def action_view_work_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_work_order_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "default_division_id": self.division_id.id}
        return action

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_subscriber_service_action")
        action["domain"] = [("id", "in", self.service_ids.ids)]
        if len(self.service_ids) == 1:
            action.update(view_mode="form", res_id=self.service_ids.id, views=[(False, "form")])
        return action

    # Scenario: steps, deadlines, notifications, technician availability.

    def _compute_scenario_buttons(self):
        for order in self:
            log = order.current_order_step_id
            running = log.state in ("running", "pending", "held") and not order.is_closed
            order.can_book_slot = bool(running and order._scenario_work_orders_to_book())
            order.can_report_not_solved = bool(
                running and log.state != "held" and log.scenario_step_id._branch_target("not_confirmed")
            )

    def _scenario_subscriber_kind(self):
        self.ensure_one()
        return self.subscriber_kind or ("company" if self.prospect_company_name else "individual")

    def _scenario_attach(self):
        """Attach the best fitting active scenario to the orders without one, unless
        they are processed by hand."""
        todo = self.filtered(lambda order: not order.scenario_id and not order.no_scenario)
        for order, scenario in self.env["telecom.scenario"]._find_for_orders(todo).items():
            order.scenario_id = scenario

    def _scenario_start(self):
        for order in self.filtered(lambda order: order.scenario_id and not order.current_order_step_id):
            first = order.scenario_id.step_ids[:1]
            if first:
                order._scenario_enter(first)

    def _scenario_step_division(self, step):
        """The division responsible for `step`: the order's when it is of the step's
        kind, else the one of that kind operating the premises."""
        self.ensure_one()
        if not step.division_kind or self.division_id.kind == step.division_kind or not self.premises_id:
            return self.division_id
        divisions = self.env["telecom.router"]._resolve_divisions(self.premises_id, step.division_kind)
        return divisions.get(self.premises_id.id, (False, False))[0] or self.division_id

    def _scenario_calendar(self, division):
        return division.resource_calendar_id or self.company_id.resource_calendar_id

    def _scenario_enter(self, step, previous=None, outcome="done", previous_state="done"):
        """Enter `step`: entry checks, step log, stage and state, deadlines, actions,
        notification, technician availability; then move on if nothing is awaited."""
        self.ensure_one()
        self._scenario_run_checks(step)
        now = fields.Datetime.now()
        if previous:
            previous._close(previous_state, outcome, now=now)
        division = self._scenario_step_division(step)
        log = self.env["telecom.order.step"].create(
            {
                "order_id": self.id,
                "scenario_step_id": step.id,
                "name": step.name,
                "stage_id": step.stage_id.id,
                "division_id": division.id,
                "user_id": self.user_id.id,
                "priority": self.priority,
                "attempt": len(self.order_step_ids.filtered(lambda known: known.scenario_step_id == step)) + 1,
                "date_start": now,
                "running_since": now,
                "calendar_id": self._scenario_calendar(division).id,
                "sla_hours": step._sla_hours(self.priority),
            }
        )
        self._scenario_move(log, step.stage_id)
        if step.waits_for_customer:
            log._pause_clock(now)
        else:
            log._plan_sla()
        self._scenario_update_deadline()
        if not self._scenario_run_actions(log):
            return log
        if step.notify_subscriber:
            self._scenario_notify(step.mail_template_id, log, essential=step.notification_essential)
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(log)
        if step.auto_advance and self._scenario_can_move_on(log):
            self._scenario_advance()
        return log

    def _scenario_move(self, log, stage, reason=False):
        """Put the order in the step's stage and state (the transition rules apply)."""
        self.ensure_one()
        vals = {
            "stage_id": stage.id,
            "state": stage.state,
            "current_order_step_id": log.id,
            "state_reason": reason,
            "needs_attention": False,
        }
        if self.state in CLOSED_STATES:
            vals["date_closed"] = False
        self.with_context(telecom_scenario_sync=True).write(vals)

    def _scenario_can_move_on(self, log):
        return (
            log.state == "running"
            and self.state in ("acknowledged", "inProgress")
            and not log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        )

    def _scenario_run_checks(self, step):
        self.ensure_one()
        errors = []
        for check in step.check_ids:
            method = getattr(self, f"_scenario_check_{check.code}", None)
            error = method() if method else self.env._("the check %s is not known.", check.name)
            if error:
                errors.append(error)
        if errors:
            raise UserError(
                self.env._(
                    "Order %(order)s cannot enter the step %(step)s:\n%(errors)s",
                    order=self.name,
                    step=step.name,
                    errors="\n".join(f"- {error}" for error in errors),
                )
            )

    # Entry checks: each returns why the order fails it, or nothing.

    def _scenario_check_premises(self):
        if not self.premises_id:
            return self.env._("the order has no premises.")

    def _scenario_check_subscriber(self):
        if not self.partner_id and not (self.prospect_name and (self.prospect_email or self.prospect_phone)):
            return self.env._("a subscriber, or a prospect's name with an e-mail or phone, is needed.")

    def _scenario_check_service_lines(self):
        if self.order_type != "problem" and not self.line_ids.filtered(lambda line: line.state != "cancelled"):
            return self.env._("the order has no service lines.")

    def _scenario_check_signatory(self):
        partner = self.partner_id.commercial_partner_id
        if partner.is_company and not partner.signatory_id:
            return self.env._("the legal entity %s has no authorised signatory.", partner.display_name)
        if not partner and self._scenario_subscriber_kind() == "company" and not self.prospect_company_name:
            return self.env._("the prospect's company name is needed.")

    def _scenario_check_requested_date(self):
        if not self.requested_date:
            return self.env._("the requested date is not set.")

    def _scenario_check_work_orders_done(self):
        if self.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES):
            return self.env._("work orders are still open.")

    # Orchestration

    def action_next_step(self):
        for order in self:
            order._scenario_check_can_move(check_work_orders=True)
            order._scenario_advance()
        return True

    def action_skip_step(self):
        for order in self:
            order._scenario_check_can_move()
            log = order.current_order_step_id
            if log.scenario_step_id.mandatory:
                raise UserError(self.env._("The step %s is mandatory: it cannot be skipped.", log.name))
            log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            order._scenario_advance(previous_state="skipped", outcome="skipped")
        return True

    def action_step_not_solved(self):
        """The subscriber reports that the problem is not solved."""
        return self.action_step_outcome("not_confirmed")

    def action_step_outcome(self, outcome):
        for order in self:
            order._scenario_check_can_move()
            if not order.current_order_step_id.scenario_step_id._branch_target(outcome):
                raise UserError(
                    self.env._("The step %s does not branch on this outcome.", order.current_order_step_id.name)
                )
            order._scenario_advance(outcome)
        return True

    def action_retry_step(self):
        for order in self:
            log = order.current_order_step_id
            if not order.scenario_id or log.state not in ("failed", "held"):
                raise UserError(self.env._("Order %s has no failed or held step to retry.", order.name))
            order._scenario_retry(log)
        return True

    def action_clear_attention(self):
        """A manager took care of an escalated order: it leaves the 'needs attention' queue."""
        for order in self.filtered("needs_attention"):
            order.needs_attention = False
            order.message_post(body=self.env._("Taken care of."), subtype_xmlid="mail.mt_note")
        return True

    def _scenario_check_can_move(self, check_work_orders=False):
        self.ensure_one()
        log = self.current_order_step_id
        if not self.scenario_id or not log:
            raise UserError(self.env._("Order %s follows no scenario.", self.name))
        if self.state not in ("acknowledged", "inProgress", "pending") or log.state not in ("running", "pending"):
            raise UserError(
                self.env._(
                    "Order %(order)s is %(state)s at the step %(step)s: resume it or retry the step first.",
                    order=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                    step=log.name,
                )
            )
        open_work_orders = log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        if check_work_orders and open_work_orders:
            raise UserError(
                self.env._(
                    "The step %(step)s of order %(order)s waits for its work orders %(work_orders)s.",
                    step=log.name,
                    order=self.name,
                    work_orders=", ".join(open_work_orders.mapped("name")),
                )
            )

    def _scenario_advance(self, outcome="done", previous_state="done"):
        """Leave the current step for the next one (or the branch of `outcome`);
        after the last step, complete the order."""
        self.ensure_one()
        log = self.current_order_step_id
        step = log.scenario_step_id
        target = step._next_step() if outcome in ("done", "skipped") else step._branch_target(outcome)
        if target:
            if outcome not in ("done", "skipped"):
                # The step ends on a failure: what still waits in it will not run.
                log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            return self._scenario_enter(target, previous=log, outcome=outcome, previous_state=previous_state)
        if outcome not in ("done", "skipped"):
            return self._scenario_fallout(log, self.env._("The step %s has no way on for this outcome.", log.name))
        log._close(previous_state, outcome)
        self._scenario_finish()
        return log

    def _scenario_advance_safely(self, outcome="done"):
        """Move on after the work orders of the step closed; what stops the order
        (an entry check of the next step) must not stop the technician's report."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._scenario_advance(outcome)
        except UserError as error:
            self.needs_attention = True
            self.message_post(
                body=self.env._("The order could not move on after its work orders: %s", error.args[0]),
                subtype_xmlid="mail.mt_note",
            )

    def _scenario_finish(self):
        """The last step is done: complete what is still open and close the order."""
        self.ensure_one()
        if self.is_closed:
            return
        if self.state != "inProgress":
            self.with_context(telecom_scenario_sync=True)._set_state("inProgress")
        self.line_ids.filtered(lambda line: line.state in ("pending", "in_progress"))._complete()
        if self.state == "inProgress":
            if self.line_ids.filtered(lambda line: line.state != "cancelled"):
                self._update_state_from_lines()
            else:
                self._set_state("completed")

    def _scenario_retry(self, log):
        """Run the failed (or held) step again: its actions do not redo what is done."""
        self.ensure_one()
        step = log.scenario_step_id
        self._scenario_run_checks(step)
        stage = step.stage_id
        if stage.state != self.state and stage.state not in ALLOWED_TRANSITIONS[self.state]:
            stage = self._stage_for_state("inProgress")
        self._scenario_move(log, stage)
        log.attempt += 1
        if step.waits_for_customer:
            log._resume_clock()
            log._pause_clock()
        else:
            log._resume_clock()
        self._scenario_update_deadline()
        if not self._scenario_run_actions(log):
            return
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(log)
        mine = log._current_work_orders()
        if self._scenario_can_move_on(log) and (step.auto_advance or (mine and all(wo.state == "done" for wo in mine))):
            self._scenario_advance()

    def _scenario_fallout(self, log, reason):
        """A step failed: the order fails (or is held when it cannot fail from its
        state) with the reason, and waits in the managers' queue for a retry."""
        self.ensure_one()
        log._fail(reason)
        target = "failed" if "failed" in ALLOWED_TRANSITIONS[self.state] else "held"
        self.with_context(telecom_scenario_sync=True)._set_state(target, reason)
        self.needs_attention = True
        self.message_post(
            body=self.env._("Step %(step)s failed: %(reason)s", step=log.name, reason=reason),
            subtype_xmlid="mail.mt_note",
        )

    def _scenario_sync_state(self, new_state):
        """Keep the current step in line with a state change made outside the
        scenario (buttons, service orders, kanban): its clock, its state, its stage."""
        now = fields.Datetime.now()
        for order in self.filtered(lambda order: order.current_order_step_id.state in OPEN_ORDER_STEP_STATES):
            log = order.current_order_step_id
            if new_state in ("completed", "partial"):
                log._close("done", now=now)
                continue
            if new_state in ("cancelled", "rejected"):
                log._close("cancelled", now=now)
                continue
            if new_state == "failed":
                log._fail(order.state_reason, now)
                continue
            if new_state == "pending":
                log._pause_clock(now)
            elif new_state == "held":
                if log.state == "pending":
                    log._resume_clock(now, state="held")
                else:
                    log.state = "held"
            elif new_state in ("acknowledged", "inProgress") and log.state != "running":
                if log.state in ("held", "failed"):
                    order.with_context(telecom_scenario_sync=True).needs_attention = False
                log._resume_clock(now)
                order._scenario_update_deadline()
            if log.stage_id.state == new_state and order.stage_id != log.stage_id:
                order.with_context(telecom_scenario_sync=True).write({"stage_id": log.stage_id.id})

    def _scenario_update_deadline(self):
        """The order's deadline: the current step's, then the SLA of the steps of the
        normal path after it, each on its division's calendar."""
        self.ensure_one()
        if self.date_deadline and not self.deadline_by_scenario:
            return
        log = self.current_order_step_id
        deadline = log.date_deadline
        step = log.scenario_step_id
        seen = {step}
        following = step._next_step()
        while following and following not in seen:
            seen.add(following)
            hours = following._sla_hours(self.priority)
            if hours and not following.waits_for_customer:
                start = deadline or fields.Datetime.now()
                calendar = self._scenario_calendar(self._scenario_step_division(following))
                deadline = (calendar and calendar.plan_hours(hours, start, compute_leaves=True)) or (
                    start + timedelta(hours=hours)
                )
            following = following._next_step()
        if deadline and deadline != self.date_deadline:
            self.with_context(telecom_scenario_sync=True).write(
                {"date_deadline": deadline, "deadline_by_scenario": True}
            )

    def _scenario_run_actions(self, log):
        """Run the step's automatic actions together: when one fails, none is kept
        and the step is a fallout. Logged in the chatter."""
        self.ensure_one()
        done = []
        action = self.env["telecom.scenario.step.action"]
        try:
            with self.env.cr.savepoint():
                for action in log.scenario_step_id.action_ids:
                    result = getattr(self, f"_scenario_action_{action.action_type}")(log, action)
                    done.append(Markup("<li>%s: %s</li>") % (action.display_name, result or self.env._("done")))
        except UserError as error:
            self._scenario_fallout(
                log, self.env._("%(action)s failed: %(error)s", action=action.display_name, error=error.args[0])
            )
            return False
        if done:
            self.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Step %s:", log.name), Markup().join(done)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # Automatic actions, one overridable hook per action type: (order step, action) -> what was done.

    def _scenario_action_create_work_orders(self, log, action):
        """One work order of the action's kind, unless one is still open (or done in
        this passage of the step): a retried or re-entered step does not duplicate it."""
        WorkOrder = self.env["telecom.work.order"]
        depends_on = WorkOrder
        if action.depends_on_previous:
            actions = log.scenario_step_id.action_ids.filtered(lambda other: other.action_type == action.action_type)
            previous = actions[: list(actions).index(action)][-1:]
            if previous:
                depends_on = WorkOrder.search(
                    [
                        ("order_step_id", "=", log.id),
                        ("scenario_action_id", "=", previous.id),
                        ("state", "not in", ("failed", "cancelled")),
                    ]
                )
        mine = self.work_order_ids.filtered(lambda wo: wo.scenario_action_id == action)
        open_ones = mine.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        kept = open_ones | mine.filtered(lambda wo: wo.order_step_id == log and wo.state == "done")
        if kept:
            open_ones.filtered(lambda wo: wo.order_step_id != log).write({"order_step_id": log.id})
            if action.depends_on_previous:
                # What they waited for may have failed and been replaced.
                open_ones.filtered(lambda wo: wo.depends_on_ids != depends_on).write(
                    {"depends_on_ids": [Command.set(depends_on.ids)]}
                )
            return self.env._("kept %s", ", ".join(kept.mapped("name")))
        work_order = WorkOrder.create(self._prepare_scenario_work_order_values(log, action, depends_on))
        return work_order.name

    def _prepare_scenario_work_order_values(self, log, action, depends_on):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.state not in ("cancelled", "failed"))
        tasks = "\n".join(line.service_id.display_name or line.product_id.display_name for line in lines)
        if self.order_type == "problem":
            tasks = html2plaintext(self.description or "") or self.affected_service_id.display_name
        return {
            "order_id": self.id,
            "kind": action.work_order_kind,
            "division_id": log.division_id.id if log.division_id.kind == "technical" else False,
            "duration": action.work_order_duration or 1.0,
            "order_step_id": log.id,
            "scenario_action_id": action.id,
            "depends_on_ids": [Command.set(depends_on.ids)],
            "tasks": tasks or False,
        }

    def _scenario_action_create_subscriber(self, log, action):
        """The prospect becomes a subscriber (a company and its contact for a legal entity)."""
        if self.partner_id:
            self.partner_id._make_telecom_subscriber()
            return self.partner_id.display_name
        partner = self._scenario_create_partner_from_prospect()
        self.partner_id = partner
        return partner.display_name

    def _scenario_create_partner_from_prospect(self):
        self.ensure_one()
        if not self.prospect_name and not self.prospect_company_name:
            raise UserError(self.env._("Order %s has neither a subscriber nor a prospect's name.", self.name))
        premises = self.premises_id
        address = {
            "street": " ".join(filter(None, [premises.street, premises.house_number])),
            "street2": ", ".join(filter(None, [premises.building, premises.flat])) or False,
            "city": premises.city,
            "zip": premises.zip,
            "country_id": premises.country_id.id,
        }
        contact = {"email": self.prospect_email, "phone": self.prospect_phone}
        partners_sudo = self.env["res.partner"].sudo()
        if self._scenario_subscriber_kind() == "company" and self.prospect_company_name:
            company_sudo = partners_sudo.create(
                {
                    "name": self.prospect_company_name,
                    "is_company": True,
                    "is_telecom_subscriber": True,
                    **address,
                    **contact,
                }
            )
            if not self.prospect_name:
                return company_sudo.sudo(False)
            return partners_sudo.create(
                {"name": self.prospect_name, "parent_id": company_sudo.id, "type": "contact", **contact}
            ).sudo(False)
        return partners_sudo.create(
            {
                "name": self.prospect_name or self.prospect_company_name,
                "is_telecom_subscriber": True,
                **address,
                **contact,
            }
        ).sudo(False)

    def _scenario_action_create_services(self, log, action):
        """Pending services for the connection lines, before the work is done."""
        lines = self.line_ids.filtered(
            lambda line: line.action == "add" and not line.service_id and line.state in ("pending", "in_progress")
        )
        if not lines:
            return self.env._("nothing new")
        if not self.partner_id:
            raise UserError(self.env._("Create the subscriber of order %s before the services.", self.name))
        services = self.env["telecom.subscriber.service"].create([line._prepare_service_values() for line in lines])
        for line, service in zip(lines, services, strict=True):
            line.service_id = service
        return ", ".join(services.mapped("display_name"))

    def _scenario_complete_lines(self, line_action):
        if self.state == "acknowledged":
            self.with_context(telecom_scenario_sync=True)._set_state("inProgress")
        lines = self.line_ids.filtered(
            lambda line: line.action == line_action and line.state in ("pending", "in_progress")
        )
        lines._complete()
        return ", ".join(lines.service_id.mapped("display_name")) or self.env._("nothing to do")

    def _scenario_action_activate_services(self, log, action):
        return self._scenario_complete_lines("add")

    def _scenario_action_change_services(self, log, action):
        return self._scenario_complete_lines("modify")

    def _scenario_action_terminate_services(self, log, action):
        return self._scenario_complete_lines("delete")

    def _scenario_action_set_billing_start(self, log, action):
        services = self.line_ids.service_id.filtered(
            lambda service: service.state == "active" and not service.date_billing_start
        )
        services.write({"date_billing_start": fields.Date.context_today(self)})
        return ", ".join(services.mapped("display_name")) or self.env._("already set")

    def _scenario_action_generate_documents(self, log, action):
        """Produce the step's documents (log.scenario_step_id.report_ids): a hook for the documents feature."""
        return None

    def _scenario_action_send_notification(self, log, action):
        message = self._scenario_notify(action.mail_template_id, log, essential=True)
        return message and action.mail_template_id.name

    def _scenario_action_call_technical_system(self, log, action):
        """Call the technical system action.system_code: a hook for the integration feature."""
        return None

    # Subscriber notifications

    def _scenario_notify(self, template, log=None, essential=False):
        """E-mail `template` to the subscriber (or the prospect) in their language and
        keep it in the chatter; progress e-mails respect the subscriber's opt-out."""
        self.ensure_one()
        if not template:
            return self.env["mail.message"]
        partner = self.partner_id
        opted_out = partner.telecom_notification_opt_out or partner.commercial_partner_id.telecom_notification_opt_out
        if partner and opted_out and not essential:
            self._message_log(
                body=self.env._("“%s” was not e-mailed: the subscriber opted out of progress e-mails.", template.name)
            )
            return self.env["mail.message"]
        if not (partner.email if partner else self.prospect_email):
            self._message_log(body=self.env._("“%s” was not e-mailed: no e-mail address.", template.name))
            return self.env["mail.message"]
        subject = template._render_field("subject", self.ids, compute_lang=True)[self.id]
        body = template._render_field("body_html", self.ids, compute_lang=True)[self.id]
        message = self.message_post(
            body=body,
            subject=subject,
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )
        if not partner:
            self.env["mail.mail"].sudo().create(
                {
                    "mail_message_id": message.id,
                    "email_to": self.prospect_email,
                    "body_html": body,
                    "is_notification": True,
                    "auto_delete": True,
                }
            )
        if log:
            log.notification_message_id = message
        return message

    # Technician availability

    def _scenario_technical_division(self):
        self.ensure_one()
        log = self.current_order_step_id
        if log.division_id.kind == "technical":
            return log.division_id
        work_orders = self._scenario_work_orders_to_book()
        if work_orders.division_id:
            return work_orders.division_id[:1]
        if self.premises_id:
            division = self.env["telecom.router"]._resolve_divisions(self.premises_id, "technical")
            return division.get(self.premises_id.id, (False, False))[0] or self.division_id
        return self.division_id

    def _scenario_work_orders_to_book(self):
        """The work orders waiting for an appointment, those they depend on first."""
        self.ensure_one()
        log = self.current_order_step_id
        candidates = log.work_order_ids if log.state in OPEN_ORDER_STEP_STATES else self.work_order_ids
        todo = candidates.filtered(lambda wo: wo.state == "draft" and not wo.planned_start)
        ordered = self.env["telecom.work.order"]
        while todo:
            ready = todo.filtered(lambda wo, todo=todo: not (wo.depends_on_ids & todo)) or todo[:1]
            ordered |= ready
            todo -= ready
        return ordered

    def _scenario_working_days_end(self, division, start, days):
        """The end of the `days`-th working day of the division from `start` (naive UTC)."""
        calendar = self._scenario_calendar(division)
        if not calendar:
            return start + timedelta(days=days)
        aware = pytz.utc.localize(start)
        intervals = calendar._work_intervals_batch(aware, aware + timedelta(days=days * 3 + 14))[False]
        ends = {}
        for _interval_start, stop, _meta in intervals:
            ends[stop.date()] = max(ends.get(stop.date(), stop), stop)
        chosen = sorted(ends)[: max(days, 1)]
        if not chosen:
            return start + timedelta(days=days)
        return ends[chosen[-1]].astimezone(pytz.utc).replace(tzinfo=None)

    def _get_technician_slots(self, date_from=None, days=None, date_to=None):
        """Free appointment slots for the order's work orders waiting for one, from
        `date_from` (default: now, or the requested date) for `days` working days of
        the technical division (or until `date_to`). A list of dicts with start, end
        (naive UTC), technician_id and technician_name, earliest first. For the
        operator's booking wizard and the subscriber's portal."""
        self.ensure_one()
        division = self._scenario_technical_division()
        now = fields.Datetime.now()
        if date_from:
            start = max(now, fields.Datetime.to_datetime(date_from))
        elif self.requested_date:
            start = max(now, datetime.combine(self.requested_date, time.min))
        else:
            start = now
        if not date_to:
            date_to = self._scenario_working_days_end(division, start, days or division.booking_horizon_days)
        work_orders = self._scenario_work_orders_to_book()
        duration = sum(work_orders.mapped("duration")) or 2.0
        return self.env["telecom.availability"]._free_slots(
            division, start, fields.Datetime.to_datetime(date_to), duration, visits=len(work_orders) or 1
        )

    def _book_technician_slot(self, start, technician_id):
        """Book the slot starting at `start` (naive UTC) with the technician: the work
        orders waiting for an appointment are planned one after the other."""
        self.ensure_one()
        start = fields.Datetime.to_datetime(start)
        work_orders = self._scenario_work_orders_to_book()
        if not work_orders:
            raise UserError(self.env._("Order %s has no work order waiting for an appointment.", self.name))
        technician = self.env["res.users"].browse(technician_id)
        division = self._scenario_technical_division()
        duration = sum(work_orders.mapped("duration")) or 2.0
        free = self.env["telecom.availability"]._free_slots(
            division,
            max(start, fields.Datetime.now()),
            start + timedelta(days=1),
            duration,
            visits=len(work_orders),
            technicians=technician,
        )
        if not any(slot["start"] == start for slot in free):
            raise UserError(
                self.env._(
                    "%(technician)s is not free at %(start)s any more: choose another slot.",
                    technician=technician.name,
                    start=format_datetime(self.env, start),
                )
            )
        moment = start
        for work_order in work_orders:
            vals = {"technician_id": technician.id, "planned_start": moment}
            if not work_order.division_id:
                vals["division_id"] = division.id
            work_order.write(vals)
            moment = work_order.planned_end
        work_orders.action_plan()
        if self.state == "held" and self.current_order_step_id.state == "held":
            self.action_resume()
        self.message_post(
            body=self.env._(
                "Appointment on %(start)s with %(technician)s: %(work_orders)s.",
                start=format_datetime(self.env, start, tz=self.env.user.tz),
                technician=technician.name,
                work_orders=", ".join(work_orders.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )
        return work_orders

    def _scenario_check_availability(self, log):
        """Hold the order and tell the technical division's manager when no technician
        is free within the step's deadline."""
        self.ensure_one()
        deadline = log.date_deadline
        slots = self._get_technician_slots(date_to=deadline) if deadline and deadline > fields.Datetime.now() else []
        if slots or not deadline:
            return True
        reason = self.env._("No technician available")
        self._set_state("held", reason)
        self.needs_attention = True
        manager = log.division_id.manager_id or self.division_id.manager_id
        self.message_post(
            body=self.env._(
                "No technician of %(division)s is free before the deadline %(deadline)s: the order is held.",
                division=log.division_id.display_name or "-",
                deadline=format_datetime(self.env, deadline),
            ),
            partner_ids=manager.partner_id.ids,
            subtype_xmlid="mail.mt_note",
        )
        return False

    def action_open_slot_booking(self):
        self.ensure_one()
        wizard = self.env["telecom.slot.booking.wizard"].create({"order_id": self.id})
        wizard.action_search()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book an Appointment"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }

    def _scenario_on_work_orders_closed(self, work_orders):
        """The work orders of the current step are all closed: move on, branch on a
        failure (a failed line test first), or fail the step."""
        for order in self:
            log = order.current_order_step_id
            if log.state not in ("running", "held"):
                continue
            mine = log._current_work_orders()
            if not (work_orders & mine):
                continue
            failed = mine.filtered(lambda wo: wo.state == "failed")
            # Open work orders waiting for a failed one will never start.
            doomed = failed
            while True:
                more = mine.filtered(
                    lambda wo, doomed=doomed: wo.state in OPEN_WORK_ORDER_STATES and wo.depends_on_ids & doomed
                )
                if not more - doomed:
                    break
                doomed |= more
            if (mine - doomed).filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES):
                continue
            if not failed:
                if log.state == "running" and order.state in ("acknowledged", "inProgress"):
                    order._scenario_advance_safely()
                continue
            step = log.scenario_step_id
            outcome = "work_order_failed"
            if "line_test" in failed.mapped("kind") and step._branch_target("line_test_failed"):
                outcome = "line_test_failed"
            if step._branch_target(outcome):
                order._scenario_advance_safely(outcome)
            else:
                order._scenario_fallout(
                    log,
                    self.env._(
                        "Work order %(work_order)s failed: %(result)s",
                        work_order=failed[0].name,
                        result=failed[0].result or "-",
                    ),
                )

    # Mail gateway: an e-mail to the support alias opens a technical-problem order.

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        values = dict(custom_values or {})
        partner = self.env["res.partner"].browse(msg_dict.get("author_id") or [])
        values.setdefault("order_type", "problem")
        values.setdefault("channel", "email")
        values.setdefault("description", msg_dict.get("body"))
        # The number comes from the sequence, not from the subject (kept on the message).
        values.setdefault("name", self.env._("New"))
        if partner:
            values.setdefault("partner_id", partner.id)
        else:
            name, email = parse_contact_from_email(msg_dict.get("email_from"))
            values.setdefault("prospect_name", name or email)
            values.setdefault("prospect_email", email)
        # The core copies the raw sender into the prospect's e-mail: only for a prospect, and parsed.
        msg_dict = dict(msg_dict, email_from=values.get("prospect_email", False))
        order = super().message_new(msg_dict, custom_values=values)
        if partner:
            order.message_subscribe(partner_ids=partner.ids)
        return order
