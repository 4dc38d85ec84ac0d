# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, models

from .telecom_work_order import WORK_ORDER_STATES

# Work orders that take a technician's time.
BUSY_WORK_ORDER_STATES = tuple(state for state, _label in WORK_ORDER_STATES if state not in ("failed", "cancelled"))


class TelecomAvailability(models.AbstractModel):
    """Free appointment slots of a technical division's technicians: their
    working hours (their own calendar, else the division's) less their leaves
    and public holidays, less the work orders already planned for them, on the
    days they still have capacity for."""

    _name = "telecom.availability"
    _description = "Technician Availability"

    @api.model
    def _free_slots(self, division, date_from, date_to, duration, visits=1, technicians=None):
        """Free slots of `duration` hours between `date_from` and `date_to` (naive UTC),
        earliest first: [{'start', 'end', 'technician_id', 'technician_name'}], with
        start and end naive UTC. A slot needs `visits` work orders of daily capacity."""
        if division.kind != "technical":
            return []
        technicians = (division.member_ids if technicians is None else technicians).filtered(
            lambda user: user.active and user.has_group("oms_telecom.group_oms_technician")
        )
        if not technicians or not duration or date_to <= date_from:
            return []
        calendar_default = division.resource_calendar_id or self.env.company.resource_calendar_id
        capacity = division.technician_daily_capacity
        tz = pytz.timezone(calendar_default.tz or "UTC") if calendar_default else pytz.utc
        # Whole days, so that slots fall on the same grid whenever they are looked for.
        day_start = tz.localize(datetime.combine(pytz.utc.localize(date_from).astimezone(tz).date(), time.min))
        window_end = pytz.utc.localize(date_to)
        busy, load = self._technician_load(technicians, day_start, window_end, tz)
        slots = []
        for calendar, users in self._technicians_by_calendar(technicians, calendar_default).items():
            resources = users.resource_ids.filtered(
                lambda resource, calendar=calendar: resource.calendar_id == calendar
            )
            # Everybody's leaves count, not only those the current user may read.
            calendar_sudo = calendar.sudo()
            intervals = calendar_sudo._work_intervals_batch(day_start, window_end, resources=resources.sudo())
            for user in users:
                resource = resources.filtered(lambda resource, user=user: resource.user_id == user)[:1]
                for start, stop, _meta in intervals[resource.id]:
                    slots.extend(
                        self._slots_in_interval(
                            user, start, stop, duration, date_from, busy[user.id], load[user.id], capacity, visits, tz
                        )
                    )
        slots.sort(key=lambda slot: (slot["start"], slot["technician_name"], slot["technician_id"]))
        return slots

    @api.model
    def _technicians_by_calendar(self, technicians, calendar_default):
        by_calendar = defaultdict(lambda: self.env["res.users"])
        for user in technicians:
            calendar = user.resource_ids[:1].calendar_id or calendar_default
            if calendar:
                by_calendar[calendar] |= user
        return by_calendar

    @api.model
    def _technician_load(self, technicians, start, end, tz):
        """Busy periods (naive UTC) and work orders per local day of each technician."""
        work_orders = (
            self.env["telecom.work.order"]
            .sudo()
            .search(
                [
                    ("technician_id", "in", technicians.ids),
                    ("state", "in", BUSY_WORK_ORDER_STATES),
                    ("planned_start", "!=", False),
                    ("planned_start", "<", end.astimezone(pytz.utc).replace(tzinfo=None)),
                    ("planned_end", ">", (start - timedelta(days=1)).astimezone(pytz.utc).replace(tzinfo=None)),
                ]
            )
        )
        busy, load = defaultdict(list), defaultdict(lambda: defaultdict(int))
        for work_order in work_orders:
            busy[work_order.technician_id.id].append((work_order.planned_start, work_order.planned_end))
            day = pytz.utc.localize(work_order.planned_start).astimezone(tz).date()
            load[work_order.technician_id.id][day] += 1
        return busy, load

    @api.model
    def _slots_in_interval(self, user, start, stop, duration, not_before, busy, load, capacity, visits, tz):
        step = timedelta(hours=duration)
        slot_start = start
        while slot_start + step <= stop:
            utc_start = slot_start.astimezone(pytz.utc).replace(tzinfo=None)
            utc_end = utc_start + step
            day = slot_start.astimezone(tz).date()
            free = utc_start >= not_before and not any(
                busy_start < utc_end and busy_end > utc_start for busy_start, busy_end in busy
            )
            if free and (not capacity or load[day] + visits <= capacity):
                yield {
                    "start": utc_start,
                    "end": utc_end,
                    "technician_id": user.id,
                    "technician_name": user.name,
                }
            slot_start += step
