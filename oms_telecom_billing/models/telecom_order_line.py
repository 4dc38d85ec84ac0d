from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import float_compare

PRICE_FIELDS = ("installation_fee", "monthly_price")


class TelecomOrderLine(models.Model):
    _inherit = "telecom.order.line"

    can_edit_prices = fields.Boolean(compute="_compute_can_edit_prices")

    def _compute_can_edit_prices(self):
        self.can_edit_prices = self._user_can_edit_prices()

    @api.model
    def _user_can_edit_prices(self):
        user = self.env.user
        return (
            self.env.su
            or user.has_group("account.group_account_invoice")
            or user.has_group("oms_telecom.group_oms_manager")
        )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if any(field in vals for vals in vals_list for field in PRICE_FIELDS):
            lines.filtered(lambda line: line._prices() != line._catalogue_prices())._check_price_rights()
        return lines

    def write(self, vals):
        if any(field in vals for field in PRICE_FIELDS):
            self.filtered(
                lambda line: any(
                    float_compare(line[field], vals[field] or 0.0, precision_rounding=line._price_rounding())
                    for field in PRICE_FIELDS
                    if field in vals
                )
            )._check_price_rights()
        return super().write(vals)

    def _price_rounding(self):
        return self.currency_id.rounding or 0.01

    def _prices(self):
        return (self.installation_fee, self.monthly_price)

    def _catalogue_prices(self):
        template = self.product_id.product_tmpl_id
        fee = template.telecom_installation_fee if self.action == "add" else 0.0
        return (fee, template.telecom_monthly_price)

    def _check_price_rights(self):
        """What the subscriber is invoiced is the catalogue price, unless someone
        from Invoicing or an OMS manager agrees another one."""
        if self and not self._user_can_edit_prices():
            raise AccessError(
                self.env._("Only Invoicing users and OMS managers can change the prices of a service order.")
            )

    @api.model
    def _telecom_bill_done_connections(self):
        """Bill the connections completed before Invoicing was set up (and the demo's)."""
        lines = self.search([("action", "=", "add"), ("state", "=", "done"), ("service_id.state", "=", "active")])
        lines.service_id._telecom_start_billing(order_lines=lines)

    def _apply_to_services(self, date):
        result = super()._apply_to_services(date)
        connections = self.filtered(lambda line: line.action == "add")
        connections.service_id._telecom_start_billing(order_lines=connections)
        for line in self.filtered(lambda line: line.action == "modify"):
            line.service_id._telecom_bill_change(line, date)
        for line in self.filtered(lambda line: line.action == "delete"):
            line.service_id._telecom_stop_billing(date, order_line=line)
        return result
