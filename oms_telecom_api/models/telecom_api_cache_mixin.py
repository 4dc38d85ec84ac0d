from odoo import api, models


class TelecomApiCacheMixin(models.AbstractModel):
    """Records the API reads through registry caches (key look-up, event
    routing table): any change clears them, so the next request sees it."""

    _name = "telecom.api.cache.mixin"
    _description = "API Cached Configuration"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
