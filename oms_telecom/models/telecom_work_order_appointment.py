from odoo import models


class TelecomWorkOrder(models.Model):
    _inherit = "telecom.work.order"

    def write(self, vals):
        """A planned visit moved to another time: the subscriber gets the new time
        (the first booking is confirmed by `telecom.order._book_technician_slot`)."""
        if "planned_start" not in vals:
            return super().write(vals)
        before = {work_order: work_order.planned_start for work_order in self if work_order.state == "planned"}
        result = super().write(vals)
        moved = self.filtered(lambda wo: wo in before and wo.planned_start and wo.planned_start != before[wo])
        for order in moved.order_id:
            visits = order.work_order_ids.filtered(lambda wo: wo.state == "planned" and wo.planned_start)
            technician = moved.filtered(lambda wo, order=order: wo.order_id == order).technician_id[:1]
            order._telecom_send_appointment_confirmation(visits, technician)
        return result
