from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..dependencies import ApiContext, scoped
from ..models.telecom_api_work_order import ATTRIBUTES, PATH
from ..schemas import WorkOrder, WorkOrderUpdate
from .common import (
    ERROR_RESPONSES,
    Fields,
    Limit,
    Offset,
    ResourceId,
    add_hub_routes,
    json_response,
    list_response,
    payload_of,
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
def list_work_orders(
    context: Caller,
    filters: Annotated[dict, Depends(work_order_filters)],
    fields: Fields = None,
    offset: Offset = 0,
    limit: Limit = 100,
):
    service = context.env[SERVICE]
    selected = service._parse_fields(fields, ATTRIBUTES)
    return list_response(
        context, "telecom.work.order", service._domain(filters), offset, limit, service._to_tmf, selected
    )


@router.get(f"{PATH}/workOrder/{{work_order_id}}", response_model=WorkOrder, operation_id="retrieveWorkOrder")
def retrieve_work_order(work_order_id: ResourceId, context: Caller, fields: Fields = None):
    service = context.env[SERVICE]
    selected = service._parse_fields(fields, ATTRIBUTES)
    return json_response(service._to_tmf(service._get(work_order_id), selected)[0])


@router.patch(f"{PATH}/workOrder/{{work_order_id}}", response_model=WorkOrder, operation_id="patchWorkOrder")
def patch_work_order(work_order_id: ResourceId, body: WorkOrderUpdate, context: Caller):
    """Report progress (inProgress) or the result (completed / failed, with a
    note): the order's scenario moves on as when a technician reports it."""
    service = context.env[SERVICE]
    work_order = service._patch(service._get(work_order_id), payload_of(body, patch=True))
    context.env.flush_all()
    return json_response(service._to_tmf(work_order)[0])


add_hub_routes(router, "workOrder", PATH)
