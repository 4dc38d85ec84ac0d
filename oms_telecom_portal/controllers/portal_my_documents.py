from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_documents import TelecomDocumentPortal

DOCUMENTS_PER_PAGE = 20


class TelecomMyDocumentsPortal(TelecomDocumentPortal):
    """Every current document of the subscriber's orders on one page."""

    def _telecom_documents_domain(self):
        # Record rules keep the subscriber to their own orders; work orders' files are the team's.
        return [
            ("order_id.commercial_partner_id", "=", self._telecom_commercial_partner().id),
            ("work_order_id", "=", False),
            ("state", "=", "current"),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "telecom_document_count" in counters:
            Document = request.env["telecom.order.document"]
            values["telecom_document_count"] = (
                Document.search_count(self._telecom_documents_domain()) if Document.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/telecom/documents", "/my/telecom/documents/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_telecom_documents(self, page=1, **kw):
        Document = request.env["telecom.order.document"]
        domain = self._telecom_documents_domain()
        total = Document.search_count(domain)
        pager = portal_pager(url="/my/telecom/documents", total=total, page=page, step=DOCUMENTS_PER_PAGE)
        documents = Document.search(domain, limit=DOCUMENTS_PER_PAGE, offset=pager["offset"])
        # The search ran with the subscriber's rights: these attachments are theirs to download.
        attachments_sudo = documents.attachment_id.sudo()
        attachments_sudo.generate_access_token()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "documents": documents,
                "access_tokens": {attachment.id: attachment.access_token for attachment in attachments_sudo},
                "pager": pager,
                "page_name": "telecom_documents",
            }
        )
        return request.render("oms_telecom_portal.portal_my_telecom_documents", values)
