# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..models.ir_actions_report import report_layout_values


class ReportTelecomServiceContract(models.AbstractModel):
    _name = "report.oms_telecom.report_telecom_service_contract"
    _description = "Telecom Service Contract"

    @api.model
    def _get_report_values(self, docids, data=None):
        orders = self.env["telecom.order"].browse(docids)
        without_subscriber = orders.filtered(lambda order: not order.partner_id)
        if without_subscriber:
            raise UserError(
                self.env._(
                    "Order %s has no subscriber yet: a service contract needs one. "
                    "Register the subscriber on the order first.",
                    without_subscriber[0].name,
                )
            )
        lines = orders.line_ids.filtered(lambda line: line.state != "cancelled")
        return {
            "doc_ids": orders.ids,
            "doc_model": "telecom.order",
            "docs": orders,
            "parameters": self.env["telecom.report.parameters"]._parameter_rows(lines),
            **report_layout_values(data),
        }
