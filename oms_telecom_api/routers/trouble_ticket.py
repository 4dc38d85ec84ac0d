# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..dependencies import ApiContext, scoped
from ..models.telecom_api_trouble_ticket import ATTRIBUTES, PATH
from ..schemas import TroubleTicket, TroubleTicketCreate, TroubleTicketUpdate
from .common import (
    ERROR_RESPONSES,
    Fields,
    IdempotencyKey,
    Listing,
    ResourceId,
    add_hub_routes,
    create_response,
    list_response,
    patch_response,
    retrieve_response,
)

router = APIRouter(tags=["TMF621 Trouble Ticket"], responses=ERROR_RESPONSES)
Caller = Annotated[ApiContext, Depends(scoped("troubleTicket"))]
SERVICE = "telecom.api.trouble.ticket"


def ticket_filters(
    status: Annotated[str | None, Query(description="One or more statuses, comma-separated.")] = None,
    externalId: Annotated[str | None, Query(max_length=255)] = None,
    severity: Annotated[str | None, Query()] = None,
    related_party_id: Annotated[str | None, Query(alias="relatedParty.id", max_length=20)] = None,
    creation_date_gt: Annotated[str | None, Query(alias="creationDate.gt")] = None,
    creation_date_gte: Annotated[str | None, Query(alias="creationDate.gte")] = None,
    creation_date_lt: Annotated[str | None, Query(alias="creationDate.lt")] = None,
    creation_date_lte: Annotated[str | None, Query(alias="creationDate.lte")] = None,
    resolution_date_gt: Annotated[str | None, Query(alias="resolutionDate.gt")] = None,
    resolution_date_lt: Annotated[str | None, Query(alias="resolutionDate.lt")] = None,
) -> dict:
    return {
        "status": status,
        "externalId": externalId,
        "severity": severity,
        "relatedParty.id": related_party_id,
        "creationDate.gt": creation_date_gt,
        "creationDate.gte": creation_date_gte,
        "creationDate.lt": creation_date_lt,
        "creationDate.lte": creation_date_lte,
        "resolutionDate.gt": resolution_date_gt,
        "resolutionDate.lt": resolution_date_lt,
    }


@router.get(f"{PATH}/troubleTicket", response_model=list[TroubleTicket], operation_id="listTroubleTicket")
def list_trouble_tickets(context: Caller, filters: Annotated[dict, Depends(ticket_filters)], query: Listing):
    service = context.env[SERVICE]
    return list_response(context, "telecom.order", service._domain(filters), query, service._to_tmf, ATTRIBUTES)


@router.post(f"{PATH}/troubleTicket", status_code=201, response_model=TroubleTicket, operation_id="createTroubleTicket")
def create_trouble_ticket(body: TroubleTicketCreate, context: Caller, key: IdempotencyKey = None):
    """Open a technical-problem order."""
    return create_response(context, context.env[SERVICE], f"{PATH}/troubleTicket", key, body)


@router.get(f"{PATH}/troubleTicket/{{ticket_id}}", response_model=TroubleTicket, operation_id="retrieveTroubleTicket")
def retrieve_trouble_ticket(ticket_id: ResourceId, context: Caller, fields: Fields = None):
    return retrieve_response(context.env[SERVICE], ticket_id, fields, ATTRIBUTES)


@router.patch(f"{PATH}/troubleTicket/{{ticket_id}}", response_model=TroubleTicket, operation_id="patchTroubleTicket")
def patch_trouble_ticket(ticket_id: ResourceId, body: TroubleTicketUpdate, context: Caller):
    return patch_response(context, context.env[SERVICE], ticket_id, body)


add_hub_routes(router, "troubleTicket", PATH)
