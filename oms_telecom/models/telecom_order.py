from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.mail import parse_contact_from_email

from .telecom_order_state import ALLOWED_TRANSITIONS, CANCELLABLE_STATES, CLOSED_STATES, ORDER_STATES
from .telecom_state_guard import is_state_action, may_write_state, state_action_context

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


class TelecomOrder(models.Model):
    _name = "telecom.order"
    _description = "Telecom Order"
    # One concern per mixin; earlier ones override later ones (documents extends
    # the scenario's notifications and the chatter's message_post).
    _inherit = [
        "telecom.order.documents.mixin",
        "telecom.order.availability.mixin",
        "telecom.order.scenario.actions.mixin",
        "telecom.order.scenario.mixin",
        "portal.mixin",
        "mail.thread.cc",
        "mail.activity.mixin",
    ]
    _order = "priority desc, id desc"
    _primary_email = "prospect_email"
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
        # The reports count late orders the same way: telecom_report_sql.is_late_sql.
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
            if vals.get("division_id") and not self.env.context.get("telecom_routing"):
                vals.setdefault("division_manual", True)
            if vals.get("user_id") and not self.env.context.get("telecom_routing"):
                vals.setdefault("user_manual", True)
        self._route_vals(vals_list)
        orders = self
        if not any(vals.get("user_manual") for vals in vals_list):
            # Routing's own choice: the responsible finds the order in 'My Orders',
            # without one "assigned to you" e-mail per order of a batch.
            orders = self.with_context(mail_auto_subscribe_no_notify=True)
        return super(TelecomOrder, orders).create(vals_list).with_env(self.env)

    @api.model
    def _check_create_state(self, vals_list):
        """A new order is a draft in a draft stage: its actions take it further."""
        if may_write_state(self.env):
            return
        stage_ids = {vals["stage_id"] for vals in vals_list if vals.get("stage_id")}
        stages = self.env["telecom.order.stage"].browse(stage_ids)
        if any(vals.get("state", "draft") != "draft" for vals in vals_list) or any(
            stage.state != "draft" for stage in stages
        ):
            raise UserError(self.env._("A new order starts as a draft: submit it with its 'Submit' button."))

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
        if not is_state_action(self.env):
            if vals.get("stage_id") and "state" not in vals:
                return self._write_stage_drop(vals)
            if "state" in vals and not self.env.su:
                self._raise_state_not_writable(vals["state"])
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
            # An action put the order in a stage: the order takes the stage's state.
            vals = dict(vals, state=self.env["telecom.order.stage"].browse(vals["stage_id"]).state)
        if "state" in vals:
            for order in self:
                order._check_transition(vals["state"])
        moved = self.filtered(lambda order: order.state != vals["state"]) if "state" in vals else self.browse()
        result = super().write(vals)
        if moved and not self.env.context.get("telecom_scenario_sync"):
            moved._scenario_sync_state(vals["state"])
        if "priority" in vals:
            self._scenario_sync_priority()
        if "premises_id" in vals and not routing:
            self._reroute()
        return result

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
            moved.with_context(**state_action_context()).write({"stage_id": stage.id})
        return True

    def _stage_drop_action(self, state):
        """The action a kanban drop onto a stage of `state` runs, or None when only
        a button may take the order there."""
        self.ensure_one()
        if state == "inProgress" and self.state == "acknowledged":
            return self.action_start
        if state == "inProgress" and self.state in ("pending", "held", "failed"):
            return self.action_resume
        if state == "pending":
            return self.action_set_pending
        if state == "held":
            return self.action_hold
        return None

    def _raise_state_not_writable(self, state):
        hints = {
            "acknowledged": self.env._("Use the 'Submit' button."),
            "inProgress": self.env._("Use the 'Start' or 'Resume' button."),
            "pending": self.env._("Use the 'Wait for Customer' button."),
            "held": self.env._("Use the 'Hold' button."),
            "failed": self.env._("Use the 'Fail' button."),
            "completed": self.env._("Use the 'Complete' button, or report its work orders done."),
            "partial": self.env._("Report its work orders done or failed."),
            "rejected": self.env._("Use the 'Reject' button."),
            "assessingCancellation": self.env._("Use the 'Request Cancellation' button."),
            "pendingCancellation": self.env._("Use the 'Accept Cancellation' button."),
            "cancelled": self.env._("Use the 'Cancel' or 'Accept Cancellation' button."),
        }
        raise UserError(
            self.env._(
                "The state of an order changes through its buttons, not by editing it. %s",
                hints.get(state, ""),
            )
        )

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
        self.with_context(**state_action_context()).write(vals)

    # Actions of the form's buttons.

    def action_submit(self):
        self._check_internal_user()
        self.check_access("write")
        for order in self:
            order._check_submittable()
        self._set_state("acknowledged")
        self.write({"date_submitted": fields.Datetime.now()})
        self._scenario_attach()
        self._scenario_start()

    @api.model
    def create_and_submit(self, vals_list):
        """Create orders and submit them, in one call: over XML-RPC or JSON-RPC,
        one transaction, so that an order the submission refuses leaves no draft
        behind. Returns the ids of the orders."""
        orders = self.create(vals_list)
        orders.action_submit()
        return orders.ids

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
        self._check_internal_user()
        self._set_state("inProgress")
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
        self._set_state("inProgress", False)
        self.line_ids.filtered(lambda line: line.state == "pending")._set_state("in_progress")

    def action_fail(self, reason=None):
        self._check_internal_user()
        self._set_state("failed", reason or self.env._("Failed"))

    def action_request_cancellation(self):
        self._check_internal_user()
        for order in self:
            if order.state not in CANCELLABLE_STATES:
                raise UserError(self.env._("Order %s can no longer be cancelled.", order.name))
            order.state_before_cancellation = order.state
        self._set_state("assessingCancellation")

    def action_accept_cancellation(self):
        self._check_internal_user()
        self._set_state("pendingCancellation")
        self._cancel_in_flight()
        self._set_state("cancelled")

    def action_refuse_cancellation(self):
        self._check_internal_user()
        for order in self:
            if order.state != "assessingCancellation":
                raise UserError(self.env._("Order %s has no cancellation request to refuse.", order.name))
            order._set_state(order.state_before_cancellation or "inProgress")

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
        self.work_order_ids.filtered(lambda wo: wo.state not in ("done", "failed", "cancelled"))._write_state(
            {"state": "cancelled"}
        )
        self.line_ids.filtered(lambda line: line.state not in ("done", "failed"))._set_state("cancelled")

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

    # Followers

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """Staff choose who follows an order; the portal subscribes the subscriber
        to their own orders itself (as superuser), with the subtypes meant for them."""
        self._check_internal_user()
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

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
