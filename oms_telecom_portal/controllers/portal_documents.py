# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import content_disposition, request

from .portal import TelecomOrderPortal
from .portal_tools import PORTAL_REPORTS, order_page_url, order_reports

# Documents the subscriber may send from the portal.
PORTAL_UPLOAD_TYPES = ("signed_contract", "id_copy")


class TelecomDocumentPortal(TelecomOrderPortal):
    """The order's documents on the portal: listed, printed, and the signed
    contract or ID copy the subscriber sends."""

    def _telecom_order_documents_domain(self, order_sudo, all_versions=False):
        """The order's documents; those of its work orders are the team's."""
        domain = [("order_id", "=", order_sudo.id), ("work_order_id", "=", False)]
        return domain if all_versions else [*domain, ("state", "=", "current")]

    def _telecom_order_documents(self, order_sudo):
        """The current documents, or every version when the page asks for them."""
        all_versions = request.params.get("documents") == "all"
        documents_sudo = (
            request.env["telecom.order.document"]
            .sudo()
            .search(
                self._telecom_order_documents_domain(order_sudo, all_versions),
                order="create_date desc, id desc",
            )
        )
        documents_sudo.attachment_id.generate_access_token()
        return documents_sudo

    def _telecom_order_has_superseded_documents(self, order_sudo):
        domain = [*self._telecom_order_documents_domain(order_sudo, True), ("state", "=", "superseded")]
        return bool(request.env["telecom.order.document"].sudo().search_count(domain, limit=1))

    def _telecom_upload_types(self):
        types = dict(request.env["telecom.order.document"]._fields["document_type"]._description_selection(request.env))
        return [(document_type, types[document_type]) for document_type in PORTAL_UPLOAD_TYPES]

    def _telecom_order_can_upload(self, order_sudo):
        # A contract to sign or an identity to prove comes with a new service, not a repair.
        return order_sudo.order_type != "problem" and order_sudo.state not in ("draft", "cancelled", "rejected")

    def _telecom_portal_messages(self):
        messages = super()._telecom_portal_messages()
        messages["document_uploaded"] = ("success", request.env._("Thank you: your document has been received."))
        return messages

    def _prepare_telecom_order_page_values(self, order_sudo, access_token=None, message=None):
        values = super()._prepare_telecom_order_page_values(order_sudo, access_token, message)
        values.update(
            {
                "documents": self._telecom_order_documents(order_sudo),
                "order_reports": order_reports(request.env, order_sudo),
                "can_upload": self._telecom_order_can_upload(order_sudo),
                "upload_types": self._telecom_upload_types(),
                "all_document_versions": request.params.get("documents") == "all",
                "has_superseded_documents": self._telecom_order_has_superseded_documents(order_sudo),
            }
        )
        return values

    @http.route(
        "/my/telecom/orders/<int:order_id>/report/<string:report_key>", type="http", auth="public", website=True
    )
    def portal_telecom_order_report(self, order_id, report_key, access_token=None, download=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if report_key not in order_reports(request.env, order_sudo):
            raise request.not_found()
        download = download == "true"
        response = self._show_report(order_sudo, "pdf", PORTAL_REPORTS[report_key], download=download)
        # Named after the report and the order: a contract and a summary are two files.
        file_name = order_sudo._portal_report_file_name(request.env.ref(PORTAL_REPORTS[report_key]))
        response.headers["Content-Disposition"] = content_disposition(
            file_name, disposition_type="attachment" if download else "inline"
        )
        return response

    @http.route(
        "/my/telecom/orders/<int:order_id>/documents", type="http", auth="public", methods=["POST"], website=True
    )
    def portal_telecom_order_upload(self, order_id, access_token=None, document_type=None, attachment=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_upload(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        error = None
        if document_type not in PORTAL_UPLOAD_TYPES:
            error = request.env._("Choose what the document is.")
        elif not attachment or not getattr(attachment, "filename", None):
            error = request.env._("Choose the file to send.")
        else:
            try:
                with request.env.cr.savepoint():
                    document_sudo = order_sudo._add_document(
                        attachment.filename, attachment.read(), document_type, source="portal"
                    )
                    order_sudo._telecom_send_receipt(
                        request.env._("We have received your document %s.", document_sudo.name or attachment.filename)
                    )
            except UserError as exc:
                error = exc.args[0]
        if error:
            values = self._prepare_telecom_order_page_values(order_sudo, access_token)
            values["notice"] = ("danger", error)
            return request.render("oms_telecom_portal.portal_telecom_order_page", values)
        return request.redirect(order_page_url(order_sudo, access_token, "document_uploaded"))
