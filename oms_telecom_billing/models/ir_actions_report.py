# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from odoo.addons.oms_telecom.models.ir_actions_report import report_layout_values, wkhtmltopdf_has_patched_qt

# The subscriber's invoice, with or without its payments.
INVOICE_REPORTS = ("account.report_invoice", "account.report_invoice_with_payments")


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _telecom_inline_header(self, report_ref):
        """The invoices, too, carry the company in their body when the page
        header cannot be printed: a subscriber's invoice names who bills them."""
        if super()._telecom_inline_header(report_ref):
            return True
        if not report_ref or wkhtmltopdf_has_patched_qt():
            return False
        return self._get_report(report_ref).report_name in INVOICE_REPORTS

    def _get_rendering_context(self, report, docids, data):
        data = super()._get_rendering_context(report, docids, data)
        if report.report_name in INVOICE_REPORTS:
            data.update(report_layout_values(data))
        return data
