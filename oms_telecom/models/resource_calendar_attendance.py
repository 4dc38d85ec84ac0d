from odoo import models


class ResourceCalendarAttendance(models.Model):
    # Plans read working hours from a cache (resource.calendar._telecom_window_intervals).
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "telecom.cached.config"]
