# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class TelecomDocumentGenerateWizard(models.TransientModel):
    _name = "telecom.document.generate.wizard"
    _description = "Generate Order Documents"

    @api.model
    def _default_report_ids(self):
        reports = self.env["ir.actions.report"]
        for xmlid in (
            "oms_telecom.action_report_telecom_service_contract",
            "oms_telecom.action_report_telecom_order_summary",
        ):
            reports |= self.env.ref(xmlid, raise_if_not_found=False) or reports
        return reports

    order_id = fields.Many2one("telecom.order", required=True, ondelete="cascade")
    report_ids = fields.Many2many(
        "ir.actions.report",
        string="Documents",
        required=True,
        default=_default_report_ids,
        domain=[("model", "in", ("telecom.order", "telecom.work.order"))],
        help="Each document is generated again as a new version; the previous one is kept, superseded. "
        "A work-order document is generated for each open work order.",
    )

    def action_generate(self):
        self.ensure_one()
        self.order_id._generate_document_package(self.report_ids)
        return {"type": "ir.actions.act_window_close"}
