# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import float_compare, format_amount

PRICE_FIELDS = ("installation_fee", "monthly_price")


class TelecomOrderLine(models.Model):
    _inherit = "telecom.order.line"

    can_edit_prices = fields.Boolean(compute="_compute_can_edit_prices")
    price_reason = fields.Char(
        string="Price Agreement",
        copy=False,
        help="Why the subscriber pays other prices than the catalogue's (the discount agreed). "
        "Shown on the order and on the contract.",
    )

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
            lines._check_agreed_prices()._log_agreed_prices()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"product_id", "action", "price_reason", *PRICE_FIELDS} & set(vals):
            # Against the catalogue prices of the product the lines hold now.
            agreed = self._check_agreed_prices()
            if {"price_reason", *PRICE_FIELDS} & set(vals):
                agreed._log_agreed_prices()
        return result

    def _prices(self):
        return (self.installation_fee, self.monthly_price)

    def _catalogue_prices(self):
        template = self.product_id.product_tmpl_id
        fee = template.telecom_installation_fee if self.action == "add" else 0.0
        return (fee, template.telecom_monthly_price)

    def _has_agreed_prices(self):
        self.ensure_one()
        rounding = self.currency_id.rounding or 0.01
        return any(
            float_compare(price, catalogue, precision_rounding=rounding)
            for price, catalogue in zip(self._prices(), self._catalogue_prices(), strict=True)
        )

    def _check_agreed_prices(self):
        """What the subscriber is invoiced is the catalogue price, unless someone
        from Invoicing or an OMS manager agrees another one, and says why."""
        agreed = self.filtered(lambda line: line._has_agreed_prices())
        if not agreed:
            return self.browse()
        if not self._user_can_edit_prices():
            raise AccessError(
                self.env._("Only Invoicing users and OMS managers can change the prices of a service order.")
            )
        if unexplained := agreed.filtered(lambda line: not line.price_reason):
            raise ValidationError(
                self.env._(
                    "Prices other than the catalogue's need a reason: fill in the Price Agreement of %s.",
                    ", ".join(unexplained.mapped("display_name")),
                )
            )
        return agreed

    def _log_agreed_prices(self):
        """The agreement is visible on the order: who agreed which prices, and why."""
        for line in self:
            fee, monthly = (format_amount(self.env, price, line.currency_id) for price in line._prices())
            catalogue_fee, catalogue_monthly = (
                format_amount(self.env, price, line.currency_id) for price in line._catalogue_prices()
            )
            line.order_id.message_post(
                body=self.env._(
                    "Prices agreed for %(service)s: %(fee)s installation and %(monthly)s a month "
                    "(catalogue: %(catalogue_fee)s and %(catalogue_monthly)s). Reason: %(reason)s",
                    service=line.display_name,
                    fee=fee,
                    monthly=monthly,
                    catalogue_fee=catalogue_fee,
                    catalogue_monthly=catalogue_monthly,
                    reason=line.price_reason,
                ),
                subtype_xmlid="mail.mt_note",
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
