# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Security
from fastapi.security import APIKeyHeader

from odoo.api import Environment

from odoo.addons.fastapi.context import odoo_env_ctx

from .errors import TMFError

api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="The integration's API key (Settings > Telecom Orders > API Integrations).",
)


@dataclass
class ApiContext:
    """Who calls: the integration, and the environment of its user."""

    env: Environment
    client_id: int
    scopes: frozenset


# Our dependencies are coroutines: FastAPI runs a plain function in a worker
# thread, a hop per dependency and per request; these wait on nothing but a
# cached look-up, so they run in the request's event loop instead.


async def authenticated(api_key: Annotated[str | None, Security(api_key_header)] = None) -> ApiContext:
    # The request's environment as fastapi's odoo_env dependency gives it (the
    # TM Forum app overrides no company), taken here rather than through that
    # plain generator, which FastAPI would enter, exit and solve in worker threads.
    env = odoo_env_ctx.get()
    info = env["telecom.api.client"]._authenticate(api_key)
    if not info:
        raise TMFError(401, "A valid X-API-Key header is required.", headers={"WWW-Authenticate": "ApiKey"})
    client_id, user_id, company_ids, scopes = info
    context = dict(env.context, allowed_company_ids=list(company_ids))
    return ApiContext(env(user=user_id, context=context), client_id, scopes)


def scoped(scope):
    """A dependency: the caller, allowed to use the API family `scope`."""

    async def dependency(context: Annotated[ApiContext, Depends(authenticated)]) -> ApiContext:
        if scope not in context.scopes:
            raise TMFError(403, f"This integration may not use the {scope} API.", code="SCOPE_FORBIDDEN")
        return context

    return dependency


async def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=255,
            description="Sending a POST again with the same key and body replays the first response "
            "without creating anything; the same key with another body is refused (422).",
        ),
    ] = None,
) -> str | None:
    return key or None
