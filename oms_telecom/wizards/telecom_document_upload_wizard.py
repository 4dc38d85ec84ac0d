# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models

from ..models.telecom_order_document import DOCUMENT_TYPES


class TelecomDocumentUploadWizard(models.TransientModel):
    _name = "telecom.document.upload.wizard"
    _description = "Upload an Order Document"

    order_id = fields.Many2one("telecom.order", required=True, ondelete="cascade")
    work_order_id = fields.Many2one(
        "telecom.work.order", domain="[('order_id', '=', order_id)]", help="Attach the file to this work order."
    )
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="other")
    file = fields.Binary(required=True, attachment=False)
    file_name = fields.Char(required=True)
    allowed_help = fields.Char(compute="_compute_allowed_help")

    @api.depends("order_id")
    def _compute_allowed_help(self):
        Document = self.env["telecom.order.document"]
        types, size = ", ".join(Document._allowed_mimetypes()), "%g" % Document._max_size_mb()
        text = self.env._("Accepted: %(types)s, up to %(size)s MB.", types=types, size=size)
        for wizard in self:
            wizard.allowed_help = text

    def action_upload(self):
        self.ensure_one()
        self.order_id._add_document(
            self.file_name,
            base64.b64decode(self.file or b""),
            document_type=self.document_type,
            work_order=self.work_order_id or None,
        )
        return {"type": "ir.actions.act_window_close"}
