# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from ..dependencies import ApiContext, scoped
from ..errors import not_found
from ..models.telecom_api_product_order import ATTRIBUTES, PATH
from ..schemas import (
    CancelProductOrder,
    CancelProductOrderCreate,
    ProductOrder,
    ProductOrderCreate,
    ProductOrderUpdate,
)
from .common import (
    ERROR_RESPONSES,
    Fields,
    IdempotencyKey,
    Listing,
    ResourceId,
    add_hub_routes,
    create_response,
    idempotent_create,
    json_response,
    list_response,
    patch_response,
    payload_of,
    retrieve_response,
)

router = APIRouter(tags=["TMF622 Product Ordering"], responses=ERROR_RESPONSES)
Caller = Annotated[ApiContext, Depends(scoped("productOrdering"))]
SERVICE = "telecom.api.product.order"
CANCEL_ATTRIBUTES = (
    "state",
    "cancellationReason",
    "requestedCancellationDate",
    "effectiveCancellationDate",
    "creationDate",
    "productOrder",
)
CANCEL_STATES = ("acknowledged", "inProgress", "done", "rejected", "terminatedWithError")


def order_filters(
    order_id: Annotated[
        str | None, Query(alias="id", description="One or more ids, comma-separated.", max_length=2000)
    ] = None,
    state: Annotated[str | None, Query(description="One or more states, comma-separated.")] = None,
    externalId: Annotated[str | None, Query(max_length=255)] = None,
    category: Annotated[str | None, Query(description="connection, change or disconnection")] = None,
    related_party_id: Annotated[str | None, Query(alias="relatedParty.id", max_length=20)] = None,
    order_date: Annotated[
        str | None, Query(alias="orderDate", description="The exact orderDate (to the second).")
    ] = None,
    order_date_gt: Annotated[str | None, Query(alias="orderDate.gt")] = None,
    order_date_gte: Annotated[str | None, Query(alias="orderDate.gte")] = None,
    order_date_lt: Annotated[str | None, Query(alias="orderDate.lt")] = None,
    order_date_lte: Annotated[str | None, Query(alias="orderDate.lte")] = None,
    completion_date_gt: Annotated[str | None, Query(alias="completionDate.gt")] = None,
    completion_date_lt: Annotated[str | None, Query(alias="completionDate.lt")] = None,
    requested_start_date_gte: Annotated[str | None, Query(alias="requestedStartDate.gte")] = None,
    requested_start_date_lte: Annotated[str | None, Query(alias="requestedStartDate.lte")] = None,
) -> dict:
    return {
        "id": order_id,
        "state": state,
        "externalId": externalId,
        "category": category,
        "relatedParty.id": related_party_id,
        "orderDate": order_date,
        "orderDate.gt": order_date_gt,
        "orderDate.gte": order_date_gte,
        "orderDate.lt": order_date_lt,
        "orderDate.lte": order_date_lte,
        "completionDate.gt": completion_date_gt,
        "completionDate.lt": completion_date_lt,
        "requestedStartDate.gte": requested_start_date_gte,
        "requestedStartDate.lte": requested_start_date_lte,
    }


@router.get(f"{PATH}/productOrder", response_model=list[ProductOrder], operation_id="listProductOrder")
def list_product_orders(context: Caller, filters: Annotated[dict, Depends(order_filters)], query: Listing):
    """List product orders, newest first, 20 by default and at most 100 per
    page (`offset`, `limit`); X-Total-Count and X-Result-Count tell the paging."""
    service = context.env[SERVICE]
    return list_response(context, "telecom.order", service._domain(filters), query, service._to_tmf, ATTRIBUTES)


@router.post(f"{PATH}/productOrder", status_code=201, response_model=ProductOrder, operation_id="createProductOrder")
def create_product_order(body: ProductOrderCreate, context: Caller, key: IdempotencyKey = None):
    """Create (and submit) a product order."""
    return create_response(context, context.env[SERVICE], f"{PATH}/productOrder", key, body)


@router.get(f"{PATH}/productOrder/{{order_id}}", response_model=ProductOrder, operation_id="retrieveProductOrder")
def retrieve_product_order(order_id: ResourceId, context: Caller, fields: Fields = None):
    return retrieve_response(context.env[SERVICE], order_id, fields, ATTRIBUTES)


@router.patch(f"{PATH}/productOrder/{{order_id}}", response_model=ProductOrder, operation_id="patchProductOrder")
def patch_product_order(order_id: ResourceId, body: ProductOrderUpdate, context: Caller):
    """Change what the order's state allows (see the field mapping)."""
    return patch_response(context, context.env[SERVICE], order_id, body)


@router.delete(f"{PATH}/productOrder/{{order_id}}", status_code=204, operation_id="deleteProductOrder")
def delete_product_order(order_id: ResourceId, context: Caller):
    """Delete a draft order (an order under way is cancelled with cancelProductOrder)."""
    service = context.env[SERVICE]
    service._delete(service._get(order_id))
    context.env.flush_all()
    return Response(status_code=204)


@router.get(
    f"{PATH}/cancelProductOrder", response_model=list[CancelProductOrder], operation_id="listCancelProductOrder"
)
def list_cancel_product_orders(
    context: Caller,
    query: Listing,
    state: Annotated[str | None, Query()] = None,
    product_order_id: Annotated[str | None, Query(alias="productOrder.id", max_length=20)] = None,
):
    service = context.env[SERVICE]
    domain = [("order_id", "in", context.env["telecom.order"]._search(service._served_domain()))]
    if state:
        domain.append(("state", "in", service._split_values(state, CANCEL_STATES, "state")))
    if product_order_id:
        domain.append(("order_id", "=", service._to_int_or_404(product_order_id)))
    return list_response(
        context, "telecom.api.cancel.request", domain, query, service._cancel_to_tmf, CANCEL_ATTRIBUTES
    )


@router.post(
    f"{PATH}/cancelProductOrder",
    status_code=201,
    response_model=CancelProductOrder,
    operation_id="createCancelProductOrder",
)
def create_cancel_product_order(body: CancelProductOrderCreate, context: Caller, key: IdempotencyKey = None):
    """Ask for the cancellation of an order: a draft is cancelled at once, an
    order under way waits for an operator's decision (state inProgress)."""
    service = context.env[SERVICE]
    payload = payload_of(body)

    def create():
        request = service._cancel_create(payload, context.client_id)
        return request, service._cancel_to_tmf(request)[0], service._cancel_href(request.id)

    return idempotent_create(context, f"{PATH}/cancelProductOrder", key, payload, create)


@router.get(
    f"{PATH}/cancelProductOrder/{{request_id}}",
    response_model=CancelProductOrder,
    operation_id="retrieveCancelProductOrder",
)
def retrieve_cancel_product_order(request_id: ResourceId, context: Caller, fields: Fields = None):
    service = context.env[SERVICE]
    selected = service._parse_fields(fields, CANCEL_ATTRIBUTES)
    request = context.env["telecom.api.cancel.request"].browse(service._to_int_or_404(request_id)).exists()
    if (
        not request
        or not request.has_access("read")
        or not request.order_id.has_access("read")
        or not request.order_id.filtered_domain(service._served_domain())
    ):
        raise not_found("cancelProductOrder", request_id)
    return json_response(service._cancel_to_tmf(request, selected)[0])


add_hub_routes(router, "productOrdering", PATH)
