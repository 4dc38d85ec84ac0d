# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

BILLING_STATES = [
    ("not_billed", "Not Billed"),
    ("billed", "Billed"),
    ("stopped", "Billing Stopped"),
]


class TelecomSubscriberService(models.Model):
    _inherit = "telecom.subscriber.service"

    contract_id = fields.Many2one(
        "contract.contract", readonly=True, copy=False, index="btree_not_null", groups="account.group_account_invoice"
    )
    contract_line_ids = fields.One2many(
        "contract.line",
        "telecom_service_id",
        string="Billing Lines",
        groups="account.group_account_invoice",
        readonly=True,
    )
    # What operators see of billing without access to Invoicing.
    billing_state = fields.Selection(BILLING_STATES, compute="_compute_billing", compute_sudo=True)
    billed_monthly_price = fields.Monetary(compute="_compute_billing", compute_sudo=True)
    date_next_invoice = fields.Date(string="Next Invoice", compute="_compute_billing", compute_sudo=True)
    date_billed_until = fields.Date(string="Invoiced Until", compute="_compute_billing", compute_sudo=True)
    date_commitment_end = fields.Date(
        string="Committed Until",
        compute="_compute_date_commitment_end",
        store=True,
        help="End of the product's minimum term, counted from the billing start date.",
    )

    @api.depends("date_billing_start", "product_tmpl_id.telecom_minimum_term")
    def _compute_date_commitment_end(self):
        for service in self:
            term = service.product_tmpl_id.telecom_minimum_term
            start = service.date_billing_start
            service.date_commitment_end = start and term and start + relativedelta(months=term, days=-1)

    @api.depends("contract_line_ids.date_end", "contract_line_ids.recurring_next_date", "contract_line_ids.is_canceled")
    def _compute_billing(self):
        for service in self:
            recurring = service._telecom_recurring_lines()
            current = recurring.filtered(lambda line: not line.date_end)[-1:] or recurring[-1:]
            service.billing_state = "not_billed" if not recurring else "billed" if not current.date_end else "stopped"
            service.billed_monthly_price = current.price_unit
            service.date_next_invoice = current.recurring_next_date
            invoiced = [date for date in recurring.mapped("last_date_invoiced") if date]
            service.date_billed_until = max(invoiced) if invoiced else False

    def write(self, vals):
        if "date_billing_start" in vals:
            self._telecom_check_billing_start_change(fields.Date.to_date(vals["date_billing_start"]))
        result = super().write(vals)
        if "date_billing_start" in vals:
            self._telecom_move_billing_start()
        return result

    def action_suspend(self):
        result = super().action_suspend()
        # The day of suspension is not billed.
        self._telecom_stop_billing(fields.Date.context_today(self) - timedelta(days=1))
        return result

    def action_resume(self):
        result = super().action_resume()
        self._telecom_start_billing(date_from=fields.Date.context_today(self))
        return result

    def action_start_billing(self):
        """Bill active services that have no billing line yet (services activated
        before Invoicing was set up, or by hand)."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(self.env._("Only Invoicing users can start the billing of a service."))
        self._telecom_start_billing()
        return True

    def action_view_contract(self):
        self.ensure_one()
        return self.contract_id.get_formview_action()

    # Billing lines, kept by the order lines that change the installed base.

    def _telecom_recurring_lines(self):
        self.ensure_one()
        return (
            self.sudo()
            .contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring" and not line.is_canceled)
            .sorted("date_start")
        )

    def _telecom_open_line(self):
        return self._telecom_recurring_lines().filtered(lambda line: not line.date_end)

    def _telecom_start_billing(self, order_lines=None, date_from=None):
        """One recurring line per service from its billing start date (or
        `date_from`), and the installation fee of its connection in `order_lines`
        once. Idempotent; one batch of lines for all the services."""
        services = self.filtered(lambda service: service.state == "active" and service.date_billing_start).sudo()
        connection_of = {line.service_id.id: line for line in order_lines or []}
        services._telecom_assign_contracts()
        starting = services.contract_id.filtered(lambda contract: not contract.contract_line_ids)
        values = []
        for service in services:
            order_line = connection_of.get(service.id)
            if not service._telecom_open_line():
                values.append(
                    service._telecom_recurring_line_values(order_line, date_from or service.date_billing_start)
                )
            fee = order_line.installation_fee if order_line else 0.0
            billed_roles = service.contract_line_ids.mapped("telecom_billing_role")
            if fee and "installation" not in billed_roles:
                values.append(service._telecom_installation_line_values(order_line, fee))
        self.env["contract.line"].sudo().create(values)
        starting._telecom_record_start()

    def _telecom_bill_change(self, order_line, date):
        """The change is billed from its effective date: the current line ends the
        day before, a new one starts with the new product, price and parameters."""
        for service in self.filtered(lambda service: service.state == "active"):
            if service.sudo().contract_line_ids.filtered(lambda line: line.telecom_order_line_id == order_line):
                continue  # this change is already billed
            service._telecom_open_line()._telecom_stop(date - timedelta(days=1), order_line)
            service_sudo = service.sudo()
            service_sudo._telecom_assign_contracts()
            self.env["contract.line"].sudo().create(service_sudo._telecom_recurring_line_values(order_line, date))

    def _telecom_stop_billing(self, date, order_line=None):
        for service in self:
            service._telecom_open_line()._telecom_stop(date, order_line)
            if order_line and service.date_commitment_end and date < service.date_commitment_end:
                order_line.order_id.message_post(
                    body=self.env._(
                        "%(service)s is disconnected within its minimum term (committed until %(date)s).",
                        service=service.display_name,
                        date=fields.Date.to_string(service.date_commitment_end),
                    )
                )

    def _telecom_agreed_price(self, order_line=None):
        """Monthly price of the latest completed connection or change, as agreed on
        its order; the catalogue price for a service without one."""
        self.ensure_one()
        if order_line:
            return order_line.monthly_price
        done = self.order_line_ids.filtered(lambda line: line.state == "done" and line.action in ("add", "modify"))
        latest = done.sorted(lambda line: (line.date_done, line.id))[-1:]
        return latest.monthly_price if latest else self.product_tmpl_id.telecom_monthly_price

    def _telecom_assign_contracts(self):
        """Each service on its subscriber's telecom contract, created on first use."""
        for (partner, company), services in (
            self.filtered(lambda service: not service.contract_id)
            .grouped(lambda service: (service.partner_id.commercial_partner_id, service.company_id))
            .items()
        ):
            # The contacts who ordered do not follow the contract: the portal shows it
            # to the subscriber's contacts, and to no one who left the subscriber.
            services.contract_id = self.env["contract.contract"]._telecom_contract_for(partner, company)

    def _telecom_recurring_line_values(self, order_line, date_start):
        self.ensure_one()
        price = self._telecom_agreed_price(order_line)
        return {
            "contract_id": self.contract_id.id,
            "product_id": self.product_id.id,
            "name": self._in_subscriber_lang()._telecom_billing_description(order_line),
            "quantity": 1.0,
            "qty_type": "variable",
            "qty_formula_id": self.env.ref("contract_variable_qty_prorated.contract_variable_qty_prorated").id,
            "automatic_price": False,
            "specific_price": price,
            "price_unit": price,
            "uom_id": self.product_id.uom_id.id,
            "recurring_rule_type": "monthlylastday",
            "recurring_interval": 1,
            "recurring_invoicing_type": self.product_tmpl_id.telecom_invoicing_type or "pre-paid",
            "date_start": date_start,
            "telecom_service_id": self.id,
            "telecom_order_line_id": order_line.id if order_line else False,
            "telecom_billing_role": "recurring",
        }

    def _telecom_installation_line_values(self, order_line, fee):
        self.ensure_one()
        product = self.product_tmpl_id.telecom_installation_product_id or self.env.ref(
            "oms_telecom_billing.product_installation_fee"
        )
        in_subscriber_lang = self._in_subscriber_lang()
        return {
            "contract_id": self.contract_id.id,
            "product_id": product.id,
            "name": in_subscriber_lang.env._("Installation: %s", in_subscriber_lang._telecom_billing_name()),
            "quantity": 1.0,
            "automatic_price": False,
            "specific_price": fee,
            "price_unit": fee,
            "uom_id": product.uom_id.id,
            "telecom_service_id": self.id,
            "telecom_order_line_id": order_line.id,
            "telecom_billing_role": "installation",
            **self.env["contract.line"]._telecom_one_off_recurrence(self.date_billing_start),
        }

    def _in_subscriber_lang(self):
        """Invoice texts are written once, in the subscriber's language."""
        return self.with_context(lang=self.partner_id.lang)

    def _telecom_billing_name(self):
        """The service as its invoice names it: the product's name in the
        reader's language (the service's own name keeps the one it was made
        with), at the premises."""
        self.ensure_one()
        return " — ".join(filter(None, [self.product_id.name, self.premises_id.full_address]))

    def _telecom_billing_description(self, order_line=None):
        """Service, premises, parameters, minimum term and the price agreed on the
        order, if any; each invoice adds its period."""
        self.ensure_one()
        lines = [self._telecom_billing_name()]
        parameters = self._telecom_parameter_labels()
        if parameters:
            lines.append(parameters)
        if self.date_commitment_end:
            lines.append(self.env._("Minimum term until %s", fields.Date.to_string(self.date_commitment_end)))
        if order_line and order_line.price_reason and order_line._has_agreed_prices():
            lines.append(self.env._("Agreed price: %s", order_line.price_reason))
        return "\n".join(lines)

    def _telecom_parameter_labels(self):
        self.ensure_one()
        values = dict(self.parameters or {})
        labels = []
        definitions = self.env["telecom.parameter.label"]._telecom_localize_definitions(
            self.product_tmpl_id.telecom_parameters_definition
        )
        for definition in definitions:
            value = values.get(definition["name"])
            if value in (None, False, ""):
                continue
            if definition.get("type") == "selection":
                value = dict(definition.get("selection") or []).get(value, value)
            elif definition.get("type") == "boolean":
                value = self.env._("Yes")
            labels.append(
                self.env._(
                    "%(parameter)s: %(value)s", parameter=definition.get("string") or definition["name"], value=value
                )
            )
        return ", ".join(labels)

    def _telecom_check_billing_start_change(self, new_date):
        for service in self:
            if service.date_billing_start == new_date:
                continue
            if any(line.last_date_invoiced for line in service.sudo().contract_line_ids):
                raise UserError(
                    self.env._(
                        "The billing of %s has started: its start date cannot change any more.",
                        service.display_name,
                    )
                )

    def _telecom_move_billing_start(self):
        """Move the not-yet-invoiced first lines to the new billing start date."""
        for service in self.filtered("date_billing_start"):
            lines = service.sudo().contract_line_ids.filtered(
                lambda line: line.telecom_billing_role in ("recurring", "installation") and not line.is_canceled
            )
            first = lines.filtered(lambda line: line.telecom_billing_role == "recurring")[:1]
            if first:
                first.date_start = service.date_billing_start
            lines.filtered(lambda line: line.telecom_billing_role == "installation").write(
                {"date_start": service.date_billing_start, "date_end": service.date_billing_start}
            )
        self.sudo().contract_id._telecom_record_start()
