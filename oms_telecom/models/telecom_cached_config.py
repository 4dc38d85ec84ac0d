# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomCachedConfig(models.AbstractModel):
    """Configuration that order intake reads through the registry's caches
    (working hours, the stage of each state): any change clears them, in every
    worker, so that the next order sees it."""

    _name = "telecom.cached.config"
    _description = "Configuration Read Through Caches"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
