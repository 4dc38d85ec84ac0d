# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path, Query, Response

from ..dependencies import ApiContext, idempotency_key, scoped
from ..errors import bad_request, conflict, invalid, not_found
from ..models.telecom_api_idempotency import EXTERNAL_ID_PREFIX, request_fingerprint
from ..models.telecom_api_listener import EVENT_TYPES, parse_hub_query
from ..schemas import Error, EventSubscription, EventSubscriptionInput

ERROR_RESPONSES = {
    status: {"model": Error, "description": description}
    for status, description in (
        (400, "Bad request: malformed JSON, wrong types, unknown attribute"),
        (401, "Missing or invalid API key"),
        (403, "The integration may not do this"),
        (404, "No such resource"),
        (405, "Method not allowed"),
        (409, "The resource's state does not allow it"),
        (411, "A body without Content-Length (chunked)"),
        (413, "Body too large (system parameter oms_telecom_api.max_body_size)"),
        (422, "Refused: unknown reference, business rule, idempotency key reused with another body"),
    )
}
MAX_OFFSET = 10**9
# Page sizes: a larger limit is refused (400) rather than cut silently.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Index of the first result.")]
Limit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=f"Number of results (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}: more is refused with 400).",
    ),
]
Fields = Annotated[str | None, Query(description="Comma-separated attributes to return (id, href, @type always).")]
ResourceId = Annotated[str, Path(max_length=64)]
IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]


@dataclass
class ListQuery:
    """What every list takes besides its filters: attribute selection and paging."""

    fields: Fields = None
    offset: Offset = 0
    limit: Limit = DEFAULT_LIMIT


Listing = Annotated[ListQuery, Depends()]


def json_response(body, status_code=200, headers=None):
    return Response(content=json.dumps(body), status_code=status_code, headers=headers, media_type="application/json")


def list_response(context: ApiContext, model_name, domain, query: ListQuery, to_tmf, attributes):
    """One page of the records of `domain`, newest first, with the selected
    attributes; X-Total-Count and X-Result-Count tell the paging."""
    selected = context.env["telecom.api.mapping"]._parse_fields(query.fields, attributes)
    Model = context.env[model_name]
    total = Model.search_count(domain)
    records = Model.search(domain, offset=query.offset, limit=query.limit, order="id desc")
    body = to_tmf(records, selected)
    return json_response(body, headers={"X-Total-Count": str(total), "X-Result-Count": str(len(body))})


def retrieve_response(service, resource_id, fields, attributes):
    """One resource of the mapping `service`, with the selected attributes."""
    return json_response(service._to_tmf(service._get(resource_id), service._parse_fields(fields, attributes))[0])


def patch_response(context: ApiContext, service, resource_id, body):
    """PATCH of one resource of the mapping `service`; constraint errors surface while they can be answered."""
    record = service._patch(service._get(resource_id), payload_of(body, patch=True))
    context.env.flush_all()
    return json_response(service._to_tmf(record)[0])


def create_response(context: ApiContext, service, path, key, body):
    """POST of a resource of the mapping `service`, once per Idempotency-Key and externalId."""
    payload = payload_of(body)

    def create():
        record = service._create(payload, context.client_id)
        return record, service._to_tmf(record)[0], service._href(record.id)

    return idempotent_create(context, path, key, payload, create, payload.get("externalId"))


def payload_of(body, patch=False):
    """The body as plain JSON; a PATCH drops the polymorphism attributes (@type...)."""
    payload = body.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if patch:
        payload = {key: value for key, value in payload.items() if not key.startswith("@")}
    return payload


def idempotent_create(context: ApiContext, path, key, payload, create, external_id=None):
    """Create once per Idempotency-Key (and per externalId): `create()` returns
    (record, body, location) and runs only for a request not seen before."""
    Idempotency = context.env["telecom.api.idempotency"]
    fingerprint = request_fingerprint("POST", path, payload)
    claims = []
    candidates = []
    if key:
        candidates.append((key, "idempotency"))
    if external_id:
        candidates.append((f"{EXTERNAL_ID_PREFIX}{path}:{external_id}", "externalId"))
    claim_keys = [claim_key for claim_key, _kind in candidates]
    earlier = Idempotency._claim(context.client_id, claim_keys, fingerprint) if claim_keys else {}
    for claim_key, kind in candidates:
        previous = earlier[claim_key]
        if previous is None:
            claims.append(claim_key)
            continue
        if previous.fingerprint != fingerprint:
            if kind == "idempotency":
                raise invalid("This Idempotency-Key was used with another request body.", code="IDEMPOTENCY_KEY_REUSED")
            raise conflict(
                f"externalId {external_id} is already used by another request of this integration.",
                code="DUPLICATE_EXTERNAL_ID",
            )
        if not previous.status_code:
            raise conflict("A request with this key is still being processed.", code="REQUEST_IN_PROGRESS")
        if claims:
            Idempotency._store_response(
                context.client_id, claims, previous.status_code, previous.response_body, previous.location
            )
        headers = {"Idempotent-Replayed": "true"}
        if previous.location:
            headers["Location"] = previous.location
        return Response(
            content=previous.response_body,
            status_code=previous.status_code,
            headers=headers,
            media_type="application/json",
        )
    record, body, location = create()
    # Serialised once: the response, and the copy kept to replay it.
    content = json.dumps(body)
    if claims:
        Idempotency._store_response(context.client_id, claims, 201, content, location, record)
    # Constraint errors surface here, while they can still be answered as such.
    context.env.flush_all()
    return Response(content=content, status_code=201, headers={"Location": location}, media_type="application/json")


def add_hub_routes(router, api_family, prefix):
    """TMF hub register / unregister (and read) for one API family."""
    known_types = set(EVENT_TYPES[api_family])

    def hub_to_tmf(listener):
        return {"id": str(listener.id), "callback": listener.callback, "query": listener.query or None}

    def owned_hub(context, hub_id):
        number = context.env["telecom.api.product.order"]._to_int_or_404(hub_id)
        listener_sudo = context.env["telecom.api.listener"].sudo().browse(number).exists()
        if (
            not listener_sudo
            or listener_sudo.kind != "hub"
            or listener_sudo.api_family != api_family
            or listener_sudo.client_id.id != context.client_id
        ):
            raise not_found("hub", hub_id)
        return listener_sudo

    @router.post(
        f"{prefix}/hub",
        status_code=201,
        response_model=EventSubscription,
        summary="Register a listener",
        operation_id=f"registerListener_{api_family}",
    )
    def register_hub(
        body: EventSubscriptionInput,
        context: Annotated[ApiContext, Depends(scoped(api_family))],
        key: IdempotencyKey = None,
    ):
        payload = payload_of(body)
        try:
            asked = parse_hub_query(payload.get("query"))
        except ValueError as error:
            raise bad_request(f"Invalid query: {error}", code="INVALID_QUERY") from error
        if asked and asked - known_types:
            raise bad_request(f"Unknown event type(s): {', '.join(sorted(asked - known_types))}", code="INVALID_QUERY")

        def create():
            listener = context.env["telecom.api.listener"]._register_hub(
                context.client_id, api_family, payload["callback"], payload.get("query")
            )
            return (
                listener,
                hub_to_tmf(listener),
                f"{context.env['telecom.api.mapping']._base_url()}{prefix}/hub/{listener.id}",
            )

        return idempotent_create(context, f"{prefix}/hub", key, payload, create)

    @router.get(
        f"{prefix}/hub/{{hub_id}}",
        response_model=EventSubscription,
        summary="Retrieve a registered listener",
        operation_id=f"retrieveListener_{api_family}",
    )
    def retrieve_hub(hub_id: ResourceId, context: Annotated[ApiContext, Depends(scoped(api_family))]):
        return json_response(hub_to_tmf(owned_hub(context, hub_id)))

    @router.delete(
        f"{prefix}/hub/{{hub_id}}",
        status_code=204,
        summary="Unregister a listener",
        operation_id=f"unregisterListener_{api_family}",
    )
    def unregister_hub(hub_id: ResourceId, context: Annotated[ApiContext, Depends(scoped(api_family))]):
        owned_hub(context, hub_id).unlink()
        context.env.flush_all()
        return Response(status_code=204)

    return router
