# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomWorkOrder(models.Model):
    _inherit = "telecom.work.order"

    @api.model_create_multi
    def create(self, vals_list):
        work_orders = super().create(vals_list)
        if self.env["telecom.api.event"]._routes("WorkOrderCreateEvent"):
            self.env["telecom.api.event"]._emit("WorkOrderCreateEvent", work_orders)
        return work_orders

    def write(self, vals):
        listened = "state" in vals and self.env["telecom.api.event"]._routes("WorkOrderStateChangeEvent")
        old_states = {work_order.id: work_order.state for work_order in self} if listened else {}
        result = super().write(vals)
        if old_states:
            changed = self.filtered(lambda work_order: work_order.state != old_states.get(work_order.id))
            self.env["telecom.api.event"]._emit("WorkOrderStateChangeEvent", changed)
        return result

    # Event payloads

    def _tmf_event_resources(self):
        return "workOrder", self.env["telecom.api.work.order"]._to_tmf(self)

    def _tmf_event_orders(self):
        return [work_order.order_id for work_order in self]
