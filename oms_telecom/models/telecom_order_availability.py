"""Technician availability for an order: free slots, booking, holding when nobody is free."""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .telecom_order_step import OPEN_ORDER_STEP_STATES


class TelecomOrderAvailabilityMixin(models.AbstractModel):
    _name = "telecom.order.availability.mixin"
    _description = "Telecom order: technician availability"

    # Technician availability

    def _scenario_technical_division(self):
        """The technical division whose technicians take the order's appointments:
        never the order's sales division, empty when none operates the premises."""
        self.ensure_one()
        log = self.current_order_step_id
        if log.division_id.kind == "technical":
            return log.division_id
        work_orders = self._scenario_work_orders_to_book()
        technical = work_orders.division_id.filtered(lambda division: division.kind == "technical")
        if technical:
            return technical[:1]
        if self.premises_id:
            division = self.env["telecom.router"]._resolve_divisions(self.premises_id, "technical")
            return division.get(self.premises_id.id, (self.env["telecom.division"], False))[0]
        return self.env["telecom.division"]

    def _scenario_work_orders_to_book(self):
        """The work orders waiting for an appointment, those they depend on first."""
        self.ensure_one()
        log = self.current_order_step_id
        candidates = log.work_order_ids if log.state in OPEN_ORDER_STEP_STATES else self.work_order_ids
        todo = candidates.filtered(lambda wo: wo.state == "draft" and not wo.planned_start)
        ordered = self.env["telecom.work.order"]
        while todo:
            ready = todo.filtered(lambda wo, todo=todo: not (wo.depends_on_ids & todo)) or todo[:1]
            ordered |= ready
            todo -= ready
        return ordered

    def _scenario_working_days_end(self, division, start, days):
        """The end of the `days`-th working day of the division from `start` (naive UTC)."""
        calendar = self._scenario_calendar(division)
        if not calendar:
            return start + timedelta(days=days)
        aware = pytz.utc.localize(start)
        intervals = calendar._work_intervals_batch(aware, aware + timedelta(days=days * 3 + 14))[False]
        ends = {}
        for _interval_start, stop, _meta in intervals:
            ends[stop.date()] = max(ends.get(stop.date(), stop), stop)
        chosen = sorted(ends)[: max(days, 1)]
        if not chosen:
            return start + timedelta(days=days)
        return ends[chosen[-1]].astimezone(pytz.utc).replace(tzinfo=None)

    def _get_technician_slots(self, date_from=None, days=None, date_to=None):
        """Free appointment slots for the order's work orders waiting for one, from
        `date_from` (default: now, or the requested date) for `days` working days of
        the technical division (or until `date_to`). A list of dicts with start, end
        (naive UTC), technician_id and technician_name, earliest first. For the
        operator's booking wizard and the subscriber's portal."""
        self.ensure_one()
        division = self._scenario_technical_division()
        now = fields.Datetime.now()
        if date_from:
            start = max(now, fields.Datetime.to_datetime(date_from))
        elif self.requested_date:
            start = max(now, datetime.combine(self.requested_date, time.min))
        else:
            start = now
        if not date_to:
            date_to = self._scenario_working_days_end(division, start, days or division.booking_horizon_days)
        work_orders = self._scenario_work_orders_to_book()
        duration = sum(work_orders.mapped("duration")) or 2.0
        return self.env["telecom.availability"]._free_slots(
            division, start, fields.Datetime.to_datetime(date_to), duration, visits=len(work_orders) or 1
        )

    def _book_technician_slot(self, start, technician_id):
        """Book the slot starting at `start` (naive UTC) with the technician: the work
        orders waiting for an appointment are planned one after the other."""
        self.ensure_one()
        start = fields.Datetime.to_datetime(start)
        work_orders = self._scenario_work_orders_to_book()
        if not work_orders:
            raise UserError(self.env._("Order %s has no work order waiting for an appointment.", self.name))
        technician = self.env["res.users"].browse(technician_id)
        division = self._scenario_technical_division()
        duration = sum(work_orders.mapped("duration")) or 2.0
        free = self.env["telecom.availability"]._free_slots(
            division,
            max(start, fields.Datetime.now()),
            start + timedelta(days=1),
            duration,
            visits=len(work_orders),
            technicians=technician,
        )
        if not any(slot["start"] == start for slot in free):
            raise UserError(
                self.env._(
                    "%(technician)s is not free at %(start)s any more: choose another slot.",
                    technician=technician.name,
                    start=format_datetime(self.env, start),
                )
            )
        moment = start
        for work_order in work_orders:
            vals = {"technician_id": technician.id, "planned_start": moment}
            if not work_order.division_id:
                vals["division_id"] = division.id
            work_order.write(vals)
            moment = work_order.planned_end
        work_orders.action_plan()
        if self.state == "held" and self.current_order_step_id.state == "held":
            self.action_resume()
        self.message_post(
            body=self.env._(
                "Appointment on %(start)s with %(technician)s: %(work_orders)s.",
                start=format_datetime(self.env, start, tz=self.premises_id._telecom_tz() if self.premises_id else None),
                technician=technician.name,
                work_orders=", ".join(work_orders.mapped("name")),
            ),
            subtype_xmlid="mail.mt_note",
        )
        self._telecom_send_appointment_confirmation(work_orders, technician)
        return work_orders

    def _scenario_check_availability(self, log):
        """Hold the order and tell the technical division's manager when no technician
        is free within the step's deadline."""
        self.ensure_one()
        deadline = log.date_deadline
        if self._scenario_technical_division():
            now = fields.Datetime.now()
            slots = self._get_technician_slots(date_to=deadline) if deadline and deadline > now else []
            if slots or not deadline:
                return True
            reason = self.env._("No technician available")
            body = self.env._(
                "No technician of %(division)s is free before the deadline %(deadline)s: the order is held.",
                division=log.division_id.display_name or "-",
                deadline=format_datetime(self.env, deadline),
            )
        else:
            reason = self.env._("No technical department operates the address")
            body = self.env._(
                "No technical department operates %(address)s: the order is held until one is chosen "
                "for its work orders or a coverage area is added.",
                address=self.premises_id.display_name or "-",
            )
        self._set_state("held", reason)
        self.needs_attention = True
        manager = log.division_id.manager_id or self.division_id.manager_id
        self.message_post(body=body, partner_ids=manager.partner_id.ids, subtype_xmlid="mail.mt_note")
        return False

    def action_open_slot_booking(self):
        self.ensure_one()
        self._check_internal_user()
        wizard = self.env["telecom.slot.booking.wizard"].create({"order_id": self.id})
        wizard.action_search()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Book an Appointment"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }
