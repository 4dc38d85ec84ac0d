# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

SERVICE_STATES = [
    ("pending", "Pending"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("terminated", "Terminated"),
]


class TelecomSubscriberService(models.Model):
    _name = "telecom.subscriber.service"
    _description = "Subscriber Service"
    _inherit = ["mail.thread", "mail.activity.mixin", "telecom.system.fields.mixin"]
    _order = "partner_id, premises_id, id"

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner", string="Subscriber", required=True, index=True, tracking=True, ondelete="restrict"
    )
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id", store=True, index=True)
    premises_id = fields.Many2one("telecom.premises", required=True, index=True, tracking=True, ondelete="restrict")
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        tracking=True,
        domain="[('is_telecom_service', '=', True)]",
        ondelete="restrict",
    )
    product_tmpl_id = fields.Many2one(related="product_id.product_tmpl_id", store=True)
    telecom_family = fields.Selection(related="product_tmpl_id.telecom_family", store=True)
    parameters = fields.Properties(definition="product_id.telecom_parameters_definition", copy=True, precompute=False)
    state = fields.Selection(SERVICE_STATES, default="pending", required=True, index=True, tracking=True, readonly=True)
    date_requested = fields.Date(string="Requested on", default=fields.Date.context_today)
    date_activated = fields.Date(string="Activated on", tracking=True, readonly=True)
    date_billing_start = fields.Date(string="Billing Starts", tracking=True)
    date_terminated = fields.Date(string="Terminated on", tracking=True, readonly=True)
    order_line_ids = fields.One2many("telecom.order.line", "service_id", string="Service Orders", readonly=True)
    order_ids = fields.Many2many("telecom.order", compute="_compute_order_ids", string="Orders")
    order_count = fields.Integer(compute="_compute_order_ids")
    monthly_price = fields.Monetary(related="product_tmpl_id.telecom_monthly_price")
    currency_id = fields.Many2one(related="product_tmpl_id.currency_id")
    division_id = fields.Many2one(
        "telecom.division", index=True, tracking=True, help="Division of the order that created the service."
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)

    @api.depends("product_id", "premises_id")
    def _compute_name(self):
        for service in self:
            service.name = " — ".join(filter(None, [service.product_id.name, service.premises_id.full_address]))

    @api.depends("order_line_ids.order_id")
    def _compute_order_ids(self):
        for service in self:
            service.order_ids = service.order_line_ids.order_id
            service.order_count = len(service.order_ids)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_action")
        action["domain"] = [("id", "in", self.order_ids.ids)]
        action["context"] = {"default_partner_id": self.partner_id.id, "default_premises_id": self.premises_id.id}
        return action

    def action_suspend(self):
        for service in self:
            if service.state != "active":
                raise UserError(self.env._("Only active services can be suspended (%s).", service.display_name))
        self._system_write({"state": "suspended"})

    def action_resume(self):
        for service in self:
            if service.state != "suspended":
                raise UserError(self.env._("Only suspended services can be resumed (%s).", service.display_name))
        self._system_write({"state": "active"})

    # Installed-base changes, called when a service order (order line) completes.

    def _activate(self, date):
        self.filtered(lambda service: service.state == "pending")._system_write(
            {"state": "active", "date_activated": date, "date_billing_start": date}
        )

    def _apply_change(self, product, parameters):
        self.ensure_one()
        vals = {}
        if product and product != self.product_id:
            vals["product_id"] = product.id
        self.write(vals)
        if parameters:
            # Parameters left off the change keep their current values.
            self.parameters = {**dict(self.parameters or {}), **parameters}

    def _terminate(self, date):
        self.filtered(lambda service: service.state != "terminated")._system_write(
            {"state": "terminated", "date_terminated": date}
        )
