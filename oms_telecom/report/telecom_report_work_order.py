# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from ..models.ir_actions_report import report_layout_values


class ReportTelecomWorkOrder(models.AbstractModel):
    _name = "report.oms_telecom.report_telecom_work_order"
    _description = "Telecom Work Order"

    @api.model
    def _get_report_values(self, docids, data=None):
        work_orders = self.env["telecom.work.order"].browse(docids)
        return {
            "doc_ids": work_orders.ids,
            "doc_model": "telecom.work.order",
            "docs": work_orders,
            "parameters": self.env["telecom.report.parameters"]._parameter_rows(work_orders.line_id),
            **report_layout_values(data),
        }
