# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from ..errors import bad_request, conflict, not_found

PATH = "/workOrderManagement/v4"
ATTRIBUTES = (
    "name",
    "category",
    "state",
    "description",
    "requestedStartDate",
    "expectedCompletionDate",
    "completionDate",
    "place",
    "relatedEntity",
    "relatedParty",
    "note",
)
STATE_TO_TMF = {
    "draft": "acknowledged",
    "planned": "pending",
    "in_progress": "inProgress",
    "done": "completed",
    "failed": "failed",
    "cancelled": "cancelled",
}
TMF_STATES = tuple(dict.fromkeys(STATE_TO_TMF.values()))
# What a technical system reports, and the work order's action for it.
REPORTS = {"inProgress": "action_start", "completed": "action_done", "failed": "action_fail"}


class TelecomApiWorkOrder(models.AbstractModel):
    """TMF697 Work Order on technical work orders: a technical system (or a
    technician's tool) reads them and reports progress and result; a reported
    result moves the order's scenario on."""

    _name = "telecom.api.work.order"
    _description = "TMF697 Work Order"
    _inherit = "telecom.api.mapping"

    @api.model
    def _href(self, work_order_id):
        return f"{self._base_url()}{PATH}/workOrder/{work_order_id}"

    @api.model
    def _domain(self, filters):
        domain = []
        if filters.get("state"):
            states = self._split_values(filters["state"], TMF_STATES, "state")
            domain.append(("state", "in", [state for state, tmf in STATE_TO_TMF.items() if tmf in states]))
        if filters.get("category"):
            domain.append(("kind", "in", filters["category"].split(",")))
        if filters.get("relatedEntity.id"):
            domain.append(("order_id", "=", self._to_int(filters["relatedEntity.id"], "relatedEntity.id")))
        domain += self._date_domain("planned_start", filters, "requestedStartDate")
        domain += self._date_domain("date_done", filters, "completionDate")
        return domain

    @api.model
    def _get(self, work_order_id):
        number = self.env["telecom.api.product.order"]._to_int_or_404(work_order_id)
        work_order = self.env["telecom.work.order"].browse(number).exists()
        if not work_order or not work_order.has_access("read"):
            raise not_found("workOrder", work_order_id)
        return work_order

    @api.model
    def _to_tmf(self, work_orders, selected=None):
        product_orders = self.env["telecom.api.product.order"]
        tickets = self.env["telecom.api.trouble.ticket"]
        result = []
        for work_order in work_orders:
            order = work_order.order_id
            problem = order.order_type == "problem"
            technician = work_order.technician_id
            resource = {
                "id": str(work_order.id),
                "href": self._href(work_order.id),
                "@type": "WorkOrder",
                "name": work_order.name,
                "category": work_order.kind,
                "state": STATE_TO_TMF.get(work_order.state, "acknowledged"),
                "description": work_order.tasks or None,
                "requestedStartDate": self._iso(work_order.planned_start),
                "expectedCompletionDate": self._iso(work_order.planned_end),
                "completionDate": self._iso(work_order.date_done),
                "place": [self._place_to_tmf(work_order.premises_id)] if work_order.premises_id else None,
                "relatedEntity": [
                    {
                        "id": str(order.id),
                        "href": tickets._href(order.id) if problem else product_orders._href(order.id),
                        "name": order.name,
                        "role": "troubleTicket" if problem else "productOrder",
                        "@referredType": "TroubleTicket" if problem else "ProductOrder",
                        "@type": "RelatedEntity",
                    }
                ],
                "relatedParty": [
                    {"id": str(technician.id), "name": technician.name, "role": "technician", "@type": "RelatedParty"}
                ]
                if technician
                else None,
                "note": [{"text": work_order.result, "@type": "Note"}] if work_order.result else None,
            }
            result.append(self._select(resource, selected))
        return result

    @api.model
    def _patch(self, work_order, payload):
        """A technical system reports progress (inProgress) or the result
        (completed, failed, with a note). The same report again changes nothing."""
        state = payload.pop("state", None)
        notes = payload.pop("note", None) or []
        if payload:
            raise bad_request(f"{', '.join(payload)} cannot be changed.", code="NOT_PATCHABLE")
        result = "\n".join(note["text"] for note in notes if note.get("text")) or None
        current = STATE_TO_TMF[work_order.state]
        if not state or state == current:
            if result and work_order.state in ("in_progress", "done", "failed"):
                work_order.result = result
            return work_order
        if state not in REPORTS or work_order.state in ("done", "failed", "cancelled"):
            raise conflict(f"The work order cannot go from {current} to {state}.")
        try:
            method = getattr(work_order, REPORTS[state])
            if state == "inProgress":
                method()
                if result:
                    work_order.result = result
            else:
                method(result)
        except UserError as error:
            raise conflict(error.args[0]) from error
        return work_order
