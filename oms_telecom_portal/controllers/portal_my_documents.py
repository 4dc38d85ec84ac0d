# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.oms_telecom.models.telecom_order_document import DOCUMENT_TYPE_BY_REPORT
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_tools import PORTAL_REPORTS, order_reports, subscriber_orders_domain, subscriber_partner

ORDERS_PER_PAGE = 10


class TelecomMyDocumentsPortal(CustomerPortal):
    """Every document of the subscriber's orders on one page, order by order: the
    contract and summary each order offers, and the files on record."""

    def _telecom_documents_domain(self):
        # Record rules keep the subscriber to their own orders; work orders' files are the team's.
        return [
            ("order_id.commercial_partner_id", "=", subscriber_partner(request.env).id),
            ("work_order_id", "=", False),
            ("state", "=", "current"),
        ]

    def _telecom_document_orders_domain(self):
        return [*subscriber_orders_domain(request.env), ("state", "!=", "draft")]

    def _telecom_portal_report_records(self):
        """{report key: ir.actions.report} of the reports the portal prints."""
        return {key: request.env.ref(xmlid).sudo() for key, xmlid in PORTAL_REPORTS.items()}

    def _telecom_my_document_count(self):
        """The documents My Documents lists: one per report each order offers, unless
        a version of it is on file, plus the files on file."""
        Order = request.env["telecom.order"]
        Document = request.env["telecom.order.document"]
        if not (Order.has_access("read") and Document.has_access("read")):
            return 0
        orders_domain = self._telecom_document_orders_domain()
        documents_domain = self._telecom_documents_domain()
        reports = request.env["ir.actions.report"].union(*self._telecom_portal_report_records().values())
        offered = Order.search_count(orders_domain) + Order.search_count(
            [*orders_domain, ("order_type", "!=", "problem"), ("line_ids", "!=", False)]
        )
        on_file = Document.search_count(documents_domain)
        reports_on_file = Document.search_count(
            [*documents_domain, ("report_id", "in", reports.ids), ("order_id.state", "!=", "draft")]
        )
        return offered + on_file - reports_on_file

    def _telecom_order_document_rows(self, order_sudo, documents):
        """My Documents' rows of one order: the reports it offers (the version on
        file instead, when there is one), then its other files."""
        types = dict(documents._fields["document_type"]._description_selection(request.env))
        report_records = self._telecom_portal_report_records()
        order_documents = documents.filtered(lambda document: document.order_id.id == order_sudo.id)
        rows = []
        for key in order_reports(request.env, order_sudo):
            report = report_records[key]
            if report in order_documents.report_id:
                continue
            rows.append(
                {
                    "name": order_sudo._portal_report_name(report),
                    "type": types.get(DOCUMENT_TYPE_BY_REPORT.get(report.report_name), report.name),
                    "url": f"/my/telecom/orders/{order_sudo.id}/report/{key}?download=true",
                    "date": order_sudo.date_submitted or order_sudo.create_date,
                    "icon": "fa-file-pdf-o",
                }
            )
        attachments_sudo = order_documents.attachment_id.sudo()
        attachments_sudo.generate_access_token()
        for document in order_documents:
            attachment_sudo = document.attachment_id.sudo()
            token = attachment_sudo.access_token
            rows.append(
                {
                    "name": document.name,
                    "type": types.get(document.document_type, ""),
                    "url": f"/web/content/{attachment_sudo.id}?download=true&access_token={token}",
                    "date": document.create_date,
                    "icon": "fa-file-pdf-o" if attachment_sudo.mimetype == "application/pdf" else "fa-file-o",
                }
            )
        return rows

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "telecom_document_count" in counters:
            values["telecom_document_count"] = self._telecom_my_document_count()
        return values

    @http.route(
        ["/my/telecom/documents", "/my/telecom/documents/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_telecom_documents(self, page=1, **kw):
        Order = request.env["telecom.order"]
        domain = self._telecom_document_orders_domain()
        pager = portal_pager(
            url="/my/telecom/documents", total=Order.search_count(domain), page=page, step=ORDERS_PER_PAGE
        )
        # Searched with the subscriber's rights: these orders and files are theirs to download.
        orders = Order.search(domain, order="id desc", limit=ORDERS_PER_PAGE, offset=pager["offset"])
        documents = request.env["telecom.order.document"].search(
            [*self._telecom_documents_domain(), ("order_id", "in", orders.ids)], order="create_date desc, id desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "document_groups": [
                    (order_sudo, self._telecom_order_document_rows(order_sudo, documents))
                    for order_sudo in orders.sudo()
                ],
                "pager": pager,
                "page_name": "telecom_documents",
            }
        )
        return request.render("oms_telecom_portal.portal_my_telecom_documents", values)
