# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import UserError


class TelecomWorkOrderPrintWizard(models.TransientModel):
    """Print in one PDF the work orders a division, or a technician, has planned on a day."""

    _name = "telecom.work.order.print.wizard"
    _description = "Print a Day's Work Orders"

    @api.model
    def _default_division_id(self):
        if self._default_technician_id():
            # Their own day, wherever their work orders are.
            return self.env["telecom.division"]
        divisions = self.env.user.telecom_division_ids
        return divisions.filtered(lambda division: division.kind == "technical")[:1] or divisions[:1]

    @api.model
    def _default_technician_id(self):
        """A technician prints their own day; operators and managers a division's."""
        user = self.env.user
        if user.has_group("oms_telecom.group_oms_technician") and not user.has_group("oms_telecom.group_oms_operator"):
            return user
        return self.env["res.users"]

    date = fields.Date(required=True, default=fields.Date.context_today)
    division_id = fields.Many2one(
        "telecom.division", default=_default_division_id, help="Empty: the technician's work orders in every division."
    )
    include_sub_divisions = fields.Boolean(string="With Sub-divisions", default=True)
    technician_id = fields.Many2one(
        "res.users", default=_default_technician_id, help="Only this technician's work orders."
    )
    work_order_count = fields.Integer(compute="_compute_work_order_count", string="Work Orders to Print")

    @api.depends("date", "division_id", "include_sub_divisions", "technician_id")
    def _compute_work_order_count(self):
        WorkOrder = self.env["telecom.work.order"]
        for wizard in self:
            wizard.work_order_count = (
                WorkOrder.search_count(wizard._work_order_domain()) if wizard.division_id or wizard.technician_id else 0
            )

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
            ("planned_start", ">=", start),
            ("planned_start", "<", end),
            ("state", "in", ("draft", "planned", "in_progress")),
        ]
        if self.division_id:
            domain.append(("division_id", operator, self.division_id.id))
        if self.technician_id:
            domain.append(("technician_id", "=", self.technician_id.id))
        return domain

    def action_print(self):
        self.ensure_one()
        if not self.division_id and not self.technician_id:
            raise UserError(self.env._("Choose a division or a technician."))
        work_orders = self.env["telecom.work.order"].search(
            self._work_order_domain(), order="technician_id, planned_start, id"
        )
        if not work_orders:
            raise UserError(
                self.env._(
                    "%(division)s has no work order planned on %(date)s.",
                    division=self.division_id.display_name or self.technician_id.name,
                    date=fields.Date.to_string(self.date),
                )
            )
        return self.env.ref("oms_telecom.action_report_telecom_work_order").report_action(work_orders)
