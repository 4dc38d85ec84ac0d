# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..dependencies import ApiContext, scoped
from ..models.telecom_api_work_order import ATTRIBUTES, PATH
from ..schemas import WorkOrder, WorkOrderUpdate
from .common import (
    ERROR_RESPONSES,
    Fields,
    Listing,
    ResourceId,
    add_hub_routes,
    list_response,
    patch_response,
    retrieve_response,
)

router = APIRouter(tags=["TMF697 Work Order"], responses=ERROR_RESPONSES)
Caller = Annotated[ApiContext, Depends(scoped("workOrder"))]
SERVICE = "telecom.api.work.order"


def work_order_filters(
    state: Annotated[str | None, Query(description="One or more states, comma-separated.")] = None,
    category: Annotated[str | None, Query(description="Kinds: installation, line_test, repair...")] = None,
    related_entity_id: Annotated[str | None, Query(alias="relatedEntity.id", max_length=20)] = None,
    requested_start_date_gte: Annotated[str | None, Query(alias="requestedStartDate.gte")] = None,
    requested_start_date_lte: Annotated[str | None, Query(alias="requestedStartDate.lte")] = None,
    completion_date_gt: Annotated[str | None, Query(alias="completionDate.gt")] = None,
    completion_date_lt: Annotated[str | None, Query(alias="completionDate.lt")] = None,
) -> dict:
    return {
        "state": state,
        "category": category,
        "relatedEntity.id": related_entity_id,
        "requestedStartDate.gte": requested_start_date_gte,
        "requestedStartDate.lte": requested_start_date_lte,
        "completionDate.gt": completion_date_gt,
        "completionDate.lt": completion_date_lt,
    }


@router.get(f"{PATH}/workOrder", response_model=list[WorkOrder], operation_id="listWorkOrder")
def list_work_orders(context: Caller, filters: Annotated[dict, Depends(work_order_filters)], query: Listing):
    service = context.env[SERVICE]
    return list_response(context, "telecom.work.order", service._domain(filters), query, service._to_tmf, ATTRIBUTES)


@router.get(f"{PATH}/workOrder/{{work_order_id}}", response_model=WorkOrder, operation_id="retrieveWorkOrder")
def retrieve_work_order(work_order_id: ResourceId, context: Caller, fields: Fields = None):
    return retrieve_response(context.env[SERVICE], work_order_id, fields, ATTRIBUTES)


@router.patch(f"{PATH}/workOrder/{{work_order_id}}", response_model=WorkOrder, operation_id="patchWorkOrder")
def patch_work_order(work_order_id: ResourceId, body: WorkOrderUpdate, context: Caller):
    """Report progress (inProgress) or the result (completed / failed, with a
    note): the order's scenario moves on as when a technician reports it."""
    return patch_response(context, context.env[SERVICE], work_order_id, body)


add_hub_routes(router, "workOrder", PATH)
