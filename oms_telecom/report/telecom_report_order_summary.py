# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..models.ir_actions_report import report_layout_values


class ReportTelecomOrderSummary(models.AbstractModel):
    _name = "report.oms_telecom.report_telecom_order_summary"
    _description = "Telecom Order Summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        orders = self.env["telecom.order"].browse(docids)
        return {
            "doc_ids": orders.ids,
            "doc_model": "telecom.order",
            "docs": orders,
            "parameters": self.env["telecom.report.parameters"]._parameter_rows(orders.line_ids),
            **report_layout_values(data),
        }
