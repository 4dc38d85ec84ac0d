# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, timedelta

import pytz
import vobject
from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.osv import expression
from odoo.tools import format_date, format_datetime, html2plaintext, plaintext2html
from odoo.tools.mail import parse_contact_from_email
from odoo.tools.safe_eval import safe_eval, time

from .res_partner import digits_only, phone_search_domain
from .telecom_batch_memo import batch_memo, remembered, remembering
from .telecom_order_document import DOCUMENT_TYPE_BY_REPORT
from .telecom_order_state import (
    ALLOWED_TRANSITIONS,
    CANCELLABLE_STATES,
    CLOSED_STATES,
    FINAL_STATES,
    ORDER_STATES,
)
from .telecom_order_step import OPEN_ORDER_STEP_STATES
from .telecom_private_context import (
    SEND_ORDER_RECEIPT,
    SKIP_DOCUMENT_REGISTRATION,
    SKIP_MANUAL_FLAGS,
    SKIP_SCENARIO_SYNC,
    SYSTEM_WRITE,
    has_private_key,
    may_write_system_fields,
    private_context,
    system_write_context,
)
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
PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent"), ("3", "Critical")]
# The batch memo's key for the notes of orders entering their steps together.
STEP_NOTES = "step notes"
# Precommit data: {order id: notes left for its tracking message}.
TRACKING_NOTES_KEY = "telecom.order.tracking.notes"
# The premises of the orders entering their steps together (in the batch memo).
BATCH_PREMISES = "premises of the batch"
ICS_DATETIME_FORMAT = "EEEE d MMMM y, HH:mm"
# How long before a visit a subscriber may still move or cancel it, without a technical division.
DEFAULT_VISIT_CHANGE_HOURS = 24
# Within how many working days we contact a customer we can promise no date yet.
DEFAULT_CONTACT_WORKING_DAYS = 2


class TelecomOrder(models.Model):
    _name = "telecom.order"
    _description = "Telecom Order"
    _inherit = [
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
        "telecom.system.fields.mixin",
        "telecom.document.holder.mixin",
    ]
    _order = "priority desc, id desc"
    _primary_email = "prospect_email"
    # With the read-only fields (see telecom.system.fields.mixin). The state and the
    # stage change through the actions (see write()).
    _system_fields = ("access_token",)
    # What an operator types to find an order: number, subscriber, account, phone, address.
    _rec_names_search = [
        "name",
        "partner_id",
        "subscriber_account",
        "phone_search",
        "prospect_name",
        "premises_id",
    ]

    def _default_stage_id(self):
        return self.env["telecom.order.stage"]._for_state("draft")

    # === FIELDS ===

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
    prospect_phone_digits = fields.Char(
        compute="_compute_prospect_phone_digits", store=True, precompute=True, index="trigram"
    )
    phone_search = fields.Char(
        string="Subscriber or Prospect Phone",
        compute="_compute_phone_search",
        search="_search_phone_search",
        help="The subscriber's or the prospect's phone, typed with or without spaces, dashes and country code.",
    )
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
    # Routing
    user_id = fields.Many2one("res.users", string="Responsible", index=True, tracking=True)
    division_id = fields.Many2one("telecom.division", index=True, tracking=True)
    division_manual = fields.Boolean(
        string="Division Set by Hand",
        copy=False,
        readonly=True,
        help="Routing never changes a division chosen by hand.",
    )
    user_manual = fields.Boolean(
        string="Responsible Set by Hand",
        copy=False,
        readonly=True,
        help="Routing never changes a responsible chosen by hand.",
    )
    uncovered_address = fields.Boolean(
        copy=False,
        index=True,
        readonly=True,
        help="No division of the right kind covers the premises: a fallback division has it.",
    )
    routing_reason = fields.Char(
        compute="_compute_routing_reason",
        help="Why the order has no division or no responsible: someone has to choose them by hand.",
    )
    description = fields.Html()
    # State and stage
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
    # The promise to the customer, read by the form, the portal, the e-mails and the API.
    date_expected = fields.Date(
        string="Expected Completion",
        compute="_compute_date_expected",
        help="The day promised to the customer, at the address: never before the requested date, the end of "
        "the booked visits or the plan of the remaining steps. None while no division covers the address.",
    )
    promise_late = fields.Boolean(string="Promise Missed", compute="_compute_promise_note")
    promise_note = fields.Char(
        compute="_compute_promise_note",
        help="What the customer reads in place of the expected date: the late promise and what happens next, "
        "or when we contact them if nothing can be promised yet.",
    )
    date_submitted = fields.Datetime(readonly=True, copy=False)
    planning_pending = fields.Boolean(
        string="Being Planned",
        readonly=True,
        copy=False,
        index=True,
        help="Received: routing, the scenario's first step and its deadline follow within seconds.",
    )
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
    order_step_ids = fields.One2many("telecom.order.step", "order_id", string="Step History", readonly=True)
    current_order_step_id = fields.Many2one(
        "telecom.order.step", string="Current Step", copy=False, readonly=True, index="btree_not_null"
    )
    next_scenario_step_id = fields.Many2one(
        "telecom.scenario.step",
        compute="_compute_next_scenario_step_id",
        string="Next Step",
        help="Where 'Next Step' takes the order: its automatic actions run when it is entered.",
    )
    current_step_state = fields.Selection(related="current_order_step_id.state", string="Step State")
    step_deadline = fields.Datetime(related="current_order_step_id.date_deadline", string="Step Deadline")
    step_mandatory = fields.Boolean(related="current_order_step_id.scenario_step_id.mandatory")
    escalation_level = fields.Integer(related="current_order_step_id.escalation_level")
    needs_attention = fields.Boolean(
        copy=False,
        index=True,
        readonly=True,
        tracking=True,
        help="A step failed, no technician is free or an escalation asks for a manager: see the reason and retry.",
    )
    attention_queue = fields.Boolean(
        string="In the Attention Queue",
        compute="_compute_attention",
        search="_search_attention_queue",
        help="Unassigned, late, held, failed or escalated: a manager has to look at it.",
    )
    attention_reason = fields.Char(compute="_compute_attention", string="Why")
    deadline_by_scenario = fields.Boolean(
        copy=False, readonly=True, help="The deadline is computed by the scenario; a deadline set otherwise is kept."
    )
    can_book_slot = fields.Boolean(compute="_compute_scenario_buttons")
    can_report_not_solved = fields.Boolean(compute="_compute_scenario_buttons")
    step_waits_for_work_orders = fields.Boolean(
        compute="_compute_scenario_buttons",
        help="The current step closes by itself when its work orders are done: no 'Next Step' meanwhile.",
    )
    # Documents
    document_ids = fields.One2many("telecom.order.document", "order_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count", string="Documents Count")

    # === COMPUTE METHODS ===

    @api.depends("partner_id.commercial_partner_id.is_company")
    def _compute_subscriber_kind(self):
        for order in self.filtered("partner_id"):
            order.subscriber_kind = "company" if order.partner_id.commercial_partner_id.is_company else "individual"

    @api.depends("prospect_phone")
    def _compute_prospect_phone_digits(self):
        for order in self:
            order.prospect_phone_digits = digits_only(order.prospect_phone)

    def _compute_phone_search(self):
        for order in self:
            order.phone_search = order.partner_phone or order.prospect_phone

    def _search_phone_search(self, operator, value):
        return phone_search_domain(
            self.env,
            operator,
            value,
            ["prospect_phone_digits", "partner_id.phone_digits", "commercial_partner_id.phone_digits"],
        )

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

    @api.depends(
        "division_id", "user_id", "uncovered_address", "division_manual", "premises_id", "is_closed", "planning_pending"
    )
    def _compute_routing_reason(self):
        for order in self:
            order.routing_reason = order._get_routing_reason()

    def _get_routing_reason(self):
        self.ensure_one()
        # An unsaved order is routed when it is saved: until then, nothing to explain.
        if not self._origin or not self.premises_id or self.is_closed:
            return False
        if self.planning_pending:
            return self.env._("Received: confirming shortly, once the order is routed and planned.")
        if not self.division_id:
            return self.env._(
                "No division operates %(address)s: choose the division by hand, or add a coverage area for it.",
                address=self.premises_id.display_name,
            )
        if not self.user_id:
            return self.env._(
                "Nobody of %(division)s is available to take the order (outside working hours, on leave, "
                "or no members): assign a responsible.",
                division=self.division_id.display_name,
            )
        if self.uncovered_address and not self.division_manual:
            return self.env._(
                "No division of the right kind covers %(address)s: %(division)s takes it instead.",
                address=self.premises_id.display_name,
                division=self.division_id.display_name,
            )
        return False

    @api.depends("state")
    def _compute_is_closed(self):
        for order in self:
            order.is_closed = order.state in CLOSED_STATES

    @api.model
    def _read_group_expand_stage_ids(self, stages, domain):
        return stages.search([("fold", "=", False)]) | stages

    @api.depends("date_deadline", "is_closed")
    def _compute_is_late(self):
        # The reports count late orders the same way: telecom_report_sql.is_late_sql.
        now = fields.Datetime.now()
        for order in self:
            order.is_late = bool(order.date_deadline and not order.is_closed and order.date_deadline < now)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'late'."))
        late = [("date_deadline", "<", fields.Datetime.now()), ("is_closed", "=", False)]
        return late if (operator == "=") == value else ["!", "&", *late]

    @api.depends(
        "date_deadline",
        "requested_date",
        "division_id",
        "uncovered_address",
        "division_manual",
        "premises_id",
        "current_order_step_id.date_deadline",
        "work_order_ids.planned_end",
        "work_order_ids.state",
    )
    def _compute_date_expected(self):
        for order in self:
            order.date_expected = order._get_expected_completion()

    @api.depends("date_expected", "is_closed", "state", "planning_pending")
    def _compute_promise_note(self):
        for order in self:
            order.promise_late = order._is_promise_late()
            order.promise_note = order._get_promise_note()

    @api.depends("line_ids.installation_fee", "line_ids.monthly_price")
    def _compute_amounts(self):
        for order in self:
            lines = order.line_ids.filtered(lambda line: line.state != "cancelled")
            order.amount_installation = sum(lines.mapped("installation_fee"))
            order.amount_monthly = sum(lines.filtered(lambda line: line.action != "delete").mapped("monthly_price"))

    @api.depends("current_order_step_id.scenario_step_id", "is_closed")
    def _compute_next_scenario_step_id(self):
        for order in self:
            step = order.current_order_step_id.scenario_step_id
            order.next_scenario_step_id = step._next_step() if step and not order.is_closed else False

    @api.depends("needs_attention", "state", "is_closed", "user_id", "date_deadline", "state_reason")
    def _compute_attention(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for order in self:
            reasons = order._get_attention_reasons(states)
            order.attention_queue = bool(reasons)
            order.attention_reason = "; ".join(reasons) or False

    def _get_attention_reasons(self, states):
        """Why the order is in the attention queue; the same tests as _search_attention_queue."""
        self.ensure_one()
        reasons = []
        if self.state in ("held", "failed"):
            reasons.append(" — ".join(filter(None, [states[self.state], self.state_reason])))
        elif self.needs_attention:
            reasons.append(self.state_reason or self.env._("Escalated"))
        if self.state != "draft" and not self.is_closed:
            if not self.user_id:
                reasons.append(self.env._("No responsible"))
            if self.date_deadline and self.date_deadline < fields.Datetime.now():
                reasons.append(self.env._("Past its deadline"))
        return reasons

    def _search_attention_queue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the attention queue."))
        running = [("state", "!=", "draft"), ("is_closed", "=", False)]
        domain = expression.OR(
            [
                [("needs_attention", "=", True)],
                [("state", "in", ("held", "failed"))],
                expression.AND([running, [("user_id", "=", False)]]),
                expression.AND([running, [("date_deadline", "<", fields.Datetime.now())]]),
            ]
        )
        return domain if (operator == "=") == value else ["!", *domain]

    def _compute_scenario_buttons(self):
        for order in self:
            order_step = order.current_order_step_id
            running = order_step.state in ("running", "pending", "held") and not order.is_closed
            order.can_book_slot = bool(running and order._scenario_work_orders_to_book())
            order.can_report_not_solved = bool(
                running and order_step.state != "held" and order_step.scenario_step_id._branch_target("not_confirmed")
            )
            order.step_waits_for_work_orders = bool(
                running and order_step.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
            )

    def _compute_document_count(self):
        counts = dict(
            self.env["telecom.order.document"]._read_group(
                [("order_id", "in", self.ids), ("state", "=", "current")], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.document_count = counts.get(order, 0)

    def _compute_access_url(self):
        for order in self:
            order.access_url = f"/my/telecom/orders/{order.id}"

    # === CONSTRAINT METHODS ===

    @api.constrains("order_type", "affected_service_id", "partner_id")
    def _check_affected_service(self):
        for order in self.filtered("affected_service_id"):
            if order.affected_service_id.commercial_partner_id != order.commercial_partner_id:
                raise ValidationError(
                    self.env._("Order %s: the affected service belongs to another subscriber.", order.name)
                )

    # === ONCHANGE METHODS ===

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id and self.partner_id.telecom_premises_ids and not self.premises_id:
            self.premises_id = self.partner_id.telecom_premises_ids[:1]

    # === CRUD METHODS ===

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        self._check_create_state(vals_list)
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
            if vals.get("division_id") and not has_private_key(self.env, SKIP_MANUAL_FLAGS):
                vals.setdefault("division_manual", True)
            if vals.get("user_id") and not has_private_key(self.env, SKIP_MANUAL_FLAGS):
                vals.setdefault("user_manual", True)
        # Orders received from customers are routed by the planning that follows.
        self._route_vals([vals for vals in vals_list if not vals.get("planning_pending")])
        orders = self
        if not any(vals.get("user_manual") for vals in vals_list):
            # Routing's own choice: the responsible finds the order in 'My Orders',
            # without one "assigned to you" e-mail per order of a batch.
            orders = self.with_context(mail_auto_subscribe_no_notify=True)
        orders = super(TelecomOrder, orders).create(vals_list).with_env(self.env)
        routed = [
            order.id
            for order, vals in zip(orders, vals_list, strict=True)
            if vals.get("premises_id") and not vals.get("division_manual") and not vals.get("planning_pending")
        ]
        orders.browse(routed)._log_routing_issues()
        return orders

    @api.model
    def _check_create_state(self, vals_list):
        """A new order is a draft in a draft stage: its actions take it further."""
        if may_write_system_fields(self.env):
            return
        stage_ids = {vals["stage_id"] for vals in vals_list if vals.get("stage_id")}
        stages = self.env["telecom.order.stage"].browse(stage_ids)
        if any(vals.get("state", "draft") != "draft" for vals in vals_list) or any(
            stage.state != "draft" for stage in stages
        ):
            raise UserError(self.env._("A new order starts as a draft: submit it with its 'Submit' button."))

    def write(self, vals):
        self._check_system_fields([vals])
        self._check_processing_change(vals)
        if not has_private_key(self.env, SYSTEM_WRITE):
            if vals.get("stage_id") and "state" not in vals:
                return self._write_stage_drop(vals)
            if "state" in vals and not self.env.su:
                self._raise_state_not_writable(vals["state"])
        if not has_private_key(self.env, SKIP_MANUAL_FLAGS):
            # A division or responsible chosen by hand is never undone by routing.
            if "division_id" in vals:
                vals = dict(vals, division_manual=bool(vals["division_id"]))
            if "user_id" in vals:
                vals = dict(vals, user_manual=bool(vals["user_id"]))
        sync_scenario = not has_private_key(self.env, SKIP_SCENARIO_SYNC)
        if "date_deadline" in vals and sync_scenario:
            vals = dict(vals, deadline_by_scenario=False)
        if vals.get("stage_id") and "state" not in vals:
            # An action put the order in a stage: the order takes the stage's state.
            vals = dict(vals, state=self.env["telecom.order.stage"].browse(vals["stage_id"]).state)
        if "state" in vals:
            for order in self:
                order._check_transition(vals["state"])
        moved = self.filtered(lambda order: order.state != vals["state"]) if "state" in vals else self.browse()
        result = super().write(vals)
        if moved and sync_scenario:
            moved._scenario_sync_state(vals["state"])
        if "priority" in vals:
            self._scenario_sync_priority()
        if "premises_id" in vals:
            self._reroute()
        if "date_deadline" in vals and sync_scenario:
            # A promised deadline earlier than the step's brings its escalation forward.
            self.current_order_step_id._plan_sla()
        return result

    def _check_processing_change(self, vals):
        """The operator chooses how a draft is processed; once it is submitted,
        leaving its scenario (or taking another) is an OMS manager's decision."""
        if not {"scenario_id", "no_scenario"} & set(vals) or may_write_system_fields(self.env):
            return
        if self.env.user.has_group("oms_telecom.group_oms_manager"):
            return
        if submitted := self.filtered(lambda order: order.state != "draft"):
            raise AccessError(
                self.env._(
                    "Order %s is submitted: only an OMS manager can change its scenario.",
                    ", ".join(submitted.mapped("name")),
                )
            )

    def _write_stage_drop(self, vals):
        """A kanban drag and drop (a write of the stage alone). A drop does what a
        button does without asking more: it moves the card between stages of the
        order's state, or runs the order's 'Start', 'Resume', 'Wait for Customer' or
        'Hold' action (see _stage_drop_action) and then shows the card in the stage
        it was dropped on. Submitting, completing, failing, rejecting and
        cancelling check, or change lines, work orders and services: only their
        buttons (or the work orders) reach those states."""
        stage = self.env["telecom.order.stage"].browse(vals["stage_id"])
        other_vals = {field: value for field, value in vals.items() if field != "stage_id"}
        if other_vals:
            self.write(other_vals)
        for order in self.filtered(lambda order: order.state != stage.state):
            action = order._stage_drop_action(stage.state)
            if not action:
                raise UserError(
                    self.env._(
                        "Order %(order)s reaches the stage %(stage)s through its buttons or work orders, "
                        "not by drag and drop.",
                        order=order.name,
                        stage=stage.name,
                    )
                )
            action()
        moved = self.filtered(lambda order: order.stage_id != stage)
        if moved:
            moved.with_context(**system_write_context()).write({"stage_id": stage.id})
        return True

    def _stage_drop_action(self, state):
        """The action a kanban drop onto a stage of `state` runs, or None when only
        a button may take the order there."""
        self.ensure_one()
        if state == "in_progress" and self.state == "acknowledged":
            return self.action_start
        if state == "in_progress" and self.state in ("pending", "held", "failed"):
            return self.action_resume
        if state == "pending":
            return self.action_set_pending
        if state == "held":
            return self.action_hold
        return None

    def _raise_state_not_writable(self, state):
        hints = {
            "acknowledged": self.env._("Use the 'Submit' button."),
            "in_progress": self.env._("Use the 'Start' or 'Resume' button."),
            "pending": self.env._("Use the 'Wait for Customer' button."),
            "held": self.env._("Use the 'Hold' button."),
            "failed": self.env._("Use the 'Fail' button."),
            "completed": self.env._("Use the 'Complete' button, or report its work orders done."),
            "partial": self.env._("Report its work orders done or failed."),
            "rejected": self.env._("Use the 'Reject' button."),
            "assessing_cancellation": self.env._("Use the 'Request Cancellation' button."),
            "pending_cancellation": self.env._("Use the 'Accept Cancellation' button."),
            "cancelled": self.env._("Use the 'Cancel' or 'Accept Cancellation' button."),
        }
        raise UserError(
            self.env._(
                "The state of an order changes through its buttons, not by editing it. %s",
                hints.get(state, ""),
            )
        )

    # === ACTION METHODS ===

    def action_submit(self):
        self._check_internal_user()
        self.check_access("write")
        Intake = self.env["telecom.order.intake"]
        Intake._acknowledge(self)
        Intake._plan(self)

    @api.model
    def create_and_submit(self, vals_list):
        """Create orders and submit them, in one call: what another system sends
        over XML-RPC or JSON-RPC. In one transaction, so that an order the
        submission refuses leaves no draft behind. As the API's orders, they are
        checked, stored acknowledged and answered; their routing, first step and
        SLA follow in the scheduled action "Plan Received Orders". Returns the
        ids of the orders."""
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        self._check_internal_user()
        # Accepted with the system's rights on its own fields: the caller's values
        # and context are checked as a create() of theirs would be.
        self._check_system_fields(vals_list, create=True)
        self._check_create_state(vals_list)
        return self.env["telecom.order.intake"]._accept(vals_list).ids

    def action_start(self):
        self._check_internal_user()
        self._set_state("in_progress")
        self.line_ids.filtered(lambda line: line.state == "pending")._set_state("in_progress")

    def action_reject(self):
        self._check_internal_user()
        self._set_state("rejected")
        self.line_ids.filtered(lambda line: line.state not in ("done", "failed"))._set_state("cancelled")

    def action_set_pending(self, reason=None):
        self._check_internal_user()
        self._set_state("pending", reason or self.env._("Waiting for the customer"))

    def action_hold(self, reason=None):
        self._check_internal_user()
        self._set_state("held", reason or self.env._("Held"))

    def action_resume(self):
        self._check_internal_user()
        self._set_state("in_progress", False)
        self.line_ids.filtered(lambda line: line.state == "pending")._set_state("in_progress")

    def action_fail(self, reason=None):
        self._check_internal_user()
        self._set_state("failed", reason or self.env._("Failed"))

    def action_request_cancellation(self):
        self._check_internal_user()
        for order in self:
            if order.state not in CANCELLABLE_STATES:
                raise UserError(self.env._("Order %s can no longer be cancelled.", order.name))
            order._system_write({"state_before_cancellation": order.state})
        self._set_state("assessing_cancellation")

    def action_accept_cancellation(self):
        self._check_internal_user()
        self._set_state("pending_cancellation")
        self._cancel_in_flight()
        self._set_state("cancelled")

    def action_refuse_cancellation(self):
        self._check_internal_user()
        for order in self:
            if order.state != "assessing_cancellation":
                raise UserError(self.env._("Order %s has no cancellation request to refuse.", order.name))
            order._set_state(order.state_before_cancellation or "in_progress")

    def action_cancel_draft(self):
        self._check_internal_user()
        for order in self:
            if order.state != "draft":
                raise UserError(self.env._("Only a draft can be cancelled directly; request the cancellation."))
        self._set_state("cancelled")

    def action_complete(self):
        """Complete by hand the open lines that wait for no work order (the
        others complete with their work orders)."""
        self._check_internal_user()
        self._scenario_check_complete_by_hand()
        for order in self:
            if order.state not in ("acknowledged", "in_progress"):
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

    def action_next_step(self):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move(check_work_orders=True)
            order._scenario_advance()
        return True

    def action_skip_step(self):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move()
            order_step = order.current_order_step_id
            if order_step.scenario_step_id.mandatory:
                raise UserError(self.env._("The step %s is mandatory: it cannot be skipped.", order_step.name))
            order_step.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            order._scenario_advance(previous_state="skipped", outcome="skipped")
        return True

    def action_step_not_solved(self):
        """The subscriber reports that the problem is not solved."""
        return self.action_step_outcome("not_confirmed")

    def action_step_outcome(self, outcome):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move()
            if not order.current_order_step_id.scenario_step_id._branch_target(outcome):
                raise UserError(
                    self.env._("The step %s does not branch on this outcome.", order.current_order_step_id.name)
                )
            order._scenario_advance(outcome)
        return True

    def action_retry_step(self):
        self._check_internal_user()
        for order in self:
            order_step = order.current_order_step_id
            if not order.scenario_id or order_step.state not in ("failed", "held"):
                raise UserError(self.env._("Order %s has no failed or held step to retry.", order.name))
            order._scenario_retry(order_step)
        return True

    def action_clear_attention(self):
        """A manager took care of an escalated order: it leaves the 'needs attention' queue."""
        self._check_internal_user()
        if not self.env.user.has_group("oms_telecom.group_oms_division_manager"):
            raise AccessError(self.env._("Only division managers take an order out of the 'needs attention' queue."))
        for order in self.filtered("needs_attention"):
            order._system_write({"needs_attention": False})
            order.message_post(body=self.env._("Taken care of."), subtype_xmlid="mail.mt_note")
        return True

    def action_create_work_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "telecom.work.order",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id, "default_division_id": self._scenario_technical_division().id},
        }

    def action_view_work_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_work_order_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "default_division_id": self._scenario_technical_division().id}
        return action

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_subscriber_service_action")
        action["domain"] = [("id", "in", self.service_ids.ids)]
        if len(self.service_ids) == 1:
            action.update(view_mode="form", res_id=self.service_ids.id, views=[(False, "form")])
        return action

    def action_open_slot_booking(self):
        self.ensure_one()
        self._check_internal_user()
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

    def action_open_document_upload(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Upload a Document"),
            "res_model": "telecom.document.upload.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_open_document_generation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Documents"),
            "res_model": "telecom.document.generate.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_document_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "search_default_current": 1}
        return action

    # === CORE METHODS OVERRIDES ===

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Staff choose who follows an order; the portal subscribes the subscriber
        to their own orders itself (as superuser), with the subtypes meant for them."""
        self._check_internal_user()
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """Mail gateway: an e-mail to the support alias opens a technical-problem order."""
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
        # The gateway posts the e-mail on the order it gets back: the receipt follows it.
        return order.with_context(**private_context(SEND_ORDER_RECEIPT))

    def _message_post_after_hook(self, message, msg_vals):
        result = super()._message_post_after_hook(message, msg_vals)
        if message.message_type == "email" and has_private_key(self.env, SEND_ORDER_RECEIPT):
            # The sender learns the order's number: their replies land in its thread.
            self.with_context(**{SEND_ORDER_RECEIPT: False})._telecom_send_order_receipt()
        return result

    def _message_track(self, fields_iter, initial_values_dict):
        """mail.thread's tracking, with the tracking notes of many orders changed
        in one transaction (a batch submitted, routed, escalated) logged together:
        one create of their messages and one of their tracking values, where
        mail.thread logs each order's note by itself.

        The notes left for the tracking messages (_log_with_tracking) become
        their bodies; those of orders without one are logged as they are.

        A copy of MailThread._message_track of Odoo 18.0
        (addons/mail/models/mail_thread.py) but for the _message_log of each note
        and those notes: test_performance.TestPerformance.test_batch_tracking_mirrors_the_core
        fails when the core's method changes, to bring this copy in step."""
        left_notes = self.env.cr.precommit.data.pop(TRACKING_NOTES_KEY, {})
        if (len(self) < 2 and not left_notes) or not fields_iter:
            tracking = super()._message_track(fields_iter, initial_values_dict)
            self._log_notes_alone(left_notes)
            return tracking
        tracked_fields = self.fields_get(fields_iter, attributes=("string", "type", "selection", "currency_field"))
        tracking = {}
        for order in self:
            try:
                tracking[order.id] = order._mail_track(tracked_fields, initial_values_dict[order.id])
            except MissingError:
                continue
        precommit = self.env.cr.precommit.data
        bodies = precommit.pop(f"mail.tracking.message.{self._name}", {})
        authors = precommit.pop(f"mail.tracking.author.{self._name}", {})
        notes = defaultdict(dict)  # author id: {order id: (body, tracking value commands)}
        for order in self:
            changes, tracking_value_ids = tracking.get(order.id, (None, None))
            if not changes:
                continue
            body = bodies[order.id] if order.id in bodies else order._track_get_default_log_message(changes)
            author_id = authors[order.id].id if order.id in authors else None
            subtype = order._track_subtype({name: initial_values_dict[order.id][name] for name in changes})
            if subtype:
                if subtype.exists():
                    order.message_post(
                        body=body, author_id=author_id, subtype_id=subtype.id, tracking_value_ids=tracking_value_ids
                    )
            elif tracking_value_ids:
                # A log, as the notes left for it: they become its body.
                body = Markup("%s%s") % (body or "", left_notes.pop(order.id, ""))
                notes[author_id][order.id] = (body, tracking_value_ids)
        for author_id, notes_by_order in notes.items():
            self._log_tracking_notes(author_id, notes_by_order)
        self._log_notes_alone(left_notes)
        return tracking

    def _log_with_tracking(self, bodies):
        """Log the notes {order id: body}; those of orders whose tracked fields
        this transaction writes are left for their tracking message, which
        _message_track logs at the commit with the notes as its body: one
        message where there were two (the planning's routing and step notes, and
        the division, responsible, scenario and deadline it sets). A savepoint
        (a step's automatic actions) logs the tracking so far: the notes written
        after it are logged as they are."""
        precommit = self.env.cr.precommit.data
        tracked = precommit.get(f"mail.tracking.{self._name}", {})
        left = precommit.setdefault(TRACKING_NOTES_KEY, {})
        alone = {}
        for order_id, body in bodies.items():
            if tracked.get(order_id):
                left[order_id] = left[order_id] + body if order_id in left else body
            else:
                alone[order_id] = body
        self._log_notes_alone(alone)

    def _log_notes_alone(self, bodies):
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies=bodies)

    def _log_tracking_notes(self, author_id, notes_by_order):
        """Log {order id: (body, tracking value commands)} as `author_id`: the
        notes mail.thread's _message_log would log one by one."""
        orders = self.browse(list(notes_by_order))
        messages = orders._message_log_batch(
            bodies={order_id: body for order_id, (body, _values) in notes_by_order.items()}, author_id=author_id
        )
        message_by_order = {message.res_id: message for message in messages}
        self.env["mail.tracking.value"].sudo().create(
            [
                dict(values, mail_message_id=message_by_order[order_id].id)
                for order_id, (_body, commands) in notes_by_order.items()
                for _command, _id, values in commands
            ]
        )

    # === BUSINESS METHODS ===

    # State changes

    def _check_internal_user(self):
        """The order's actions are the staff's. Subscribers reach the few meant for
        them (submit, cancel, confirm solved...) through the portal, whose
        controllers check the request and run them as superuser."""
        if not self.env.su and not self.env.user._is_internal():
            raise AccessError(self.env._("Only the operator's staff can do this on an order."))

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
        return self.env["telecom.order.stage"]._for_state(state)

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
        self.with_context(**system_write_context()).write(vals)

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

    def _cancel_in_flight(self):
        """Stop what is under way: open work orders and lines are cancelled.
        Services are only changed when a line completes, so a line that did not
        complete left its service untouched."""
        self.work_order_ids.filtered(lambda wo: wo.state not in ("done", "failed", "cancelled"))._set_state("cancelled")
        self.line_ids.filtered(lambda line: line.state not in ("done", "failed"))._set_state("cancelled")

    def _update_state_from_lines(self):
        """Completed, partial or failed once no line is open any more."""
        for order in self.filtered(lambda order: order.state == "in_progress"):
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
        for order in self.filtered(lambda order: order.state == "in_progress" and not order.line_ids):
            # Work orders of a scenario step move the scenario on instead.
            work_orders = order.work_order_ids.filtered(lambda wo: wo.state != "cancelled" and not wo.order_step_id)
            if not work_orders or any(wo.state not in ("done", "failed") for wo in work_orders):
                continue
            if all(wo.state == "done" for wo in work_orders):
                order._set_state("completed")
            else:
                order._set_state("failed", self.env._("A work order failed."))

    # Routing: division and responsible from the premises

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
            self._remember_divisions(premises, kind, divisions)
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
        routed = self.filtered(lambda order: order.premises_id and not order.division_manual)
        for order in routed:
            vals = {
                "premises_id": order.premises_id.id,
                "order_type": order.order_type,
                "user_manual": order.user_manual,
            }
            self._route_vals([vals])
            new = {key: vals[key] for key in ("division_id", "uncovered_address", "user_id") if key in vals}
            if new.get("division_id") != order.division_id.id:
                old_division = order.division_id
                order._system_write(new, SKIP_MANUAL_FLAGS)
                order.message_post(
                    body=self.env._(
                        "Re-allocated from %(old)s to %(new)s after the premises changed.",
                        old=old_division.display_name or "-",
                        new=order.division_id.display_name or "-",
                    ),
                    message_type="notification",
                )
        routed._log_routing_issues()

    def _log_routing_issues(self):
        """A note in the chatter of the orders routing left without a division or a responsible."""
        bodies = {order.id: Markup("<p>%s</p>") % order.routing_reason for order in self if order.routing_reason}
        self._log_with_tracking(bodies)

    # Scenario: attaching, entering and leaving steps

    def _scenario_subscriber_kind(self):
        self.ensure_one()
        return self.subscriber_kind or ("company" if self.prospect_company_name else "individual")

    def _scenario_attach(self):
        """Attach the best fitting active scenario to the orders without one, unless
        they are processed by hand."""
        todo = self.filtered(lambda order: not order.scenario_id and not order.no_scenario)
        found = self.env["telecom.scenario"]._find_for_orders(todo)
        # One write per scenario, not per order.
        for scenario, orders in todo.filtered(lambda order: order in found).grouped(found.get).items():
            orders._system_write({"scenario_id": scenario.id})

    def _scenario_start(self):
        """Enter the first step of the orders' scenarios: their order steps are
        created together, then each order goes on as _scenario_enter does."""
        with remembering(self.env):
            memo = batch_memo(self.env)
            memo[BATCH_PREMISES] = self.premises_id | memo.get(BATCH_PREMISES, self.premises_id)
            try:
                entries = []
                for order in self.filtered(lambda order: order.scenario_id and not order.current_order_step_id):
                    first = order.scenario_id.step_ids[:1]
                    if first:
                        order._scenario_run_checks(first)
                        entries.append((order, first, fields.Datetime.now()))
                vals_list = [order._scenario_step_vals(first, now) for order, first, now in entries]
                order_steps = self.env["telecom.order.step"].with_context(**system_write_context()).create(vals_list)
                # Their SLA planned together too: steps entered in the same second share their plans.
                order_steps.filtered(lambda order_step: not order_step.scenario_step_id.waits_for_customer)._plan_sla()
                deadline_notes = self._scenario_enter_together(entries, order_steps)
                for (order, first, _now), order_step, deadline_note in zip(
                    entries, order_steps, deadline_notes, strict=True
                ):
                    order._scenario_after_entry(order_step, first, None, deadline_note)
            finally:
                self._scenario_log_step_notes(batch_memo(self.env).pop(STEP_NOTES, []))

    def _scenario_log_step_notes(self, notes):
        """Log the notes [(order id, body)] of orders that entered steps together,
        each order's in the order they were written, with its tracking message."""
        bodies = {}
        for order_id, body in notes:
            bodies[order_id] = bodies[order_id] + body if order_id in bodies else body
        self._log_with_tracking(bodies)

    def _scenario_step_division(self, step):
        """The division responsible for `step`: the order's when it is of the step's
        kind, else the one of that kind operating the premises, else none (a sales
        division never takes a technical step)."""
        self.ensure_one()
        if not step.division_kind or self.division_id.kind == step.division_kind:
            return self.division_id
        if not self.premises_id:
            return self.env["telecom.division"]
        return self._scenario_premises_division(step.division_kind)

    def _scenario_premises_division(self, kind):
        """The division of `kind` operating the order's premises: within a batch,
        resolved once for the premises of all its orders (or taken from their routing)."""
        memo = batch_memo(self.env) or {}
        divisions = memo.get(("divisions", self.premises_id.id, kind))
        if divisions is None:
            premises = self.premises_id | memo.get(BATCH_PREMISES, self.premises_id)
            divisions = self.env["telecom.router"]._resolve_divisions(premises, kind)
            self._remember_divisions(premises, kind, divisions)
        return divisions.get(self.premises_id.id, (self.env["telecom.division"], False))[0]

    @api.model
    def _remember_divisions(self, premises, kind, divisions):
        """Keep the divisions of `kind` resolved for `premises` for the rest of the batch."""
        memo = batch_memo(self.env)
        if memo is not None:
            memo.update({("divisions", premises_id, kind): divisions for premises_id in premises.ids})

    def _scenario_calendar(self, division):
        return division.resource_calendar_id or self.company_id.resource_calendar_id

    def _scenario_enter(self, step, previous=None, outcome="done", previous_state="done"):
        """Enter `step`: entry checks, order step, stage and state, deadlines, actions,
        notification, technician availability; then move on if nothing is awaited."""
        self.ensure_one()
        self._scenario_run_checks(step)
        now = fields.Datetime.now()
        if previous:
            previous._close(previous_state, outcome, now=now)
        vals = self._scenario_step_vals(step, now)
        order_step = self.env["telecom.order.step"].with_context(**system_write_context()).create(vals)
        return self._scenario_entered(order_step, step, previous, now)

    def _scenario_step_vals(self, step, now):
        """The values of the order step entering `step` at `now`."""
        self.ensure_one()
        division = self._scenario_step_division(step)
        return {
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

    def _scenario_entered(self, order_step, step, previous, now):
        """What follows the creation of `order_step` in _scenario_enter."""
        self.ensure_one()
        self._scenario_move(order_step, step.stage_id)
        if step.waits_for_customer:
            order_step._pause_clock(now)
        else:
            order_step._plan_sla()
        deadline_note = self._scenario_update_deadline(reason=self._scenario_deadline_reason(step), post=False)
        return self._scenario_after_entry(order_step, step, previous, deadline_note)

    def _scenario_enter_together(self, entries, order_steps):
        """What _scenario_entered does before the step's actions, for the orders of
        `entries` [(order, step, now)] entering their first steps `order_steps`
        together (their SLA planned): each order's step and deadline in one write,
        then its stage and state in one write per stage, so that the state change
        heard by the listeners carries the deadline. Returns each order's
        deadline note (or None)."""
        orders = self.browse([order.id for order, _step, _now in entries])
        # Their tracked values as they were: the first write below is not tracked.
        orders._track_prepare(orders._fields)
        deadline_notes, by_stage = [], defaultdict(list)
        for (order, step, _now), order_step in zip(entries, order_steps, strict=True):
            vals, note = {"current_order_step_id": order_step.id}, None
            deadline = order._scenario_planned_deadline(order_step)
            if deadline:
                vals.update(date_deadline=deadline, deadline_by_scenario=True)
                reason = order._scenario_deadline_reason(step)
                note = order._scenario_deadline_note(order.date_deadline, deadline, reason)
            deadline_notes.append(note)
            order.with_context(mail_notrack=True)._system_write(vals, SKIP_SCENARIO_SYNC)
            by_stage[step.stage_id, order.state in CLOSED_STATES].append(order.id)
        for (stage, closed), order_ids in by_stage.items():
            vals = {"stage_id": stage.id, "state": stage.state, "state_reason": False, "needs_attention": False}
            if closed:
                vals["date_closed"] = False
            self.browse(order_ids).with_context(**system_write_context(SKIP_SCENARIO_SYNC)).write(vals)
        for (_order, step, now), order_step in zip(entries, order_steps, strict=True):
            if step.waits_for_customer:
                order_step._pause_clock(now)
        return deadline_notes

    def _scenario_deadline_reason(self, step):
        return self.env._("the SLA of the step %s and of the steps after it", step.name)

    def _scenario_after_entry(self, order_step, step, previous, deadline_note):
        """What follows the entry in `order_step` once the order is in its stage and
        its deadline planned: the step's actions, its note, notification,
        technician availability, and the move on if nothing is awaited."""
        self.ensure_one()
        try:
            done = self._scenario_run_actions(order_step)
        except UserError as error:
            self._scenario_fallout(order_step, error.args[0])
            return order_step
        self._scenario_post_step_entered(order_step, previous, done, deadline_note)
        if step.notify_subscriber and not self._scenario_notification_waits_for_visit(step):
            self._scenario_notify(step.mail_template_id, order_step, essential=step.notification_essential)
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(order_step)
        if step.auto_advance and self._scenario_can_move_on(order_step):
            self._scenario_advance()
        return order_step

    def _scenario_move(self, order_step, stage, reason=False):
        """Put the order in the step's stage and state (the transition rules apply)."""
        self.ensure_one()
        vals = {
            "stage_id": stage.id,
            "state": stage.state,
            "current_order_step_id": order_step.id,
            "state_reason": reason,
            "needs_attention": False,
        }
        if self.state in CLOSED_STATES:
            vals["date_closed"] = False
        self.with_context(**system_write_context(SKIP_SCENARIO_SYNC)).write(vals)

    def _scenario_can_move_on(self, order_step):
        return (
            order_step.state == "running"
            and self.state in ("acknowledged", "in_progress")
            and not order_step.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        )

    def _scenario_check_complete_by_hand(self):
        """Completing by hand leaves the scenario's remaining steps out: for OMS
        managers only ("Complete by Hand"), or for trusted code after its own check."""
        if self.env.su or self.env.user.has_group("oms_telecom.group_oms_manager"):
            return
        if scenario_orders := self.filtered("scenario_id"):
            raise UserError(
                self.env._(
                    "Order %s follows a scenario: it moves on step by step. "
                    "Only an OMS manager can complete it by hand.",
                    ", ".join(scenario_orders.mapped("name")),
                )
            )

    def _scenario_check_can_move(self, check_work_orders=False):
        self.ensure_one()
        order_step = self.current_order_step_id
        if not self.scenario_id or not order_step:
            raise UserError(self.env._("Order %s follows no scenario.", self.name))
        step_open = order_step.state in ("running", "pending")
        if self.state not in ("acknowledged", "in_progress", "pending") or not step_open:
            raise UserError(
                self.env._(
                    "Order %(order)s is %(state)s at the step %(step)s: resume it or retry the step first.",
                    order=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                    step=order_step.name,
                )
            )
        open_work_orders = order_step.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        if check_work_orders and open_work_orders:
            raise UserError(
                self.env._(
                    "The step %(step)s of order %(order)s waits for its work orders %(work_orders)s.",
                    step=order_step.name,
                    order=self.name,
                    work_orders=", ".join(open_work_orders.mapped("name")),
                )
            )

    def _scenario_advance(self, outcome="done", previous_state="done"):
        """Leave the current step for the next one (or the branch of `outcome`);
        after the last step, complete the order."""
        self.ensure_one()
        order_step = self.current_order_step_id
        step = order_step.scenario_step_id
        target = step._next_step() if outcome in ("done", "skipped") else step._branch_target(outcome)
        if target:
            if outcome not in ("done", "skipped"):
                # The step ends on a failure: what still waits in it will not run.
                order_step.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            return self._scenario_enter(target, previous=order_step, outcome=outcome, previous_state=previous_state)
        if outcome not in ("done", "skipped"):
            return self._scenario_fallout(
                order_step, self.env._("The step %s has no way on for this outcome.", order_step.name)
            )
        order_step._close(previous_state, outcome)
        self._scenario_finish()
        return order_step

    def _scenario_advance_safely(self, outcome="done"):
        """Move on after the work orders of the step closed; what stops the order
        (an entry check of the next step) must not stop the technician's report."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._scenario_advance(outcome)
        except UserError as error:
            self._system_write({"needs_attention": True})
            self.message_post(
                body=self.env._("The order could not move on after its work orders: %s", error.args[0]),
                subtype_xmlid="mail.mt_note",
            )

    def _scenario_finish(self):
        """The last step is done: complete what is still open and close the order."""
        self.ensure_one()
        if self.is_closed:
            return
        if self.state != "in_progress":
            self.with_context(**private_context(SKIP_SCENARIO_SYNC))._set_state("in_progress")
        self.line_ids.filtered(lambda line: line.state in ("pending", "in_progress"))._complete()
        if self.state == "in_progress":
            if self.line_ids.filtered(lambda line: line.state != "cancelled"):
                self._update_state_from_lines()
            else:
                self._set_state("completed")
        if self.state in FINAL_STATES:
            self._scenario_close(self.state)

    def _scenario_retry(self, order_step):
        """Run the failed (or held) step again: its actions do not redo what is done."""
        self.ensure_one()
        step = order_step.scenario_step_id
        self._scenario_run_checks(step)
        stage = step.stage_id
        if stage.state != self.state and stage.state not in ALLOWED_TRANSITIONS[self.state]:
            stage = self._stage_for_state("in_progress")
        self._scenario_move(order_step, stage)
        order_step._system_write({"attempt": order_step.attempt + 1})
        if step.waits_for_customer:
            order_step._resume_clock()
            order_step._pause_clock()
        else:
            order_step._resume_clock()
        self._scenario_update_deadline(reason=self.env._("the step %s was retried", order_step.name))
        try:
            done = self._scenario_run_actions(order_step)
        except UserError as error:
            self._scenario_fallout(order_step, error.args[0])
            return
        if done:
            self.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("Automatic actions of the step %s:", order_step.name), Markup().join(done)),
                subtype_xmlid="mail.mt_note",
            )
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(order_step)
        mine = order_step._current_work_orders()
        if self._scenario_can_move_on(order_step) and (
            step.auto_advance or (mine and all(wo.state == "done" for wo in mine))
        ):
            self._scenario_advance()

    def _scenario_fallout(self, order_step, reason):
        """A step failed: the order fails (or is held when it cannot fail from its
        state) with the reason, and waits in the managers' queue for a retry."""
        self.ensure_one()
        order_step._fail(reason)
        target = "failed" if "failed" in ALLOWED_TRANSITIONS[self.state] else "held"
        self.with_context(**private_context(SKIP_SCENARIO_SYNC))._set_state(target, reason)
        self._system_write({"needs_attention": True})
        self.message_post(
            body=self.env._("Step %(step)s failed: %(reason)s", step=order_step.name, reason=reason),
            subtype_xmlid="mail.mt_note",
        )

    def _scenario_sync_state(self, new_state):
        """Keep the current step in line with a state change made outside the
        scenario (buttons, service orders, kanban): its clock, its state, its stage."""
        now = fields.Datetime.now()
        if new_state in FINAL_STATES:
            self._scenario_close(new_state, now)
            return
        for order in self.filtered(lambda order: order.current_order_step_id.state in OPEN_ORDER_STEP_STATES):
            order_step = order.current_order_step_id
            if new_state == "failed":
                order_step._fail(order.state_reason, now)
                continue
            if new_state == "pending":
                order_step._pause_clock(now)
            elif new_state == "held":
                if order_step.state == "pending":
                    order_step._resume_clock(now, state="held")
                else:
                    order_step._hold(now)
            elif new_state in ("acknowledged", "in_progress") and order_step.state != "running":
                if order_step.state in ("held", "failed"):
                    order._system_write({"needs_attention": False}, SKIP_SCENARIO_SYNC)
                order_step._resume_clock(now)
                order._scenario_update_deadline(
                    reason=self.env._("the order resumed; the time it waited does not count against the SLA")
                )
            if order_step.stage_id.state == new_state and order.stage_id != order_step.stage_id:
                order.with_context(**system_write_context(SKIP_SCENARIO_SYNC)).write(
                    {"stage_id": order_step.stage_id.id}
                )

    def _scenario_close(self, new_state, now=None):
        """The order is closed for good: its current step ends (done when the order
        completed, cancelled otherwise) and no step is current any more; the step
        history keeps the last one."""
        orders = self.filtered("current_order_step_id")
        step_state = "done" if new_state in ("completed", "partial") else "cancelled"
        orders.current_order_step_id._close(step_state, now=now or fields.Datetime.now())
        # Closed for good, it waits for nobody either.
        orders.with_context(**system_write_context(SKIP_SCENARIO_SYNC)).write(
            {"current_order_step_id": False, "needs_attention": False}
        )

    def _scenario_on_work_orders_closed(self, work_orders):
        """The work orders of the current step are all closed: move on, branch on a
        failure (a failed line test first), or fail the step."""
        for order in self:
            order_step = order.current_order_step_id
            if order_step.state not in ("running", "held"):
                continue
            mine = order_step._current_work_orders()
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
                if order_step.state == "running" and order.state in ("acknowledged", "in_progress"):
                    order._scenario_advance_safely()
                continue
            step = order_step.scenario_step_id
            outcome = "work_order_failed"
            if "line_test" in failed.mapped("kind") and step._branch_target("line_test_failed"):
                outcome = "line_test_failed"
            if step._branch_target(outcome):
                order._scenario_advance_safely(outcome)
            else:
                order._scenario_fallout(
                    order_step,
                    self.env._(
                        "Work order %(work_order)s failed: %(result)s",
                        work_order=failed[0].name,
                        result=failed[0].result or "-",
                    ),
                )

    # Scenario: entry checks, each returns why the order fails it, or nothing

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

    # Scenario: automatic actions, one overridable hook per action type:
    # (order step, action) -> what was done

    def _scenario_run_actions(self, order_step):
        """Run the step's automatic actions together. Returns what each did, as
        <li> fragments. When one fails, none is kept: a UserError says which one
        and why (the caller makes the step a fallout)."""
        self.ensure_one()
        done = []
        action = self.env["telecom.scenario.step.action"]
        if not order_step.scenario_step_id.action_ids:
            # Nothing to undo: no savepoint, whose flush would cost a round trip per order.
            return done
        try:
            with self.env.cr.savepoint():
                for action in order_step.scenario_step_id.action_ids:
                    result = getattr(self, f"_scenario_action_{action.action_type}")(order_step, action)
                    done.append(Markup("<li>%s: %s</li>") % (action.display_name, result or self.env._("done")))
        except UserError as error:
            raise UserError(
                self.env._("%(action)s failed: %(error)s", action=action.display_name, error=error.args[0])
            ) from error
        return done

    def _scenario_action_create_work_orders(self, order_step, action):
        """One work order of the action's kind, unless one is still open (or done in
        this passage of the step): a retried or re-entered step does not duplicate it."""
        WorkOrder = self.env["telecom.work.order"]
        depends_on = WorkOrder
        if action.depends_on_previous:
            actions = order_step.scenario_step_id.action_ids.filtered(
                lambda other: other.action_type == action.action_type
            )
            previous = actions[: list(actions).index(action)][-1:]
            if previous:
                depends_on = WorkOrder.search(
                    [
                        ("order_step_id", "=", order_step.id),
                        ("scenario_action_id", "=", previous.id),
                        ("state", "not in", ("failed", "cancelled")),
                    ]
                )
        mine = self.work_order_ids.filtered(lambda wo: wo.scenario_action_id == action)
        open_ones = mine.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        kept = open_ones | mine.filtered(lambda wo: wo.order_step_id == order_step and wo.state == "done")
        if kept:
            open_ones.filtered(lambda wo: wo.order_step_id != order_step)._system_write(
                {"order_step_id": order_step.id}
            )
            if action.depends_on_previous:
                # What they waited for may have failed and been replaced.
                open_ones.filtered(lambda wo: wo.depends_on_ids != depends_on).write(
                    {"depends_on_ids": [Command.set(depends_on.ids)]}
                )
            return self.env._("kept %s", ", ".join(kept.mapped("name")))
        work_order = WorkOrder.with_context(**system_write_context()).create(
            self._prepare_scenario_work_order_values(order_step, action, depends_on)
        )
        return work_order.name

    def _prepare_scenario_work_order_values(self, order_step, action, depends_on):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.state not in ("cancelled", "failed"))
        tasks = "\n".join(line.service_id.display_name or line.product_id.display_name for line in lines)
        if self.order_type == "problem":
            tasks = html2plaintext(self.description or "") or self.affected_service_id.display_name
        return {
            "order_id": self.id,
            "line_id": self._get_scenario_work_order_line(lines, action.work_order_kind).id,
            "kind": action.work_order_kind,
            "division_id": order_step.division_id.id if order_step.division_id.kind == "technical" else False,
            "duration": action.work_order_duration or 1.0,
            "order_step_id": order_step.id,
            "scenario_action_id": action.id,
            "depends_on_ids": [Command.set(depends_on.ids)],
            "tasks": tasks or False,
        }

    def _get_scenario_work_order_line(self, lines, kind):
        """The service order a scenario's work order is about: equipment for a
        delivery or a return, else the main service (the first that is not
        equipment). Its state still follows the scenario, not the work order."""
        equipment = lines.filtered(lambda line: line.product_id.product_tmpl_id.telecom_family == "equipment")
        if kind in ("equipment_delivery", "equipment_return"):
            return equipment[:1] or lines[:1]
        return (lines - equipment)[:1] or lines[:1]

    def _scenario_action_create_subscriber(self, order_step, action):
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

    def _scenario_action_create_services(self, order_step, action):
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
            self.with_context(**private_context(SKIP_SCENARIO_SYNC))._set_state("in_progress")
        lines = self.line_ids.filtered(
            lambda line: line.action == line_action and line.state in ("pending", "in_progress")
        )
        lines._complete()
        return ", ".join(lines.service_id.mapped("display_name")) or self.env._("nothing to do")

    def _scenario_action_activate_services(self, order_step, action):
        return self._scenario_complete_lines("add")

    def _scenario_action_change_services(self, order_step, action):
        return self._scenario_complete_lines("modify")

    def _scenario_action_terminate_services(self, order_step, action):
        return self._scenario_complete_lines("delete")

    def _scenario_action_set_billing_start(self, order_step, action):
        services = self.line_ids.service_id.filtered(
            lambda service: service.state == "active" and not service.date_billing_start
        )
        # Billing starts with the service, not on the day this step runs.
        for date_activated, services_of_day in services.grouped("date_activated").items():
            services_of_day.write({"date_billing_start": date_activated or fields.Date.context_today(self)})
        return ", ".join(services.mapped("display_name")) or self.env._("already set")

    def _scenario_action_generate_documents(self, order_step, action):
        """Produce the step's documents (order_step.scenario_step_id.report_ids)."""
        reports = order_step.scenario_step_id.report_ids
        if not reports:
            return self.env._("no document to generate")
        documents = self._generate_document_package(reports, order_step=order_step)
        return ", ".join(documents.mapped("name")) or self.env._("already generated")

    def _scenario_action_send_notification(self, order_step, action):
        message = self._scenario_notify(action.mail_template_id, order_step, essential=True)
        return message and action.mail_template_id.name

    def _scenario_action_call_technical_system(self, order_step, action):
        """Call the technical system action.system_code: a hook for the integration feature."""
        return None

    # Scenario: deadlines, notes and the subscriber's notifications

    def _scenario_sync_priority(self):
        """The priority changed: the current step follows the SLA of the new one,
        and the order's deadline with it."""
        for order in self:
            order_step = order.current_order_step_id
            if (
                order_step.scenario_step_id
                and order_step.state in OPEN_ORDER_STEP_STATES
                and order_step.priority != order.priority
            ):
                order_step._change_priority(order.priority)
                priorities = dict(order._fields["priority"]._description_selection(self.env))
                order._scenario_update_deadline(
                    reason=self.env._("the priority changed to %s, whose SLA applies", priorities[order.priority])
                )

    def _scenario_update_deadline(self, reason=None, post=True):
        """The order's deadline: the current step's, then the SLA of the steps of the
        normal path after it, each on its division's calendar. A move is explained
        in the chatter (or returned, for the caller's note, when `post` is False)."""
        self.ensure_one()
        order_step = self.current_order_step_id
        deadline = self._scenario_planned_deadline(order_step)
        if not deadline:
            return None
        old_deadline = self.date_deadline
        # The note below says why: the bare tracking line would not.
        self.with_context(mail_notrack=True)._system_write(
            {"date_deadline": deadline, "deadline_by_scenario": True}, SKIP_SCENARIO_SYNC
        )
        reason = reason or self.env._("the SLA of the step %s and of the steps after it", order_step.name)
        note = self._scenario_deadline_note(old_deadline, deadline, reason)
        if post:
            self.message_post(body=note, subtype_xmlid="mail.mt_note")
        return note

    def _scenario_planned_deadline(self, order_step):
        """The order's new deadline with `order_step` current, or None when it keeps
        its own (set otherwise than by the scenario, or unchanged)."""
        self.ensure_one()
        if self.date_deadline and not self.deadline_by_scenario:
            return None
        deadline = self._scenario_plan_after(order_step.scenario_step_id, order_step.date_deadline)
        if not deadline or deadline == self.date_deadline:
            return None
        return deadline

    def _scenario_deadline_note(self, old_deadline, deadline, reason):
        """The note explaining why the order's deadline moved to `deadline`."""
        if old_deadline:
            note = self.env._(
                "Order deadline moved from %(old)s to %(new)s: %(reason)s.",
                old=self._scenario_format_datetime(old_deadline),
                new=self._scenario_format_datetime(deadline),
                reason=reason,
            )
        else:
            note = self.env._(
                "Order deadline set to %(new)s: %(reason)s.",
                new=self._scenario_format_datetime(deadline),
                reason=reason,
            )
        return note

    def _scenario_format_datetime(self, value):
        """A deadline as the notes write it: at the premises, with the zone's name
        (a note is read in every zone, and the scheduled action writing it has a
        zone of its own). Formatted once per batch: orders entering their steps in
        the same second share their deadlines."""
        tz_name = self.premises_id[:1]._telecom_local_tz()
        return remembered(
            self.env,
            ("datetime text", value, tz_name, self.env.lang),
            lambda: self.env["telecom.premises"]._telecom_format_local_time(tz_name, value),
        )

    def _scenario_plan_after(self, step, start):
        """The end of the SLA of the steps of the normal path after `step`, one after
        the other from `start` (now when None), each on its division's calendar;
        `start` when none of them has an SLA. Planned once per batch for the orders
        that share what it depends on (orders entering a step in the same second)."""
        if not start:
            return self._scenario_plan_steps_after(step, start)
        key = (step.id, start, self.priority, self.division_id.id, self.premises_id.id, self.company_id.id)
        return remembered(self.env, ("plan after", *key), lambda: self._scenario_plan_steps_after(step, start))

    def _scenario_plan_steps_after(self, step, start):
        deadline = start
        seen = {step}
        following = step._next_step()
        while following and following not in seen:
            seen.add(following)
            hours = following._sla_hours(self.priority)
            if hours and not following.waits_for_customer:
                start = deadline or fields.Datetime.now()
                calendar = self._scenario_calendar(self._scenario_step_division(following))
                deadline = (calendar and calendar._telecom_plan_hours(hours, start)) or (start + timedelta(hours=hours))
            following = following._next_step()
        return deadline

    # Promise to the customer: the one expected completion every screen reads

    def _promise_uncovered(self):
        """No division covers the address (a fallback one only holds it): nobody can
        plan the work, so nothing is promised yet."""
        self.ensure_one()
        return not self.division_id or (self.uncovered_address and not self.division_manual)

    def _promise_tz(self):
        """The zone of the address, where the promised day is a day."""
        self.ensure_one()
        name = self.premises_id._telecom_tz() if self.premises_id else self.env.company.partner_id.tz
        return pytz.timezone(name or "UTC")

    @api.model
    def _promise_local_date(self, value, tz):
        """The day at the address of `value`, a naive UTC datetime."""
        return pytz.utc.localize(value).astimezone(tz).date()

    def _get_booked_visits(self):
        """The open work orders with an appointment, earliest first."""
        self.ensure_one()
        return self.work_order_ids.filtered(
            lambda wo: wo.state in OPEN_WORK_ORDER_STATES and wo.planned_start and wo.planned_end
        ).sorted("planned_start")

    def _get_expected_completion(self):
        """The day the order is expected complete at the address: the latest of the
        requested date, the order's deadline (the plan of its remaining steps), the
        end of its booked visits and the plan of the steps after them. False while
        nothing is planned, or no division covers the address."""
        self.ensure_one()
        if self._promise_uncovered():
            return False
        ends = [end for end in (self.date_deadline, *self._get_visits_plan()) if end]
        if not ends:
            return False
        tz = self._promise_tz()
        days = [self._promise_local_date(end, tz) for end in ends]
        return max(filter(None, [*days, self.requested_date]))

    def _get_visits_plan(self):
        """The end of the booked visits and, when they end after the current step's
        deadline, the end of the steps after it, which start once the visits are done."""
        self.ensure_one()
        visits_end = max(self._get_booked_visits().mapped("planned_end"), default=None)
        order_step = self.current_order_step_id
        if not visits_end or not order_step.scenario_step_id or self.is_closed:
            return [visits_end]
        if order_step.date_deadline and order_step.date_deadline >= visits_end:
            return [visits_end]
        return [visits_end, self._scenario_plan_after(order_step.scenario_step_id, visits_end)]

    def _is_promise_late(self):
        self.ensure_one()
        if not self.date_expected or self.is_closed:
            return False
        return self.date_expected < self._promise_local_date(fields.Datetime.now(), self._promise_tz())

    @api.model
    def _promise_contact_days(self):
        """Within how many working days we contact a customer we can promise nothing."""
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oms_telecom.contact_working_days", DEFAULT_CONTACT_WORKING_DAYS)
        )
        try:
            return max(int(value), 1)
        except (TypeError, ValueError):
            return DEFAULT_CONTACT_WORKING_DAYS

    def _get_promise_note(self):
        """What the customer reads in place of an expected date: when we contact them
        if nothing can be promised, or the missed date and what happens next."""
        self.ensure_one()
        if self.is_closed or self.state == "draft":
            return False
        if self.planning_pending:
            return self.env._("We confirm the expected date shortly.")
        if self._promise_uncovered():
            days = self._promise_contact_days()
            if days == 1:
                return self.env._("We will contact you within one working day.")
            return self.env._("We will contact you within %s working days.", days)
        if self.promise_late:
            return self.env._(
                "Late: expected %(date)s — next: %(next)s",
                date=format_date(self.env, self.date_expected),
                next=self._get_promise_next(),
            )
        return False

    def _get_promise_next(self):
        """What happens next on an order past its expected date, in the customer's words."""
        self.ensure_one()
        visit = self._get_booked_visits()[:1]
        if visit:
            kinds = dict(visit._fields["kind"]._description_selection(self.env))
            return self.env._(
                "completing the %(visit)s visit of %(date)s",
                visit=kinds[visit.kind],
                date=format_date(self.env, self._promise_local_date(visit.planned_start, self._promise_tz())),
            )
        if self.can_book_slot:
            return self.env._("choosing the time of the technician's visit")
        order_step = self.current_order_step_id
        if order_step:
            # The current step is still to finish: what follows it comes after.
            current = order_step.scenario_step_id.name or order_step.name
            following = order_step.scenario_step_id and order_step.scenario_step_id._next_step()
            if following:
                return self.env._("%(next)s, once %(step)s is done", next=following.name, step=current)
            return self.env._("completing %(step)s", step=current)
        return self.env._("we will contact you")

    def _scenario_post_step_entered(self, order_step, previous, done, deadline_note):
        """One note saying where the order moved, what the step did on its own and
        why the deadline moved: nothing a step does happens without a word."""
        self.ensure_one()
        if previous:
            outcomes = dict(previous._fields["outcome"]._description_selection(self.env))
            head = self.env._(
                "Step %(previous)s closed (%(outcome)s); the order is now at the step %(step)s.",
                previous=previous.name,
                outcome=outcomes.get(previous.outcome, previous.outcome or "-"),
                step=order_step.name,
            )
        else:
            head = self.env._(
                "Scenario %(scenario)s started: the order is at the step %(step)s.",
                scenario=self.scenario_id.name,
                step=order_step.name,
            )
        details = []
        if order_step.division_id:
            details.append(self.env._("Division: %s.", order_step.division_id.display_name))
        if order_step.date_deadline:
            details.append(
                self.env._(
                    "Step deadline: %(deadline)s (%(hours)s working hours).",
                    deadline=self._scenario_format_datetime(order_step.date_deadline),
                    hours=format(order_step.sla_hours, "g"),
                )
            )
        elif order_step.state == "pending":
            details.append(self.env._("The step waits for the customer: its SLA clock stands still."))
        body = Markup("<p>%s %s</p>") % (head, " ".join(details))
        if done:
            body += Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Automatic actions:"), Markup().join(done))
        if deadline_note:
            body += Markup("<p>%s</p>") % deadline_note
        # A log, not a post: nobody is notified of it. Orders entering their steps
        # together log their notes together.
        memo = batch_memo(self.env)
        if memo is None:
            self._message_log(body=body)
        else:
            memo.setdefault(STEP_NOTES, []).append((self.id, body))

    def _scenario_notification_waits_for_visit(self, step):
        """A step that books a technician tells the subscriber once its visits are
        planned: the appointment's confirmation is its notification, as nobody
        "will come" before a time is set."""
        return step.check_technician_availability and bool(
            self._scenario_appointment_work_orders().filtered(lambda wo: wo.state == "draft")
        )

    def _telecom_customer_author(self):
        """Who writes to the customer: the company, whoever made the message go
        (the subscriber on the portal, the mail gateway, a scheduled action)."""
        self.ensure_one()
        return self.company_id.partner_id

    def _scenario_notify(self, template, order_step=None, essential=False, attachments=None):
        """E-mail `template` to the subscriber (or the prospect) in their language and
        keep it in the chatter, written by the company, with the documents the step
        generated when the step says so and `attachments` [(name, content)];
        progress e-mails respect the subscriber's opt-out."""
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
        # The customer is told even when they set it off themselves (on the portal:
        # the user is then the customer, whom the core leaves out as the one acting);
        # the company does not follow the orders it writes about.
        poster = self.with_context(mail_notify_author=self.env.user.partner_id in partner, mail_create_nosubscribe=True)
        if attachments:
            # Our own files (the visit's calendar file) are no documents of the order.
            poster = poster.with_context(**private_context(SKIP_DOCUMENT_REGISTRATION))
        message = poster.message_post(
            body=body,
            subject=subject,
            author_id=self._telecom_customer_author().id,
            partner_ids=partner.ids,
            attachments=attachments or [],
            attachment_ids=self._scenario_notification_documents(order_step).attachment_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
            # Queued: the customer's action (a portal page, an e-mail) does not wait for the mail server.
            force_send=False,
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
        # The queue is sent now, not at its next hourly run.
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        if order_step:
            order_step._system_write({"notification_message_id": message.id})
        return message

    def _telecom_send_receipt(self, receipt, comment=None):
        """Confirm to the customer, in the order's thread, what we received from
        them: `receipt` says it in their words, with their `comment` quoted."""
        self.ensure_one()
        template = self.env.ref("oms_telecom.mail_template_telecom_receipt").sudo()
        comment = (comment or "").strip()[:2000]
        return self._scenario_notify(
            template.with_context(
                telecom_receipt=receipt, telecom_receipt_comment=plaintext2html(comment) if comment else False
            ),
            essential=True,
        )

    def _telecom_send_order_receipt(self):
        """Confirm a new order (or a reported problem) to whoever sent it."""
        for order in self:
            order._scenario_notify(order._telecom_order_receipt_template(), essential=True)

    def _telecom_order_receipt_template(self):
        self.ensure_one()
        xmlid = (
            "oms_telecom.mail_template_telecom_problem_received"
            if self.order_type == "problem"
            else "oms_telecom.mail_template_telecom_order_received"
        )
        return self.env.ref(xmlid).sudo()

    def _scenario_notification_documents(self, order_step):
        """The documents the step generated, for its notification e-mail."""
        if not order_step or not order_step.scenario_step_id.attach_documents_to_notification:
            return self.env["telecom.order.document"]
        return self.env["telecom.order.document"].search(
            [("order_step_id", "=", order_step.id), ("state", "=", "current"), ("work_order_id", "=", False)]
        )

    # Technician availability and appointments

    def _scenario_technical_division(self):
        """The technical division whose technicians take the order's appointments:
        never the order's sales division, empty when none operates the premises."""
        self.ensure_one()
        order_step = self.current_order_step_id
        if order_step.division_id.kind == "technical":
            return order_step.division_id
        work_orders = self._scenario_work_orders_to_book()
        technical = work_orders.division_id.filtered(lambda division: division.kind == "technical")
        if technical:
            return technical[:1]
        if self.premises_id:
            return self._scenario_premises_division("technical")
        return self.env["telecom.division"]

    def _scenario_work_orders_to_book(self):
        """The work orders waiting for an appointment, those they depend on first."""
        self.ensure_one()
        todo = self._scenario_appointment_work_orders().filtered(
            lambda wo: wo.state == "draft" and not wo.planned_start
        )
        ordered = self.env["telecom.work.order"]
        while todo:
            ready = todo.filtered(lambda wo, todo=todo: not (wo.depends_on_ids & todo)) or todo[:1]
            ordered |= ready
            todo -= ready
        return ordered

    def _scenario_appointment_work_orders(self):
        """The work orders an appointment is about: the current step's, else the order's."""
        self.ensure_one()
        order_step = self.current_order_step_id
        return order_step.work_order_ids if order_step.state in OPEN_ORDER_STEP_STATES else self.work_order_ids

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

    def _get_technician_slots(self, date_from=None, days=None, date_to=None, work_orders=None):
        """Free appointment slots for the order's work orders waiting for one, from
        `date_from` (default: now, or the requested date) for `days` working days of
        the technical division (or until `date_to`). A list of dicts with start, end
        (naive UTC), technician_id and technician_name, earliest first. For the
        operator's booking wizard and the subscriber's portal; for `work_orders`
        (a booked visit to move) instead when given."""
        self.ensure_one()
        division = self._scenario_technical_division()
        now = fields.Datetime.now()
        if date_from:
            start = max(now, fields.Datetime.to_datetime(date_from))
        elif self.requested_date:
            start = max(now, datetime.combine(self.requested_date, datetime.min.time()))
        else:
            start = now
        if not date_to:
            date_to = self._scenario_working_days_end(division, start, days or division.booking_horizon_days)
        work_orders = work_orders or self._scenario_work_orders_to_book()
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
                start=self.premises_id._telecom_local_time(start),
                technician=technician.name,
                work_orders=", ".join(work_orders.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )
        # The subscriber got the appointment as the visits were planned (action_plan).
        return work_orders

    def _scenario_check_availability(self, order_step):
        """Hold the order and tell the technical division's manager when no technician
        is free within the step's deadline."""
        self.ensure_one()
        deadline = order_step.date_deadline
        if self._scenario_technical_division():
            now = fields.Datetime.now()
            slots = self._get_technician_slots(date_to=deadline) if deadline and deadline > now else []
            if slots or not deadline:
                return True
            reason = self.env._("No technician available")
            body = self.env._(
                "No technician of %(division)s is free before the deadline %(deadline)s: the order is held.",
                division=order_step.division_id.display_name or "-",
                deadline=self._scenario_format_datetime(deadline),
            )
        else:
            reason = self.env._("No technical department operates the address")
            body = self.env._(
                "No technical department operates %(address)s: the order is held until one is chosen "
                "for its work orders or a coverage area is added.",
                address=self.premises_id.display_name or "-",
            )
        self._set_state("held", reason)
        self._system_write({"needs_attention": True})
        manager = order_step.division_id.manager_id or self.division_id.manager_id
        self.message_post(body=body, partner_ids=manager.partner_id.ids, subtype_xmlid="mail.mt_note")
        return False

    def _telecom_appointment_window(self, work_orders):
        """(start, end) of the visit, aware in the premises' time zone."""
        self.ensure_one()
        tz = pytz.timezone(self.premises_id._telecom_local_tz())
        start = min(work_orders.mapped("planned_start"))
        end = max(work_orders.mapped("planned_end"))
        return pytz.utc.localize(start).astimezone(tz), pytz.utc.localize(end).astimezone(tz)

    def _telecom_appointment_label(self, start, end, lang=None):
        """'Tuesday 8 December 2026, 07:00 – 10:00 (America/Chicago, CST)' in `lang`."""
        return self.premises_id._telecom_local_time(
            start.astimezone(pytz.utc).replace(tzinfo=None),
            end.astimezone(pytz.utc).replace(tzinfo=None),
            dt_format=ICS_DATETIME_FORMAT,
            lang_code=lang,
        )

    def _telecom_appointment_ics(self, start, end, technician):
        """The visit as an iCalendar file, in the premises' time zone (with its
        VTIMEZONE), one UID per order so that a moved visit replaces the first one."""
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("method").value = "PUBLISH"
        event = calendar.add("vevent")
        domain = (self.company_id.email or "oms.telecom").rpartition("@")[2] or "oms.telecom"
        event.add("uid").value = f"telecom-order-{self.id}-appointment@{domain}"
        event.add("sequence").value = str(int(fields.Datetime.now().timestamp()))
        event.add("dtstamp").value = pytz.utc.localize(fields.Datetime.now())
        event.add("dtstart").value = start
        event.add("dtend").value = end
        event.add("summary").value = self.env._(
            "%(company)s technician visit (%(order)s)", company=self.company_id.name, order=self.name
        )
        event.add("location").value = self.premises_id.display_name or ""
        event.add("description").value = self.env._(
            "Technician: %(technician)s. Order %(order)s: %(url)s",
            technician=technician.name or "-",
            order=self.name,
            url=self.get_base_url() + self.get_portal_url(),
        )
        return calendar.serialize().encode()

    def _telecom_send_appointment_confirmation(self, work_orders, technician):
        """E-mail the subscriber (or prospect) the booked time with its .ics file."""
        template = self.env.ref("oms_telecom.mail_template_telecom_appointment_confirmed", raise_if_not_found=False)
        for order in self:
            if not template or not (order.partner_id.email or order.prospect_email):
                continue
            start, end = order._telecom_appointment_window(work_orders)
            lang = order.partner_id.lang or self.env.lang
            # The calendar entry speaks the subscriber's language, as the e-mail does.
            ics = order.with_context(lang=lang)._telecom_appointment_ics(start, end, technician)
            # The step waiting for this visit to be booked said nothing yet: this is its notification.
            order_step = order.current_order_step_id
            if order_step.notification_message_id or not (order_step.work_order_ids & work_orders):
                order_step = None
            order._scenario_notify(
                template.sudo().with_context(
                    telecom_appointment_when=order.with_context(lang=lang)._telecom_appointment_label(start, end, lang),
                    telecom_appointment_technician=technician.name,
                ),
                order_step,
                essential=True,
                attachments=[("appointment.ics", ics)],
            )

    # Visits the subscriber moves or cancels

    def _telecom_booked_visits(self):
        """The booked visit: the planned work orders an appointment was made for."""
        self.ensure_one()
        return self._scenario_appointment_work_orders().filtered(lambda wo: wo.state == "planned" and wo.planned_start)

    def _telecom_visit_change_deadline(self):
        """Until when (naive UTC) the subscriber may move or cancel the booked
        visit: the technical division's notice before it starts. False without one."""
        self.ensure_one()
        visits = self._telecom_booked_visits()
        if not visits:
            return False
        return min(visits.mapped("planned_start")) - timedelta(hours=self._telecom_visit_change_hours())

    def _telecom_visit_change_hours(self):
        """The notice (hours) the technical division asks for to change a visit online."""
        self.ensure_one()
        division = self._telecom_booked_visits().division_id[:1] or self._scenario_technical_division()
        return division.visit_change_hours if division else DEFAULT_VISIT_CHANGE_HOURS

    def _telecom_visit_changeable(self):
        """The booked visit may still be moved or cancelled by the subscriber."""
        self.ensure_one()
        deadline = self._telecom_visit_change_deadline()
        running = self.current_order_step_id.state in ("running", "pending", "held") and not self.is_closed
        return bool(deadline and running and fields.Datetime.now() < deadline)

    def _telecom_check_visit_changeable(self):
        if not self._telecom_visit_changeable():
            raise UserError(
                self.env._(
                    "The visit of order %s can no longer be changed online: please call us.",
                    self.name,
                )
            )

    def _telecom_visit_label(self, visits):
        """When the visit starts, at the address, for the chatter."""
        tz = self.premises_id._telecom_tz() if self.premises_id else None
        return format_datetime(self.env, min(visits.mapped("planned_start")), tz=tz)

    def _telecom_cancel_visit(self):
        """The subscriber cancels the booked visit: its slot is freed, the
        technician is told and the order's responsible agrees on a new time."""
        self.ensure_one()
        self._telecom_check_visit_changeable()
        visits = self._telecom_booked_visits()
        when = self.premises_id._telecom_local_time(min(visits.mapped("planned_start")))
        body = self.env._("The subscriber cancelled the visit of %s.", self._telecom_visit_label(visits))
        self._telecom_release_visits(visits, body)
        self.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._telecom_send_receipt(
            self.env._(
                "We have received the cancellation of the technician's visit of %s. "
                "We will contact you to agree on a new time.",
                when,
            )
        )
        responsible = self.user_id or self.division_id.manager_id
        if responsible:
            self.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._("Agree on a new visit with the subscriber"),
                note=body,
                user_id=responsible.id,
            )

    def _telecom_move_visit(self, start, technician_id):
        """The subscriber moves the booked visit to the free slot at `start` (naive
        UTC) with the technician: the old slot is freed, both technicians and the
        order are told, and the subscriber gets the new time with its .ics."""
        self.ensure_one()
        self._telecom_check_visit_changeable()
        visits = self._telecom_booked_visits()
        before = self._telecom_visit_label(visits)
        self._telecom_release_visits(visits, self.env._("The subscriber moved the visit of %s.", before))
        booked = self._book_technician_slot(start, technician_id)
        after = self._telecom_visit_label(booked)
        self.message_post(
            body=self.env._("The subscriber moved the visit from %(before)s to %(after)s.", before=before, after=after),
            subtype_xmlid="mail.mt_note",
        )
        for work_order in booked:
            work_order.message_post(
                body=self.env._("Visit booked by the subscriber for %s.", after),
                partner_ids=work_order.technician_id.partner_id.ids,
                subtype_xmlid="mail.mt_note",
            )
        return booked

    def _telecom_release_visits(self, visits, body):
        """Free the visits' slot: back to be planned, without time nor technician;
        their technician reads `body` in their inbox."""
        for work_order in visits:
            work_order.message_post(
                body=body, partner_ids=work_order.technician_id.partner_id.ids, subtype_xmlid="mail.mt_note"
            )
        visits._set_state("draft", planned_start=False, technician_id=False)

    # Documents: generated packages, uploads, signed contracts

    def _generate_document_package(self, reports, order_step=None):
        """Render `reports` (records or xml ids) for each order in self — a work-order
        report for the work orders of `order_step`, else for the open work orders —
        and attach the PDFs as a new version of each document; the previous version
        stays, superseded. Everything is rendered before anything is attached: a
        report that cannot be printed attaches nothing. Returns the new documents."""
        reports = self._document_reports(reports)
        Document = self.env["telecom.order.document"]
        current = Document._current_versions(self, reports)
        documents = Document
        for order in self:
            rendered = []
            for report, record in order._document_targets(reports, order_step):
                work_order = record if record._name == "telecom.work.order" else self.env["telecom.work.order"]
                previous = current.get(Document._version_key(order, report, work_order))
                if previous and order_step and previous.order_step_id == order_step:
                    # The step already produced it: running its actions again changes nothing.
                    continue
                content, extension = order._render_document(report, record)
                rendered.append((report, record, work_order, previous, content, extension))
            new = order._attach_documents(rendered, order_step)
            if new:
                order._post_documents(new)
            documents |= new
        return documents

    @api.model
    def _document_reports(self, reports):
        if isinstance(reports, models.BaseModel):
            return reports
        Report = self.env["ir.actions.report"]
        return Report.union(*(self.env.ref(xmlid) for xmlid in reports or []))

    def _document_targets(self, reports, order_step=None):
        """(report, record) to print: the order itself, or its work orders."""
        self.ensure_one()
        targets = []
        for report in reports:
            if report.model == self._name:
                targets.append((report, self))
            elif report.model == "telecom.work.order":
                targets.extend((report, work_order) for work_order in self._document_work_orders(order_step))
            else:
                raise UserError(self.env._("The report %s prints neither orders nor work orders.", report.display_name))
        return targets

    def _document_work_orders(self, order_step=None):
        self.ensure_one()
        if order_step and order_step.work_order_ids:
            return order_step.work_order_ids.filtered(lambda wo: wo.state != "cancelled")
        return self.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)

    def _render_document(self, report, record):
        """The report of one record: (content, file extension). Outside tests the
        content is a PDF; tests get HTML unless they force the PDF rendering."""
        content, report_format = self.env["ir.actions.report"]._render_qweb_pdf(report, record.ids)
        if isinstance(content, str):
            content = content.encode()
        return content, report_format

    def _document_file_name(self, report, record, version, extension):
        """The report's file name, in the subscriber's language like the document."""
        self.ensure_one()
        report = report.with_context(lang=self.partner_id.lang or self.env.lang)
        base = report.print_report_name and safe_eval(report.print_report_name, {"object": record, "time": time})
        base = base or f"{report.name} - {record.display_name}"
        return f"{base} - v{version}.{extension}"

    def _attach_documents(self, rendered, order_step=None):
        self.ensure_one()
        Document = self.env["telecom.order.document"]
        if not rendered:
            return Document
        attachment_vals = []
        for report, record, _work_order, previous, content, extension in rendered:
            version = (previous.version if previous else 0) + 1
            attachment_vals.append(
                {
                    "name": self._document_file_name(report, record, version, extension),
                    "raw": content,
                    "mimetype": "application/pdf" if extension == "pdf" else "text/html",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        attachments = (
            self.env["ir.attachment"]
            .with_context(**private_context(SKIP_DOCUMENT_REGISTRATION))
            .create(attachment_vals)
        )
        # Their source, report, step and version are the system's.
        documents = Document.with_context(**system_write_context()).create(
            [
                {
                    "attachment_id": attachment.id,
                    "order_id": self.id,
                    "work_order_id": work_order.id,
                    "report_id": report.id,
                    "order_step_id": order_step.id if order_step else False,
                    "document_type": DOCUMENT_TYPE_BY_REPORT.get(report.report_name, "other"),
                    "source": "generated",
                    "version": (previous.version if previous else 0) + 1,
                }
                for attachment, (report, _record, work_order, previous, _content, _ext) in zip(
                    attachments, rendered, strict=True
                )
            ]
        )
        for document, (_report, _record, _work_order, previous, _content, _ext) in zip(
            documents, rendered, strict=True
        ):
            if previous:
                previous._system_write({"state": "superseded", "superseded_by_id": document.id})
        return documents

    def _post_documents(self, documents):
        self.ensure_one()
        items = Markup().join(
            Markup("<li>%s</li>")
            % (
                self.env._("%(name)s (replaces version %(version)s)", name=doc.name, version=doc.version - 1)
                if doc.version > 1
                else doc.name
            )
            for doc in documents
        )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Documents generated:"), items),
            attachment_ids=documents.attachment_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    def _document_signed_contract_received(self, document):
        """A signed contract came in: the step waiting for it moves on."""
        self.ensure_one()
        order_step = self.current_order_step_id
        step_open = order_step.state in ("running", "pending")
        if not order_step.scenario_step_id.completed_by_signed_contract or not step_open:
            return False
        try:
            with self.env.cr.savepoint():
                self.action_next_step()
        except UserError as error:
            self._system_write({"needs_attention": True})
            self.message_post(
                body=self.env._(
                    "The signed contract %(document)s is in, but the order could not move on: %(error)s",
                    document=document.name,
                    error=error.args[0],
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        return True

    def _add_document(self, filename, raw, document_type="other", work_order=None, source=None):
        """Attach an uploaded file (type and size checked first) to the order or one
        of its work orders. For the back office and the portal."""
        self.ensure_one()
        Document = self.env["telecom.order.document"]
        mimetype = Document._check_upload(filename, raw)
        if work_order and work_order.order_id != self:
            raise UserError(self.env._("Work order %s belongs to another order.", work_order.name))
        record = work_order or self
        attachment = (
            self.env["ir.attachment"]
            .with_context(**private_context(SKIP_DOCUMENT_REGISTRATION))
            .create(
                {"name": filename, "raw": raw, "mimetype": mimetype, "res_model": record._name, "res_id": record.id}
            )
        )
        types = dict(Document._fields["document_type"]._description_selection(self.env))
        self.message_post(
            body=self.env._("%(type)s uploaded: %(name)s", type=types[document_type], name=filename),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return Document.with_context(**system_write_context()).create(
            {
                "attachment_id": attachment.id,
                "order_id": self.id,
                "work_order_id": work_order.id if work_order else False,
                "document_type": document_type,
                "source": source or ("portal" if self.env.user.share else "operator"),
            }
        )
