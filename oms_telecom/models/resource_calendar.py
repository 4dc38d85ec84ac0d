from datetime import timedelta

from odoo import models

from odoo.addons.resource.models.utils import make_aware

from .telecom_batch_memo import remembered

# What one look-up of working intervals covers, as plan_hours reads them.
PLAN_WINDOW = timedelta(days=14)


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    def _telecom_plan_hours(self, hours, start):
        """The moment `hours` working hours after `start`, public holidays counted:
        plan_hours(compute_leaves=True), walking the working intervals of the next
        two weeks read once per start (a step's deadline and its escalation levels
        count from the same start)."""
        self.ensure_one()
        if hours < 0:
            return self.plan_hours(hours, start, compute_leaves=True)
        start_aware, revert = make_aware(start)
        intervals = remembered(
            self.env,
            ("working intervals", self.id, start_aware),
            lambda: self._work_intervals_batch(start_aware, start_aware + PLAN_WINDOW)[False],
        )
        left = hours
        for interval_start, interval_stop, _meta in intervals:
            interval_hours = (interval_stop - interval_start).total_seconds() / 3600
            if left <= interval_hours:
                return revert(interval_start + timedelta(hours=left))
            left -= interval_hours
        # More than two weeks of work: the long way.
        return self.plan_hours(hours, start, compute_leaves=True)
