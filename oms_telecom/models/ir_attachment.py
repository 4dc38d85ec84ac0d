from odoo import api, models

from .telecom_order_document import DOCUMENT_MODELS


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        if any(vals.get("res_model") in DOCUMENT_MODELS for vals in vals_list):
            attachments._register_telecom_documents()
        return attachments

    def write(self, vals):
        result = super().write(vals)
        # Files uploaded in the chatter are moved onto the record when the message is posted.
        if vals.get("res_model") in DOCUMENT_MODELS and vals.get("res_id"):
            self._register_telecom_documents()
        return result

    def _register_telecom_documents(self):
        """Every file attached to an order or a work order is one of the order's
        documents, whoever attached it: the attachment was allowed on the record,
        the document follows it."""
        if self.env.context.get("telecom_document_registered"):
            return
        attachments_sudo = self.sudo()
        documents_sudo = self.env["telecom.order.document"].sudo()
        documents_sudo._register_attachments(attachments_sudo, source=self.env.context.get("telecom_document_source"))
