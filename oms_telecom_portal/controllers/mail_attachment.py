# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.oms_telecom.models.telecom_order_document import DOCUMENT_MODELS
from odoo.addons.portal.controllers.attachment import PortalAttachmentController


class TelecomAttachmentController(PortalAttachmentController):
    """Files sent in the chatter of an order or a work order: a subscriber's or a
    visitor's file follows the document policy, checked at the upload so that a
    refused file is never stored (the model refuses it anyway when a message
    would attach it to the record)."""

    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        if thread_model in DOCUMENT_MODELS and request.env["ir.attachment"]._telecom_upload_policy_applies():
            try:
                request.env["telecom.order.document"]._check_upload(ufile.filename, ufile.read())
            except UserError as error:
                return request.make_json_response({"error": error.args[0]})
            finally:
                ufile.seek(0)
        return super().mail_attachment_upload(ufile, thread_id, thread_model, is_pending=is_pending, **kwargs)
