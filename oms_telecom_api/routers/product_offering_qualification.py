# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ..dependencies import ApiContext, scoped
from ..models.telecom_api_product_offering_qualification import ATTRIBUTES, PATH
from ..schemas import ProductOfferingQualification, ProductOfferingQualificationCreate
from .common import (
    ERROR_RESPONSES,
    Fields,
    IdempotencyKey,
    Listing,
    ResourceId,
    create_response,
    json_response,
    list_response,
)

router = APIRouter(tags=["TMF679 Product Offering Qualification"], responses=ERROR_RESPONSES)
# The integrations that may order may ask first: the same keys as TMF622.
Caller = Annotated[ApiContext, Depends(scoped("productOrdering"))]
SERVICE = "telecom.api.product.offering.qualification"


def qualification_filters(
    state: Annotated[str | None, Query(description="One or more states, comma-separated.")] = None,
    related_party_id: Annotated[str | None, Query(alias="relatedParty.id", max_length=20)] = None,
    channel_id: Annotated[str | None, Query(alias="channel.id", description="e.g. api, web, portal")] = None,
    date: Annotated[str | None, Query(alias="productOfferingQualificationDate")] = None,
    date_gt: Annotated[str | None, Query(alias="productOfferingQualificationDate.gt")] = None,
    date_gte: Annotated[str | None, Query(alias="productOfferingQualificationDate.gte")] = None,
    date_lt: Annotated[str | None, Query(alias="productOfferingQualificationDate.lt")] = None,
    date_lte: Annotated[str | None, Query(alias="productOfferingQualificationDate.lte")] = None,
    expected: Annotated[str | None, Query(alias="expectedQualificationDate")] = None,
    expected_gt: Annotated[str | None, Query(alias="expectedQualificationDate.gt")] = None,
    expected_gte: Annotated[str | None, Query(alias="expectedQualificationDate.gte")] = None,
    expected_lt: Annotated[str | None, Query(alias="expectedQualificationDate.lt")] = None,
    expected_lte: Annotated[str | None, Query(alias="expectedQualificationDate.lte")] = None,
) -> dict:
    return {
        "state": state,
        "relatedParty.id": related_party_id,
        "channel.id": channel_id,
        "productOfferingQualificationDate": date,
        "productOfferingQualificationDate.gt": date_gt,
        "productOfferingQualificationDate.gte": date_gte,
        "productOfferingQualificationDate.lt": date_lt,
        "productOfferingQualificationDate.lte": date_lte,
        "expectedQualificationDate": expected,
        "expectedQualificationDate.gt": expected_gt,
        "expectedQualificationDate.gte": expected_gte,
        "expectedQualificationDate.lt": expected_lt,
        "expectedQualificationDate.lte": expected_lte,
    }


@router.get(
    f"{PATH}/productOfferingQualification",
    response_model=list[ProductOfferingQualification],
    operation_id="listProductOfferingQualification",
)
def list_qualifications(context: Caller, filters: Annotated[dict, Depends(qualification_filters)], query: Listing):
    """The integration's qualifications, newest first, 20 by default and at most
    100 per page (`offset`, `limit`); X-Total-Count and X-Result-Count tell the paging."""
    service = context.env[SERVICE]
    domain = service._domain(filters, context.client_id)
    return list_response(context, "telecom.qualification", domain, query, service._to_tmf, ATTRIBUTES)


@router.post(
    f"{PATH}/productOfferingQualification",
    status_code=201,
    response_model=ProductOfferingQualification,
    operation_id="createProductOfferingQualification",
)
def create_qualification(body: ProductOfferingQualificationCreate, context: Caller, key: IdempotencyKey = None):
    """Can these offerings be delivered at this place, and from when? Answered at
    once (state done): per item qualified, alternate (with the alternatives) or
    unqualified (with the reason)."""
    return create_response(context, context.env[SERVICE], f"{PATH}/productOfferingQualification", key, body)


@router.get(
    f"{PATH}/productOfferingQualification/{{qualification_id}}",
    response_model=ProductOfferingQualification,
    operation_id="retrieveProductOfferingQualification",
)
def retrieve_qualification(qualification_id: ResourceId, context: Caller, fields: Fields = None):
    service = context.env[SERVICE]
    selected = service._parse_fields(fields, ATTRIBUTES)
    return json_response(service._to_tmf(service._get(qualification_id, context.client_id), selected)[0])
