from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class TelecomWorkOrderPrintWizard(models.TransientModel):
    """Print in one PDF the work orders a division has planned on a day."""

    _name = "telecom.work.order.print.wizard"
    _description = "Print a Day's Work Orders"

    @api.model
    def _default_division_id(self):
        divisions = self.env.user.telecom_division_ids
        return divisions.filtered(lambda division: division.kind == "technical")[:1] or divisions[:1]

    date = fields.Date(required=True, default=fields.Date.context_today)
    division_id = fields.Many2one("telecom.division", required=True, default=_default_division_id)
    include_sub_divisions = fields.Boolean(string="With Sub-divisions", default=True)
    technician_id = fields.Many2one("res.users", help="Only this technician's work orders.")
    work_order_count = fields.Integer(compute="_compute_work_order_count", string="Work Orders to Print")

    @api.depends("date", "division_id", "include_sub_divisions", "technician_id")
    def _compute_work_order_count(self):
        WorkOrder = self.env["telecom.work.order"]
        for wizard in self:
            wizard.work_order_count = WorkOrder.search_count(wizard._work_order_domain()) if wizard.division_id else 0

    def _day_bounds(self):
        """The wizard's day in the user's time zone, as naive UTC datetimes."""
        self.ensure_one()
        tz = pytz.timezone(self.env.user.tz or "UTC")
        start = tz.localize(datetime.combine(self.date, time.min)).astimezone(pytz.utc).replace(tzinfo=None)
        return start, start + timedelta(days=1)

    def _work_order_domain(self):
        self.ensure_one()
        start, end = self._day_bounds()
        operator = "child_of" if self.include_sub_divisions else "="
        domain = [
            ("division_id", operator, self.division_id.id),
            ("planned_start", ">=", start),
            ("planned_start", "<", end),
            ("state", "in", ("draft", "planned", "in_progress")),
        ]
        if self.technician_id:
            domain.append(("technician_id", "=", self.technician_id.id))
        return domain

    def action_print(self):
        self.ensure_one()
        work_orders = self.env["telecom.work.order"].search(
            self._work_order_domain(), order="technician_id, planned_start, id"
        )
        if not work_orders:
            raise UserError(
                self.env._(
                    "%(division)s has no work order planned on %(date)s.",
                    division=self.division_id.display_name,
                    date=fields.Date.to_string(self.date),
                )
            )
        return self.env.ref("oms_telecom.action_report_telecom_work_order").report_action(work_orders)
