# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.oms_telecom.models.telecom_order_state import CANCELLABLE_STATES
from odoo.addons.oms_telecom.models.telecom_private_context import system_write_context

from ..errors import bad_request, conflict, invalid, not_found
from .telecom_api_mapping import PRIORITY_TO_TMF

PATH = "/troubleTicket/v4"
ATTRIBUTES = (
    "name",
    "externalId",
    "description",
    "severity",
    "priority",
    "ticketType",
    "status",
    "statusChangeReason",
    "creationDate",
    "lastUpdate",
    "expectedResolutionDate",
    "requestedResolutionDate",
    "resolutionDate",
    "channel",
    "relatedParty",
    "relatedEntity",
    "place",
)
# Our order states as TMF621 ticket statuses.
STATUS_BY_STATE = {
    "draft": "acknowledged",
    "acknowledged": "acknowledged",
    "in_progress": "inProgress",
    "pending": "pending",
    "held": "held",
    "completed": "resolved",
    "partial": "resolved",
    "failed": "closed",
    "rejected": "rejected",
    "cancelled": "cancelled",
    "assessing_cancellation": "held",
    "pending_cancellation": "held",
}
STATUSES = ("acknowledged", "rejected", "pending", "held", "inProgress", "cancelled", "closed", "resolved")
SEVERITY_TO_PRIORITY = {"critical": "3", "major": "2", "minor": "1", "low": "0"}
PRIORITY_TO_SEVERITY = {value: key for key, value in SEVERITY_TO_PRIORITY.items()}
OPEN_FOR_CHANGES = ("draft", "acknowledged", "in_progress", "pending", "held")
PATCHABLE = {
    "description": OPEN_FOR_CHANGES,
    "severity": OPEN_FOR_CHANGES,
    "externalId": OPEN_FOR_CHANGES,
    "requestedResolutionDate": OPEN_FOR_CHANGES,
    "note": OPEN_FOR_CHANGES,
}


class TelecomApiTroubleTicket(models.AbstractModel):
    """TMF621 Trouble Ticket on technical-problem orders: the affected service is
    the related entity, the order's state the ticket's status."""

    _name = "telecom.api.trouble.ticket"
    _description = "TMF621 Trouble Ticket"
    _inherit = "telecom.api.mapping"

    @api.model
    def _href(self, order_id):
        return f"{self._base_url()}{PATH}/troubleTicket/{order_id}"

    @api.model
    def _domain(self, filters):
        domain = [("order_type", "=", "problem")]
        if filters.get("status"):
            statuses = self._split_values(filters["status"], STATUSES, "status")
            domain.append(("state", "in", [state for state, status in STATUS_BY_STATE.items() if status in statuses]))
        if filters.get("externalId"):
            domain.append(("external_reference", "=", filters["externalId"]))
        if filters.get("severity"):
            severities = self._split_values(filters["severity"], list(SEVERITY_TO_PRIORITY), "severity")
            domain.append(("priority", "in", [SEVERITY_TO_PRIORITY[severity] for severity in severities]))
        if filters.get("relatedParty.id"):
            partner_id = self._to_int(filters["relatedParty.id"], "relatedParty.id")
            domain += ["|", ("partner_id", "=", partner_id), ("commercial_partner_id", "=", partner_id)]
        domain += self._date_domain("create_date", filters, "creationDate")
        domain += self._date_domain("date_closed", filters, "resolutionDate")
        return domain

    @api.model
    def _get(self, ticket_id):
        Product = self.env["telecom.api.product.order"]
        order = self.env["telecom.order"].browse(Product._to_int_or_404(ticket_id)).exists()
        if not order or not order.has_access("read") or order.order_type != "problem":
            raise not_found("troubleTicket", ticket_id)
        return order

    @api.model
    def _to_tmf(self, orders, selected=None):
        wants = (lambda name: True) if selected is None else (lambda name: name in selected)
        result = []
        for order in orders:
            service = order.affected_service_id
            resource = {
                "id": str(order.id),
                "href": self._href(order.id),
                "@type": "TroubleTicket",
                "name": order.name,
                "externalId": order.external_reference or None,
                "description": self._html_to_text(order.description) or "" if wants("description") else None,
                "severity": PRIORITY_TO_SEVERITY.get(order.priority, "low"),
                "priority": PRIORITY_TO_TMF.get(order.priority, "4"),
                "ticketType": "technicalProblem",
                "status": STATUS_BY_STATE.get(order.state, "acknowledged"),
                "statusChangeReason": order.state_reason or None,
                "creationDate": self._iso(order.create_date),
                "lastUpdate": self._iso(order.write_date),
                "expectedResolutionDate": self._iso(order.date_expected),
                "requestedResolutionDate": self._iso(order.requested_date),
                "resolutionDate": self._iso(order.date_closed) if order.state in ("completed", "partial") else None,
                "channel": self._channel_to_tmf(order)[0] if wants("channel") else None,
                "relatedParty": self._party_to_tmf(order) if wants("relatedParty") else None,
                "relatedEntity": [
                    {
                        "id": str(service.id),
                        "name": service.display_name,
                        "role": "affectedService",
                        "@referredType": "Product",
                        "@type": "RelatedEntity",
                    }
                ]
                if service and wants("relatedEntity")
                else None,
                "place": [self._place_to_tmf(order.premises_id)] if order.premises_id and wants("place") else None,
            }
            result.append(self._select(resource, selected))
        return result

    @api.model
    def _create(self, payload, client_id):
        vals = self._ticket_vals(payload)
        vals.update(order_type="problem", channel="api", tmf_client_id=client_id)
        service = self._affected_service(payload.get("relatedEntity") or [])
        if service:
            vals["affected_service_id"] = service.id
            vals.setdefault("partner_id", service.partner_id.id)
        places = payload.get("place") or []
        if places:
            vals["premises_id"] = self._resolve_places(places[:1])[0].id
        elif service:
            vals["premises_id"] = service.premises_id.id
        else:
            raise invalid(
                "Name the affected service (relatedEntity) or the place of the problem.", code="MISSING_PLACE"
            )
        try:
            # The values are the API's mapping of the payload: its own bookkeeping included.
            order = self.env["telecom.order"].with_context(**system_write_context()).create([vals]).with_env(self.env)
            order.action_submit()
        except UserError as error:
            raise invalid(error.args[0], code="TICKET_REFUSED") from error
        return order

    @api.model
    def _ticket_vals(self, payload):
        vals = {}
        if "description" in payload:
            vals["description"] = self._text_to_html(payload["description"])
        if "externalId" in payload:
            vals["external_reference"] = payload["externalId"] or False
        if payload.get("severity") is not None:
            severity = payload["severity"].lower()
            if severity not in SEVERITY_TO_PRIORITY:
                raise invalid("severity is one of critical, major, minor, low.", code="INVALID_SEVERITY")
            vals["priority"] = SEVERITY_TO_PRIORITY[severity]
        if "requestedResolutionDate" in payload:
            vals["requested_date"] = self._to_date(payload["requestedResolutionDate"])
        if payload.get("relatedParty"):
            vals.update(self._party_vals(payload["relatedParty"]))
        return vals

    @api.model
    def _affected_service(self, entities):
        wanted = [entity for entity in entities if entity.get("@referredType") in (None, "Product", "Service")]
        if not wanted:
            return self.env["telecom.subscriber.service"]
        service_id = self.env["telecom.api.product.order"]._to_int_or_404(wanted[0].get("id"))
        service = self.env["telecom.subscriber.service"].browse(service_id).exists()
        if not service or not service.has_access("read"):
            raise invalid(f"Unknown related entity {wanted[0].get('id')}.", code="UNKNOWN_PRODUCT")
        return service

    @api.model
    def _patch(self, order, payload):
        status = payload.pop("status", None)
        for attribute in payload:
            allowed = PATCHABLE.get(attribute)
            if allowed is None:
                raise bad_request(f"{attribute} cannot be changed.", code="NOT_PATCHABLE")
            if order.state not in allowed:
                raise conflict(f"{attribute} cannot be changed in the status {STATUS_BY_STATE[order.state]}.")
        notes = payload.pop("note", None) or []
        vals = self._ticket_vals(payload)
        current = STATUS_BY_STATE[order.state]
        try:
            if vals:
                # The API's mapping of the payload, line item ids included.
                order._system_write(vals)
            for note in notes:
                if note.get("text"):
                    order.message_post(body=note["text"], subtype_xmlid="mail.mt_note")
            if status and status != current:
                self._change_status(order, status)
        except UserError as error:
            raise invalid(error.args[0], code="TICKET_REFUSED") from error
        return order

    @api.model
    def _change_status(self, order, status):
        """What a client may ask: resume a ticket waiting for it, or cancel it."""
        if status == "inProgress" and order.state == "pending":
            order.action_resume()
        elif status == "cancelled" and (order.state == "draft" or order.state in CANCELLABLE_STATES):
            if order.state == "draft":
                order.action_cancel_draft()
            else:
                order.action_request_cancellation()
        else:
            raise conflict(f"The ticket cannot go from {STATUS_BY_STATE[order.state]} to {status} on request.")
