# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL, float_compare, format_date, formatLang

BILLING_ROLES = [
    ("recurring", "Monthly Service"),
    ("installation", "Installation Fee"),
    ("credit", "Credit of an Unused Period"),
]


def format_month_share(env, share):
    """A share of a month as a percentage in the reader's language (50, 33.33, 33,33):
    as many decimals as it has, two at most."""
    percent = round(float(share) * 100, 2)
    digits = 0 if percent.is_integer() else 1 if round(percent, 1) == percent else 2
    return formatLang(env, percent, digits=digits)


def days_in_month(day):
    return calendar.monthrange(day.year, day.month)[1]


def month_fraction(first, last):
    """Share of a monthly price due for the days first..last: each calendar
    month counts the days of service over its own length."""
    fraction = 0.0
    while first <= last:
        month_end = first.replace(day=days_in_month(first))
        segment_end = min(month_end, last)
        fraction += ((segment_end - first).days + 1) / days_in_month(first)
        first = segment_end + timedelta(days=1)
    return fraction


class ContractLine(models.Model):
    _inherit = "contract.line"

    telecom_service_id = fields.Many2one("telecom.subscriber.service", index="btree_not_null", readonly=True)
    telecom_order_line_id = fields.Many2one(
        "telecom.order.line",
        string="Service Order",
        index="btree_not_null",
        readonly=True,
        help="The service order (connection, change, disconnection) this line was billed for.",
    )
    telecom_order_id = fields.Many2one(related="telecom_order_line_id.order_id", string="Telecom Order")
    telecom_billing_role = fields.Selection(BILLING_ROLES, string="Billed For", readonly=True)

    def init(self):
        # A service order bills each of its roles once: replays and concurrent
        # completions cannot add a second line or a second installation fee.
        self.env.cr.execute(
            SQL(
                """CREATE UNIQUE INDEX IF NOT EXISTS contract_line_telecom_order_line_role_uniq
                   ON contract_line (telecom_order_line_id, telecom_billing_role)
                   WHERE telecom_order_line_id IS NOT NULL"""
            )
        )

    def compute_prorated(self, period_first_date, period_last_date, invoice_date):
        # The OCA formula measures a stopped line billed in arrears against the
        # month before its end date; telecom lines count calendar months.
        if self.telecom_service_id and self.recurring_rule_type == "monthlylastday":
            return month_fraction(period_first_date, period_last_date)
        return super().compute_prorated(period_first_date, period_last_date, invoice_date)

    def _prepare_invoice_line(self):
        vals = super()._prepare_invoice_line()
        if not vals or self.telecom_billing_role != "recurring":
            return vals
        line = self.with_context(lang=self.contract_id.partner_id.lang)
        first, last, _invoice_date = self._get_period_to_invoice(self.last_date_invoiced, self.recurring_next_date)
        name = line.env._(
            "%(name)s\nPeriod: %(first)s – %(last)s",
            name=vals["name"],
            first=format_date(line.env, first),
            last=format_date(line.env, last),
        )
        share = vals.get("quantity")
        if share and float_compare(share, self.quantity, precision_digits=6):
            # Bill a partial month as one unit at its share of the price: rounded
            # once, to the cent, instead of a quantity cut to the unit's 2 decimals.
            name = line.env._(
                "%(name)s (%(share)s%% of the month)", name=name, share=format_month_share(line.env, share)
            )
            vals.update(quantity=1.0, price_unit=self.contract_id.currency_id.round(self.price_unit * share))
        vals["name"] = name
        return vals

    def _telecom_stop(self, date_end, order_line=None):
        """End recurring lines at date_end (the last day billed). What was already
        invoiced beyond it is given back by a one-off credit line."""
        for line in self.filtered(lambda line: not line.is_canceled):
            if line.date_end and line.date_end <= date_end:
                continue  # already ended there or before: a replay
            invoiced_until = line.last_date_invoiced
            if invoiced_until and invoiced_until > date_end:
                credit_from = max(date_end + timedelta(days=1), line.date_start)
                line._telecom_add_credit(credit_from, invoiced_until, order_line)
            if date_end < line.date_start:
                line.is_canceled = True  # never started: nothing to bill
            else:
                line.write(
                    {"date_end": date_end, "last_date_invoiced": min(invoiced_until, date_end)}
                    if invoiced_until
                    else {"date_end": date_end}
                )

    def _telecom_add_credit(self, first, last, order_line):
        self.ensure_one()
        service = self.telecom_service_id
        amount = self.contract_id.currency_id.round(self.price_unit * month_fraction(first, last))
        self.create(
            {
                "contract_id": self.contract_id.id,
                "product_id": self.product_id.id,
                "name": service._in_subscriber_lang().env._(
                    "Credit: %(service)s not used from %(first)s to %(last)s",
                    service=service.display_name,
                    first=fields.Date.to_string(first),
                    last=fields.Date.to_string(last),
                ),
                "quantity": -1.0,
                "automatic_price": False,
                "specific_price": amount,
                "price_unit": amount,
                "uom_id": self.uom_id.id,
                "telecom_service_id": service.id,
                "telecom_order_line_id": order_line.id if order_line else False,
                "telecom_billing_role": "credit",
                **self._telecom_one_off_recurrence(first),
            }
        )

    def _telecom_one_off_recurrence(self, date):
        """A line invoiced once, on the first invoice dated `date` or later."""
        return {
            "recurring_rule_type": "monthlylastday",
            "recurring_interval": 1,
            "recurring_invoicing_type": "pre-paid",
            "date_start": date,
            "date_end": date,
        }
