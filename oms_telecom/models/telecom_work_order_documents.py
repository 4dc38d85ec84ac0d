from odoo import fields, models


class TelecomWorkOrder(models.Model):
    _inherit = "telecom.work.order"

    document_ids = fields.One2many("telecom.order.document", "work_order_id", string="Documents")

    def _message_post_after_hook(self, message, msg_vals):
        if message.message_type == "email" and message.attachment_ids:
            self.env["telecom.order.document"]._mark_received_by_email(message.attachment_ids)
        return super()._message_post_after_hook(message, msg_vals)
