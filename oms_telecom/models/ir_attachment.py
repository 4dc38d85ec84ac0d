# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, models

from .telecom_order_document import DOCUMENT_MODELS
from .telecom_private_context import SKIP_DOCUMENT_REGISTRATION, has_private_key


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        # Code that registers its documents itself has checked what it attaches.
        if not has_private_key(self.env, SKIP_DOCUMENT_REGISTRATION):
            vals_list = [self._check_telecom_portal_upload(vals) for vals in vals_list]
        attachments = super().create(vals_list)
        if any(vals.get("res_model") in DOCUMENT_MODELS for vals in vals_list):
            attachments._register_telecom_documents()
        return attachments

    def write(self, vals):
        checked = self._check_telecom_portal_link(vals)
        result = super().write(vals)
        for attachment_sudo, mimetype in checked:
            if attachment_sudo.mimetype != mimetype:
                super(IrAttachment, attachment_sudo).write({"mimetype": mimetype})
        # Files uploaded in the chatter are moved onto the record when the message is posted.
        if vals.get("res_model") in DOCUMENT_MODELS and vals.get("res_id"):
            self._register_telecom_documents()
        return result

    def _register_telecom_documents(self):
        """Every file attached to an order or a work order is one of the order's
        documents, whoever attached it: the attachment was allowed on the record,
        the document follows it."""
        if has_private_key(self.env, SKIP_DOCUMENT_REGISTRATION):
            return
        attachments_sudo = self.sudo()
        documents_sudo = self.env["telecom.order.document"].sudo()
        documents_sudo._register_attachments(attachments_sudo)

    # Document policy for files that subscribers and visitors attach

    @api.model
    def _telecom_upload_policy_applies(self):
        """Files attached by portal users and visitors follow the document policy
        (type read from the content, size); the team attaches what it needs. The
        user is the one of the request, also when a route creates the file in sudo."""
        return not self.env.user._is_internal()

    @api.model
    def _check_telecom_portal_upload(self, vals):
        """The values of a file a portal user or a visitor attaches to an order or
        a work order, with the MIME type its content has; UserError when the
        document policy refuses it."""
        if (
            vals.get("res_model") not in DOCUMENT_MODELS
            or vals.get("res_field")
            or not self._telecom_upload_policy_applies()
        ):
            return vals
        mimetype = self.env["telecom.order.document"]._check_upload(vals.get("name") or "", self._telecom_raw(vals))
        return {**vals, "mimetype": mimetype}

    def _check_telecom_portal_link(self, vals):
        """[(attachment, MIME type of its content)] of the files a portal user or a
        visitor moves onto an order or a work order (a chatter message linking its
        uploads) or whose content changes there; UserError when the document policy
        refuses one. Nothing is written before: the check comes first."""
        linked = "res_model" in vals or "res_id" in vals
        content = "raw" in vals or "datas" in vals
        if not (linked or content) or not self._telecom_upload_policy_applies():
            return []
        Document = self.env["telecom.order.document"]
        checked = []
        for attachment_sudo in self.sudo():
            res_model = vals.get("res_model", attachment_sudo.res_model)
            if res_model not in DOCUMENT_MODELS or vals.get("res_field", attachment_sudo.res_field):
                continue
            raw = self._telecom_raw(vals) if content else attachment_sudo.raw
            checked.append((attachment_sudo, Document._check_upload(attachment_sudo.name, raw)))
        return checked

    @api.model
    def _telecom_raw(self, vals):
        """The file's content in create or write values (`raw` or base64 `datas`)."""
        raw = vals.get("raw")
        if raw is None:
            return base64.b64decode(vals.get("datas") or b"")
        return raw.encode() if isinstance(raw, str) else raw
