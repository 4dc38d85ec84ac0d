# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TelecomDocumentHolderMixin(models.AbstractModel):
    """Records whose files are documents of an order: orders and work orders.
    Files that come from outside by e-mail follow the document policy: the mail
    gateway posts as superuser, whom the policy of ir.attachment lets through, so
    the incoming message is checked where it is posted."""

    _name = "telecom.document.holder.mixin"
    _description = "Holder of Order Documents"
    _inherit = ["mail.thread"]

    def message_post(self, **kwargs):
        Document, refused = self.env["telecom.order.document"], []
        if kwargs.get("message_type") == "email" and kwargs.get("attachments"):
            kwargs["attachments"], refused = Document._split_emailed_files(kwargs["attachments"])
        message = super().message_post(**kwargs)
        if refused:
            self.message_post(body=Document._refused_files_note(refused), subtype_xmlid="mail.mt_note")
        return message

    def _message_post_after_hook(self, message, msg_vals):
        if message.message_type == "email" and message.attachment_ids:
            self.env["telecom.order.document"]._mark_received_by_email(message.attachment_ids)
        return super()._message_post_after_hook(message, msg_vals)
