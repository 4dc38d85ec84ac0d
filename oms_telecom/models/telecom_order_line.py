# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .telecom_private_context import may_write_system_fields, system_write_context

LINE_ACTIONS = [("add", "Add"), ("modify", "Modify"), ("delete", "Delete")]
LINE_STATES = [
    ("pending", "Pending"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("failed", "Failed"),
    ("cancelled", "Cancelled"),
]
# The one action each order type's lines may carry.
ACTION_BY_ORDER_TYPE = {"connection": "add", "change": "modify", "disconnection": "delete"}


class TelecomOrderLine(models.Model):
    _name = "telecom.order.line"
    _description = "Service Order"
    _order = "order_id, sequence, id"
    _inherit = ["telecom.system.fields.mixin"]

    order_id = fields.Many2one("telecom.order", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    order_type = fields.Selection(related="order_id.order_type")
    # The order's subscriber and premises, to offer only their services.
    commercial_partner_id = fields.Many2one(related="order_id.commercial_partner_id")
    premises_id = fields.Many2one(related="order_id.premises_id")
    action = fields.Selection(
        LINE_ACTIONS, required=True, compute="_compute_action", store=True, readonly=False, precompute=True
    )
    service_id = fields.Many2one(
        "telecom.subscriber.service",
        string="Subscriber Service",
        index=True,
        ondelete="restrict",
        help="The service this line changes or disconnects; for a connection, the service it created.",
    )
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        domain="[('is_telecom_service', '=', True)]",
        compute="_compute_product_id",
        precompute=True,
        store=True,
        readonly=False,
        ondelete="restrict",
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id", store=True, precompute=True)
    parameters = fields.Properties(
        string="Requested Parameters",
        definition="product_id.telecom_parameters_definition",
        copy=True,
        precompute=False,
    )
    state = fields.Selection(LINE_STATES, default="pending", required=True, index=True, copy=False)
    work_order_ids = fields.One2many("telecom.work.order", "line_id", string="Work Orders", readonly=True)
    date_done = fields.Date(readonly=True, copy=False)
    currency_id = fields.Many2one(related="order_id.currency_id", store=True, precompute=True)
    installation_fee = fields.Monetary(compute="_compute_prices", store=True, readonly=False, precompute=True)
    monthly_price = fields.Monetary(compute="_compute_prices", store=True, readonly=False, precompute=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True, precompute=True)

    @api.depends("order_id.order_type")
    def _compute_action(self):
        for line in self:
            line.action = ACTION_BY_ORDER_TYPE.get(line.order_id.order_type) or line.action or "add"

    @api.depends("service_id")
    def _compute_product_id(self):
        for line in self.filtered(lambda line: line.service_id and not line.product_id):
            line.product_id = line.service_id.product_id

    @api.depends("action", "product_id", "service_id")
    def _compute_display_name(self):
        """ "Add Fiber 500", not the bare model and id a work order would show."""
        actions = dict(self._fields["action"]._description_selection(self.env))
        for line in self:
            what = line.product_id.display_name or line.service_id.display_name or ""
            line.display_name = " ".join(filter(None, [actions.get(line.action), what])) or line.order_id.name

    @api.depends("product_id", "action")
    def _compute_prices(self):
        for line in self:
            if line.action == "add" and line.service_id and line.service_id.product_id == line.product_id:
                # The service was created from this line: its agreed prices stay.
                continue
            template = line.product_id.product_tmpl_id
            line.installation_fee = template.telecom_installation_fee if line.action == "add" else 0.0
            line.monthly_price = template.telecom_monthly_price

    @api.constrains("action", "product_id", "service_id", "order_id")
    def _check_fits_order(self):
        for line in self:
            order = line.order_id
            if order.order_type == "problem":
                raise ValidationError(
                    self.env._("Technical-problem orders have no service lines; choose the affected service instead.")
                )
            expected = ACTION_BY_ORDER_TYPE[order.order_type]
            if line.action != expected:
                raise ValidationError(
                    self.env._(
                        "A %(type)s order only takes '%(action)s' lines.",
                        type=dict(order._fields["order_type"]._description_selection(self.env))[order.order_type],
                        action=dict(self._fields["action"]._description_selection(self.env))[expected],
                    )
                )
            if line.action == "add":
                line._check_add()
            else:
                line._check_existing_service()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        if any(vals.get("state", "pending") != "pending" for vals in vals_list):
            self._check_state_writable()
        # The product must be known when the requested parameters are read.
        todo = [vals for vals in vals_list if vals.get("service_id") and not vals.get("product_id")]
        services = self.env["telecom.subscriber.service"].browse([vals["service_id"] for vals in todo])
        for vals, service in zip(todo, services, strict=True):
            vals["product_id"] = service.product_id.id
        # The requested parameters' defaults are read product by product by the
        # Properties field: read every definition of the batch at once beforehand.
        product_ids = [vals["product_id"] for vals in vals_list if isinstance(vals.get("product_id"), int)]
        self.env["product.product"].browse(product_ids).mapped("telecom_parameters_definition")
        return super().create(vals_list)

    def write(self, vals):
        if "state" in vals:
            self._check_state_writable()
        self._check_system_fields([vals])
        result = super().write(vals)
        if "order_id" in vals and not self.env.su:
            # Record rules are checked on the lines before the write: the order
            # they are moved to must be the user's too.
            self.check_access("write")
        return result

    def _check_state_writable(self):
        if not may_write_system_fields(self.env):
            raise UserError(
                self.env._(
                    "A service order's state follows its order and work orders: use the order's buttons "
                    "('Start', 'Complete', 'Reject'...) or report the work orders."
                )
            )

    def _set_state(self, state, **values):
        """The actions' door for a state change (with `values` written along)."""
        self.with_context(**system_write_context()).write({"state": state, **values})

    def _check_add(self):
        if not self.product_id or not self.product_id.is_telecom_service:
            raise ValidationError(self.env._("A connection line needs a telecom service from the catalogue."))
        # Only the pending service this line creates when it completes.
        if self.service_id and (self.service_id.state != "pending" or self.service_id.order_line_ids != self):
            raise ValidationError(self.env._("A connection line cannot point to an existing service."))

    def _check_existing_service(self):
        order, service = self.order_id, self.service_id
        if not service:
            raise ValidationError(self.env._("Choose the subscriber's service this line changes or disconnects."))
        if order.commercial_partner_id != service.commercial_partner_id:
            raise ValidationError(
                self.env._(
                    "Service %(service)s is not a service of %(subscriber)s.",
                    service=service.display_name,
                    subscriber=order.partner_id.display_name or "-",
                )
            )
        if order.premises_id and service.premises_id != order.premises_id:
            raise ValidationError(
                self.env._(
                    "Service %(service)s is not installed at %(premises)s.",
                    service=service.display_name,
                    premises=order.premises_id.display_name,
                )
            )
        if self.state not in ("done", "cancelled") and service.state not in ("active", "suspended"):
            raise ValidationError(self.env._("Service %s is not active.", service.display_name))
        if (
            self.action == "modify"
            and self.product_id
            and self.product_id.product_tmpl_id.telecom_family != (service.telecom_family)
        ):
            raise ValidationError(
                self.env._("A change of parameters keeps the service family of %s.", service.display_name)
            )

    def _complete(self):
        """Complete the lines and change the installed base, all in the current
        transaction. Idempotent: lines already done are left alone."""
        lines = self.filtered(lambda line: line.state not in ("done", "cancelled"))
        if not lines:
            return
        zones = {premises: pytz.timezone(premises._telecom_tz()) for premises in lines.order_id.premises_id}
        days = lines.grouped(lambda line: line._completing_work_date(zones.get(line.order_id.premises_id, pytz.utc)))
        for date_done, lines_of_day in days.items():
            lines_of_day._apply_to_services(date_done)
            lines_of_day._set_state("done", date_done=date_done)
        lines.order_id._update_state_from_lines()

    def _completing_work_date(self, tz):
        """The day, in the premises' zone `tz`, the work completing the line was
        done: its last work order done, else the last one of its order's own steps,
        else now (the step or action completing it). Not the day someone closes the
        order later."""
        self.ensure_one()
        # Through the order: one read of the work orders for all its lines.
        done = self.order_id.work_order_ids.filtered(lambda wo: wo.state == "done" and wo.date_done)
        done = done.filtered(lambda wo: wo.line_id == self) or done.filtered(lambda wo: not wo.line_id)
        moment = max(done.mapped("date_done"), default=fields.Datetime.now())
        return pytz.utc.localize(moment).astimezone(tz).date()

    def _fail(self):
        lines = self.filtered(lambda line: line.state not in ("done", "failed", "cancelled"))
        lines._set_state("failed")
        lines.order_id._update_state_from_lines()

    def _apply_to_services(self, date):
        to_create = self.filtered(lambda line: line.action == "add" and not line.service_id)
        if to_create:
            to_create.order_id.partner_id._make_telecom_subscriber()
            services = self.env["telecom.subscriber.service"].create(
                [line._prepare_service_values() for line in to_create]
            )
            for line, service in zip(to_create, services, strict=True):
                line.service_id = service
        self.filtered(lambda line: line.action == "add").service_id._activate(date)
        for line in self.filtered(lambda line: line.action == "modify"):
            line.service_id._apply_change(line.product_id, line._parameter_values())
        self.filtered(lambda line: line.action == "delete").service_id._terminate(date)

    def _prepare_service_values(self):
        self.ensure_one()
        return {
            "partner_id": self.order_id.partner_id.id,
            "premises_id": self.order_id.premises_id.id,
            "division_id": self.order_id.division_id.id,
            "product_id": self.product_id.id,
            "parameters": self._parameter_values(),
            "date_requested": self.order_id.requested_date or fields.Date.context_today(self),
            "company_id": self.order_id.company_id.id,
        }

    def _services_start_date(self):
        """The day the services of these connections started: their earliest
        activation, False before the work is done."""
        services = self.filtered(lambda line: line.action == "add").service_id.filtered("date_activated")
        return min(services.mapped("date_activated"), default=False)

    def _parameter_values(self):
        """Requested parameters as {name: value}, the form a Properties field reads and accepts."""
        self.ensure_one()
        return dict(self.parameters or {})

    def _update_state_from_work_orders(self):
        """A line completes when its work orders are done, fails when one failed."""
        for line in self.filtered(lambda line: line.state in ("pending", "in_progress")):
            # Work orders of a scenario step move the scenario on: its steps complete the lines.
            work_orders = line.work_order_ids.filtered(lambda wo: wo.state != "cancelled" and not wo.order_step_id)
            if not work_orders or any(wo.state not in ("done", "failed") for wo in work_orders):
                continue
            if all(wo.state == "done" for wo in work_orders):
                line._complete()
            else:
                line._fail()
