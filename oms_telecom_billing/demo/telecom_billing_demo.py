# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

# The invoicing job runs at night, in the company's zone.
INVOICING_HOUR = 4


class TelecomBillingDemo(models.AbstractModel):
    """The demo's billing history, made by the product's own code on the demo's
    simulated clock (see telecom.order's demo clock)."""

    _name = "telecom.billing.demo"
    _description = "Billing Demo History"

    @api.model
    def _demo_bill_history(self):
        """Billing as it happened on the demo's simulated clock: each completed
        connection starts being billed when its order completed, and the nightly
        invoicing job invoices what is due, as the scheduler would."""
        Order = self.env["telecom.order"]
        lines = self.env["telecom.order.line"].search(
            [("action", "=", "add"), ("state", "=", "done"), ("service_id.state", "=", "active")]
        )
        to_bill = list(lines.filtered(lambda line: line.order_id.date_closed).grouped("order_id").items())
        to_bill.sort(key=lambda item: item[0].date_closed)
        if not to_bill:
            return
        Order._demo_clock_start()
        Order._demo_clock_set(to_bill[0][0].date_closed)
        while True:
            night = self._demo_next_invoicing_night()
            if to_bill and (not night or to_bill[0][0].date_closed <= night):
                order, order_lines = to_bill.pop(0)
                Order._demo_clock_move(order.date_closed)
                order_lines.service_id._telecom_start_billing(order_lines=order_lines)
                continue
            if not night or night > Order._demo_real_now():
                break
            Order._demo_clock_move(night)
            self.env["contract.contract"].cron_recurring_create_invoice(self._demo_local_day(night))
        Order._demo_clock_stop()

    @api.model
    def _demo_next_invoicing_night(self):
        """The next run of the invoicing job that finds something due (naive UTC);
        on the nights nothing is due, the clock skips it."""
        due = (
            self.env["contract.contract"]
            .search(
                [("is_telecom_contract", "=", True), ("recurring_next_date", "!=", False)],
                order="recurring_next_date",
                limit=1,
            )
            .recurring_next_date
        )
        if not due:
            return False
        now = fields.Datetime.now()
        day = max(due, self._demo_local_day(now))
        night = self._demo_at_night(day)
        return night if night > now else self._demo_at_night(day + timedelta(days=1))

    @api.model
    def _demo_zone(self):
        return pytz.timezone(self.env.company.partner_id.tz or "UTC")

    @api.model
    def _demo_local_day(self, moment):
        return pytz.utc.localize(moment).astimezone(self._demo_zone()).date()

    @api.model
    def _demo_at_night(self, day):
        local = self._demo_zone().localize(datetime.combine(day, time(INVOICING_HOUR)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)
