from datetime import timedelta

from odoo import models

from odoo.addons.resource.models.utils import make_aware

from .telecom_batch_memo import remembered

# What one look-up of working intervals covers, as plan_hours reads them.
PLAN_WINDOW = timedelta(days=14)
# Beyond so many windows of work, the long way.
MAX_WINDOWS = 8


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _telecom_plan_hours(self, hours, start):
        """The moment `hours` working hours after `start`, public holidays counted:
        plan_hours(compute_leaves=True), walking two-week windows of working
        intervals that are read once for all the plans of a batch (a step's
        deadline, its escalation levels and the following steps' deadlines start
        at different moments of the same weeks)."""
        self.ensure_one()
        if hours < 0:
            return self.plan_hours(hours, start, compute_leaves=True)
        moment, revert = make_aware(start)
        left = hours
        for _window in range(MAX_WINDOWS):
            window_end, intervals = self._telecom_window(moment)
            for interval_start, interval_stop, _meta in intervals:
                if interval_stop <= moment:
                    continue
                interval_start = max(interval_start, moment)
                interval_hours = (interval_stop - interval_start).total_seconds() / 3600
                if left <= interval_hours:
                    return revert(interval_start + timedelta(hours=left))
                left -= interval_hours
            moment = window_end
        return self.plan_hours(hours, start, compute_leaves=True)

    def _telecom_window(self, moment):
        """(end, working intervals) of a window read earlier in the batch that
        holds `moment`, or of a new one starting at it."""
        windows = remembered(self.env, ("working windows", self.id), list)
        for window_start, window_end, intervals in windows:
            if window_start <= moment < window_end:
                return window_end, intervals
        window_end = moment + PLAN_WINDOW
        intervals = self._work_intervals_batch(moment, window_end)[False]
        windows.append((moment, window_end, intervals))
        return window_end, intervals
