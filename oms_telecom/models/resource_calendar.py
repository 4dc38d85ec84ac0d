# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from pytz import utc

from odoo import models, tools

from odoo.addons.resource.models.utils import make_aware

from .telecom_batch_memo import remembered

# What one look-up of working intervals covers, as plan_hours reads them.
PLAN_WINDOW = timedelta(days=14)
# Beyond so many windows of work, the long way.
MAX_WINDOWS = 8


class ResourceCalendar(models.Model):
    # Its changes clear the cached windows of working intervals.
    _name = "resource.calendar"
    _inherit = ["resource.calendar", "telecom.cached.config"]

    def write(self, vals):
        result = super().write(vals)
        if "tz" in vals:
            # The premises' zones are their field teams' calendars'.
            self.env["telecom.premises"]._telecom_recompute_zones()
        return result

    def _telecom_plan_hours(self, hours, start):
        """The moment `hours` working hours after `start`, public holidays counted:
        plan_hours(compute_leaves=True), walking two-week windows of working
        intervals that are read once, not for each plan (a step's deadline, its
        escalation levels and the following steps' deadlines, of every order,
        fall in the same weeks). Planned once per batch for the steps started in
        the same second on one calendar."""
        self.ensure_one()
        return remembered(
            self.env, ("working hours plan", self.id, hours, start), lambda: self._telecom_walk_hours(hours, start)
        )

    def _telecom_walk_hours(self, hours, start):
        if hours < 0:
            return self.plan_hours(hours, start, compute_leaves=True)
        moment, revert = make_aware(start)
        left = hours
        for _window in range(MAX_WINDOWS):
            window_end, intervals = self._telecom_window(moment)
            for interval_start, interval_stop in intervals:
                if interval_stop <= moment:
                    continue
                interval_start = max(interval_start, moment)
                interval_hours = (interval_stop - interval_start).total_seconds() / 3600
                if left <= interval_hours:
                    return revert(interval_start + timedelta(hours=left))
                left -= interval_hours
            moment = window_end
        return self.plan_hours(hours, start, compute_leaves=True)

    def _telecom_works_at(self, moment):
        """Whether the aware datetime `moment` falls in working hours, public
        holidays counted: a routing question of every new order, answered from
        the same cached windows as the plans."""
        self.ensure_one()
        _window_end, intervals = self._telecom_window(moment)
        return any(start <= moment < stop for start, stop in intervals)

    def _telecom_window(self, moment):
        """(end, working intervals) of the two-week window that holds `moment`;
        windows start at midnight UTC, so that every plan of the same days, in
        any request, reads the same one."""
        day = moment.astimezone(utc).replace(hour=0, minute=0, second=0, microsecond=0)
        return day + PLAN_WINDOW, self._telecom_window_intervals(day)

    @tools.ormcache("self.id", "day")
    def _telecom_window_intervals(self, day):
        """The working intervals of two weeks from `day`, public holidays counted;
        cleared when a calendar, its hours or its leaves change."""
        intervals = self._work_intervals_batch(day, day + PLAN_WINDOW)[False]
        return tuple((start, stop) for start, stop, _meta in intervals)
