# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.http import Stream

from .telecom_order_document import DOCUMENT_MODELS

# Files of orders a browser may display; any other is downloaded, never shown inline.
INLINE_MIMETYPES = ("application/pdf", "image/jpeg", "image/png", "image/gif", "image/webp")


class DownloadStream(Stream):
    """A stream always sent as a file to save (Content-Disposition: attachment)."""

    def get_response(self, as_attachment=None, immutable=None, **send_file_kwargs):
        return super().get_response(as_attachment=True, immutable=immutable, **send_file_kwargs)


class IrBinary(models.AbstractModel):
    _inherit = "ir.binary"

    def _get_stream_from(
        self,
        record,
        field_name="raw",
        filename=None,
        filename_field="name",
        mimetype=None,
        default_mimetype="application/octet-stream",
    ):
        """Files of orders and work orders come from subscribers, e-mails and the
        team: only images and PDFs are displayed by the browser (`/web/content`,
        `/web/image`), whatever MIME type the URL asks for; the others are sent as
        downloads of unknown type."""
        stream = super()._get_stream_from(record, field_name, filename, filename_field, mimetype, default_mimetype)
        if record._name != "ir.attachment" or stream.type not in ("data", "path"):
            return stream
        attachment_sudo = record.sudo()
        if attachment_sudo.res_model not in DOCUMENT_MODELS:
            return stream
        if stream.mimetype in INLINE_MIMETYPES and attachment_sudo.mimetype in INLINE_MIMETYPES:
            return stream
        return DownloadStream(**{**vars(stream), "mimetype": "application/octet-stream"})
