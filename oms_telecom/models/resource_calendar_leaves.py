# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResourceCalendarLeaves(models.Model):
    _inherit = "resource.calendar.leaves"

    # Public holidays (leaves of no resource) are in the cache of working hours
    # (resource.calendar._telecom_window_intervals) too.

    @api.model_create_multi
    def create(self, vals_list):
        if any(not vals.get("resource_id") for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if self.filtered(lambda leave: not leave.resource_id):
            self.env.registry.clear_cache()
        return super().unlink()
