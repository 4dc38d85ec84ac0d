# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class ResourceCalendarAttendance(models.Model):
    # Plans read working hours from a cache (resource.calendar._telecom_window_intervals).
    _name = "resource.calendar.attendance"
    _inherit = ["resource.calendar.attendance", "telecom.cached.config"]
