# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import timedelta
from urllib.parse import urlencode

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_datetime

from .telecom_private_context import may_write_system_fields, system_write_context

WORK_ORDER_KINDS = [
    ("installation", "Installation"),
    ("configuration", "Configuration"),
    ("line_test", "Line Test"),
    ("equipment_delivery", "Equipment Delivery"),
    ("equipment_return", "Equipment Return"),
    ("repair", "Repair"),
    ("diagnosis", "Diagnosis"),
]
WORK_ORDER_STATES = [
    ("draft", "To Plan"),
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
OPEN_WORK_ORDER_STATES = ("draft", "planned", "in_progress")


class TelecomWorkOrder(models.Model):
    _name = "telecom.work.order"
    _description = "Work Order"
    # The holder of documents is a mail.thread.
    _inherit = ["telecom.document.holder.mixin", "mail.activity.mixin", "telecom.system.fields.mixin"]
    _order = "planned_start, id"

    # === FIELDS ===

    name = fields.Char(
        string="Number",
        required=True,
        copy=False,
        readonly=True,
        index="trigram",
        default=lambda self: self.env._("New"),
    )
    order_id = fields.Many2one("telecom.order", required=True, index=True, ondelete="cascade", tracking=True)
    line_id = fields.Many2one(
        "telecom.order.line", string="Service Order", index=True, domain="[('order_id', '=', order_id)]"
    )
    kind = fields.Selection(WORK_ORDER_KINDS, required=True, default="installation", tracking=True)
    division_id = fields.Many2one("telecom.division", index=True, tracking=True)
    technician_id = fields.Many2one("res.users", index=True, tracking=True)
    partner_id = fields.Many2one(related="order_id.partner_id", string="Subscriber")
    premises_id = fields.Many2one(related="order_id.premises_id", store=True, index=True)
    # What the technician needs on site, on screen as on the printed work order.
    contact_name = fields.Char(compute="_compute_contact", string="Contact")
    contact_phone = fields.Char(compute="_compute_contact", string="Phone")
    access_notes = fields.Text(related="premises_id.access_notes", string="Access")
    map_url = fields.Char(compute="_compute_map_url", string="Map", help="The address on a map, to find the way.")
    calendar_title = fields.Char(compute="_compute_calendar_title")
    planned_start = fields.Datetime(tracking=True, index=True)
    planned_end = fields.Datetime(compute="_compute_planned_end", store=True, readonly=False)
    planned_local_time = fields.Char(
        string="Local Time at the Address",
        compute="_compute_planned_local_time",
        help="The planned visit as the customer reads it: in the time zone of the address, with its name.",
    )
    duration = fields.Float(string="Duration (hours)", default=2.0)
    state = fields.Selection(
        WORK_ORDER_STATES,
        default="draft",
        required=True,
        index=True,
        tracking=True,
        copy=False,
        group_expand="_read_group_expand_states",
    )
    tasks = fields.Text()
    equipment = fields.Char()
    result = fields.Text(tracking=True)
    customer_signature = fields.Image(
        copy=False,
        max_width=1024,
        max_height=512,
        help="The customer signs for the work done; kept among the order's documents once the work order is done.",
    )
    date_done = fields.Datetime(readonly=True, copy=False)
    depends_on_ids = fields.Many2many(
        "telecom.work.order",
        "telecom_work_order_dependency_rel",
        "work_order_id",
        "depends_on_id",
        string="Depends on",
        domain="[('order_id', '=', order_id), ('id', '!=', id)]",
        help="Work orders that must be done before this one can start.",
    )
    is_blocked = fields.Boolean(compute="_compute_is_blocked")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    color = fields.Integer(compute="_compute_color")
    order_step_id = fields.Many2one(
        "telecom.order.step",
        index="btree_not_null",
        copy=False,
        readonly=True,
        ondelete="set null",
        help="The scenario step that created the work order: its completion moves that step on.",
    )
    scenario_action_id = fields.Many2one("telecom.scenario.step.action", copy=False, ondelete="set null", readonly=True)
    document_ids = fields.One2many("telecom.order.document", "work_order_id", string="Documents")

    @api.model
    def _read_group_expand_states(self, states, domain):
        """Every state's column, but To Plan only when it holds work orders: a
        technician's day (visits already planned) opens on its first visit, not
        on an empty column, on a phone where one column shows at a time."""
        return [state for state, _label in WORK_ORDER_STATES if state != "draft" or state in states]

    # === COMPUTE METHODS ===

    @api.depends("planned_start", "duration")
    def _compute_planned_end(self):
        for work_order in self:
            if work_order.planned_start:
                work_order.planned_end = work_order.planned_start + timedelta(hours=work_order.duration or 1.0)
            else:
                work_order.planned_end = False

    @api.depends("planned_start", "planned_end", "premises_id")
    @api.depends_context("lang")
    def _compute_planned_local_time(self):
        Premises = self.env["telecom.premises"]
        zones = self.premises_id._telecom_zones()
        for work_order in self:
            work_order.planned_local_time = Premises._telecom_format_local_time(
                zones.get(work_order.premises_id) or Premises._telecom_local_tz(),
                work_order.planned_start,
                work_order.planned_end,
            )

    @api.depends("order_id.partner_id.phone", "order_id.partner_id.mobile", "order_id.prospect_phone")
    def _compute_contact(self):
        # Technicians read the contact of their work orders, not the whole partner.
        for work_order, work_order_sudo in zip(self, self.sudo(), strict=True):
            order_sudo = work_order_sudo.order_id
            partner_sudo = order_sudo.partner_id
            work_order.contact_name = partner_sudo.name or order_sudo.prospect_name or False
            work_order.contact_phone = partner_sudo.phone or partner_sudo.mobile or order_sudo.prospect_phone or False

    @api.depends("premises_id.full_address")
    def _compute_map_url(self):
        for work_order in self:
            address = work_order.premises_id.full_address
            work_order.map_url = (
                f"https://www.openstreetmap.org/search?{urlencode({'query': address})}" if address else False
            )

    @api.depends("name", "kind", "contact_name", "premises_id.full_address")
    def _compute_calendar_title(self):
        """What a calendar event says: the kind, the customer and the address."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for work_order in self:
            parts = [kinds.get(work_order.kind), work_order.contact_name, work_order.premises_id.full_address]
            work_order.calendar_title = " · ".join(filter(None, parts)) or work_order.name

    @api.depends("depends_on_ids.state")
    def _compute_is_blocked(self):
        for work_order in self:
            work_order.is_blocked = any(dep.state != "done" for dep in work_order.depends_on_ids)

    @api.depends("kind")
    def _compute_color(self):
        colors = {kind: index + 1 for index, (kind, _label) in enumerate(WORK_ORDER_KINDS)}
        for work_order in self:
            work_order.color = colors.get(work_order.kind, 0)

    # === CONSTRAINT METHODS ===

    @api.constrains("depends_on_ids")
    def _check_dependencies(self):
        if self._has_cycle("depends_on_ids"):
            raise ValidationError(self.env._("Work orders cannot depend on each other in a circle."))

    @api.constrains("line_id", "order_id")
    def _check_line(self):
        for work_order in self.filtered("line_id"):
            if work_order.line_id.order_id != work_order.order_id:
                raise ValidationError(self.env._("The service order belongs to another order."))

    @api.constrains("division_id")
    def _check_division_kind(self):
        for work_order in self.filtered(lambda wo: wo.division_id and wo.division_id.kind != "technical"):
            raise ValidationError(
                self.env._(
                    "Work order %(work_order)s goes to a technical department: %(division)s is not one.",
                    work_order=work_order.name,
                    division=work_order.division_id.display_name,
                )
            )

    @api.constrains("planned_start", "planned_end")
    def _check_slot(self):
        for work_order in self:
            if (
                work_order.planned_start
                and work_order.planned_end
                and work_order.planned_end < work_order.planned_start
            ):
                raise ValidationError(self.env._("A work order cannot end before it starts."))

    # === CRUD METHODS ===

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        if any(vals.get("state", "draft") != "draft" for vals in vals_list):
            self._check_state_writable()
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New"):
                vals["name"] = self.env["ir.sequence"].next_by_code("telecom.work.order") or self.env._("New")
        self._route_vals(vals_list)
        self._step_vals(vals_list)
        work_orders = super().create(vals_list)
        closed = work_orders.order_id.filtered(
            lambda order: order.state not in ("acknowledged", "in_progress", "held", "pending")
        )
        if closed:
            raise UserError(self.env._("Order %s does not take new work orders in its state.", closed[0].name))
        return work_orders

    def write(self, vals):
        if "state" in vals:
            self._check_state_writable()
        self._check_system_fields([vals])
        if not self.env.su and ("order_id" in vals or "division_id" in vals):
            self._check_reassignment(vals)
        planned_before = {}
        if "planned_start" in vals:
            planned_before = {
                work_order: work_order.planned_start for work_order in self if work_order.state == "planned"
            }
        result = super().write(vals)
        if not self.env.su and ("order_id" in vals or "division_id" in vals):
            # Record rules are checked on the records as they were before the
            # write: the work orders must also be the user's where they land.
            self.check_access("write")
        if "planned_start" in vals:
            self._send_moved_visit_confirmations(planned_before)
        return result

    def _check_state_writable(self):
        if not may_write_system_fields(self.env):
            raise UserError(
                self.env._(
                    "The state of a work order changes through its buttons ('Plan', 'Start', 'Done', "
                    "'Failed', 'Cancel'), not by editing it."
                )
            )

    def _check_reassignment(self, vals):
        """Technicians report on their work orders: they may hand one over inside
        their divisions, never move it to another order. Operators move work
        orders within the orders and divisions their rules give them."""
        user = self.env.user
        if user.has_group("oms_telecom.group_oms_operator"):
            return
        if "order_id" in vals and any(work_order.order_id.id != vals["order_id"] for work_order in self):
            raise AccessError(self.env._("Only operators can move a work order to another order."))
        if "division_id" in vals and any(work_order.division_id.id != vals["division_id"] for work_order in self):
            divisions = self.env["telecom.division"].search([("id", "child_of", user.telecom_division_ids.ids)])
            if vals["division_id"] not in divisions.ids:
                raise AccessError(self.env._("You can only hand a work order over to one of your divisions."))

    @api.model
    def _route_vals(self, vals_list):
        """Work orders go to the technical division operating the order's premises."""
        todo = [vals for vals in vals_list if not vals.get("division_id") and vals.get("order_id")]
        if not todo:
            return
        orders = self.env["telecom.order"].browse({vals["order_id"] for vals in todo})
        divisions = self.env["telecom.router"]._resolve_divisions(orders.premises_id, "technical")
        premises_by_order = {order.id: order.premises_id.id for order in orders}
        for vals in todo:
            division, _covered = divisions.get(premises_by_order[vals["order_id"]], (False, False))
            vals["division_id"] = division.id if division else False

    @api.model
    def _step_vals(self, vals_list):
        """A work order added by hand during a technical step (one that creates
        work orders) joins it: the step closes when all its work orders are done,
        whoever created them. Added at another step, it is processed by hand."""
        todo = [vals for vals in vals_list if vals.get("order_id") and "order_step_id" not in vals]
        if not todo:
            return
        orders = self.env["telecom.order"].browse({vals["order_id"] for vals in todo})
        open_steps = {
            order.id: order.current_order_step_id.id
            for order in orders
            if order.current_order_step_id.state in ("running", "pending", "held")
            and "create_work_orders" in order.current_order_step_id.scenario_step_id.action_ids.mapped("action_type")
        }
        for vals in todo:
            if vals["order_id"] in open_steps:
                vals["order_step_id"] = open_steps[vals["order_id"]]

    # === ACTION METHODS ===

    @api.model
    def _action_open_work_orders(self):
        """The Work Orders menu: a technician lands on their own open work orders."""
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_work_order_action")
        user = self.env.user
        if user.has_group("oms_telecom.group_oms_technician") and not user.has_group("oms_telecom.group_oms_operator"):
            action["context"] = {"search_default_open": 1, "search_default_mine": 1, "search_default_today": 1}
        return action

    def action_plan(self):
        for work_order in self:
            if work_order.state != "draft":
                raise UserError(self.env._("Work order %s is not to be planned.", work_order.name))
            if not work_order.planned_start:
                raise UserError(self.env._("Set the planned start of work order %s first.", work_order.name))
        self._set_state("planned")
        self._send_visit_confirmations()

    def action_start(self):
        for work_order in self:
            if work_order.state not in ("draft", "planned"):
                raise UserError(self.env._("Work order %s cannot start from its state.", work_order.name))
            blocking = work_order.depends_on_ids.filtered(lambda dep: dep.state != "done")
            if blocking:
                raise UserError(
                    self.env._(
                        "Work order %(work_order)s waits for %(blocking)s.",
                        work_order=work_order.name,
                        blocking=", ".join(blocking.mapped("name")),
                    )
                )
        self._set_state("in_progress")
        self._start_orders()

    def action_done(self, result=None):
        """The technician's report: the visit is done on site, so not before its
        planned start, and with what was done (`result` or the Result already
        written on the work order)."""
        self._check_can_be_done(result)
        to_finish = self.filtered(lambda wo: wo.state != "done")
        self._finish("done", result)
        to_finish._add_signature_documents()

    def action_fail(self, result=None):
        self._finish("failed", result)

    def action_cancel(self):
        for work_order in self:
            if work_order.state not in OPEN_WORK_ORDER_STATES:
                raise UserError(self.env._("Work order %s is already closed.", work_order.name))
        self._set_state("cancelled")

    # === CORE METHODS OVERRIDES ===

    # === BUSINESS METHODS ===

    def _set_state(self, state, **values):
        """The actions' door for a state change (with `values` written along)."""
        self.with_context(**system_write_context()).write({"state": state, **values})

    def _start_orders(self):
        """Starting the first work order starts its order. Technicians report on
        work orders and may not edit orders: the order follows their report."""
        orders_sudo = self.order_id.sudo().filtered(lambda order: order.state == "acknowledged")
        orders_sudo.action_start()

    def _check_can_be_done(self, result):
        now = fields.Datetime.now()
        for work_order in self.filtered(lambda wo: wo.state != "done"):
            if work_order.planned_start and work_order.planned_start > now:
                raise UserError(
                    self.env._(
                        "Work order %(work_order)s is planned for %(start)s: it can only be done from then on.",
                        work_order=work_order.name,
                        start=format_datetime(self.env, work_order.planned_start),
                    )
                )
            if not (result or work_order.result):
                raise UserError(
                    self.env._(
                        "Write the result of work order %s (what was done on site) before marking it done.",
                        work_order.name,
                    )
                )

    def _add_signature_documents(self):
        """The customer's signature joins the order's documents, with the work order."""
        for work_order in self.filtered("customer_signature"):
            work_order.order_id.sudo()._add_document(
                "signature-{}.png".format(work_order.name.replace("/", "-")),
                base64.b64decode(work_order.customer_signature),
                document_type="signature",
                work_order=work_order.sudo(),
            )

    def _finish(self, state, result):
        # The same result reported again (a retried call) changes nothing.
        work_orders = self.filtered(lambda wo: wo.state != state)
        to_start = work_orders.filtered(lambda wo: wo.state in ("draft", "planned"))
        if to_start:
            to_start.action_start()
        for work_order in work_orders:
            if work_order.state != "in_progress":
                raise UserError(self.env._("Work order %s is not in progress.", work_order.name))
        values = {"date_done": fields.Datetime.now()}
        if result:
            values["result"] = result
        work_orders._set_state(state, **values)
        # Decomposition upwards: work orders -> service orders -> order -> services,
        # on behalf of the technician who reported the result.
        work_orders_sudo = self.sudo()
        work_orders_sudo.line_id._update_state_from_work_orders()
        work_orders_sudo.order_id._update_state_from_work_orders()
        work_orders.sudo().order_id._scenario_on_work_orders_closed(work_orders.sudo())

    def _send_visit_confirmations(self):
        """Visits just planned: once none of the visits of their order's step waits
        for a time any more, the subscriber gets the appointment, from the
        company, whoever planned it (the order is theirs to write to)."""
        for order_sudo in self.sudo().order_id:
            visits = order_sudo._scenario_appointment_work_orders().filtered(lambda wo: wo.state != "cancelled")
            planned = visits.filtered(lambda wo: wo.state == "planned" and wo.planned_start)
            if planned & self and not visits.filtered(lambda wo: wo.state == "draft"):
                order_sudo._telecom_send_appointment_confirmation(planned, (planned & self).technician_id[:1])

    def _send_moved_visit_confirmations(self, planned_before):
        """A planned visit moved to another time (`planned_before`: {work order:
        its start before}): the subscriber gets the new time. The first booking is
        confirmed when the visits are planned (_send_visit_confirmations)."""
        moved = self.filtered(
            lambda wo: wo in planned_before and wo.planned_start and wo.planned_start != planned_before[wo]
        )
        for order in moved.order_id:
            visits = order.work_order_ids.filtered(lambda wo: wo.state == "planned" and wo.planned_start)
            technician = moved.filtered(lambda wo, order=order: wo.order_id == order).technician_id[:1]
            order._telecom_send_appointment_confirmation(visits, technician)
