# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every refused request ends as a TMF Error, never as a server error.

The middleware sits around the TM Forum app: it refuses oversize bodies (already
refused before Odoo reads them, see fastapi.endpoint) and NUL characters (which
PostgreSQL cannot store) before anything is parsed, and turns
what FastAPI and the ORM raise for bad input into TMF Error responses. Anything
else (database concurrency errors, bugs) goes on to Odoo, which retries
serialisation failures and logs the rest."""

import json
from urllib.parse import unquote_to_bytes

from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from odoo.exceptions import AccessDenied, AccessError, MissingError, UserError

from odoo.addons.fastapi.context import odoo_env_ctx

from .errors import REASONS, TMFError

# Default of the system parameter MAX_BODY_SIZE_PARAM.
MAX_BODY_SIZE = 1024 * 1024
MAX_BODY_SIZE_PARAM = "oms_telecom_api.max_body_size"


def too_large(limit):
    return TMFError(413, f"The body is larger than {limit} bytes.")


def validation_error(exc):
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        return TMFError(400, "The body is not valid JSON.", code="INVALID_JSON")
    details = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', 'invalid')}"
        for error in errors[:10]
    )
    return TMFError(400, details or "Invalid request.", code="INVALID_REQUEST")


def convert(exc):
    """The TMFError for an exception raised by bad input, or None."""
    if isinstance(exc, TMFError):
        return exc
    if isinstance(exc, RequestValidationError):
        return validation_error(exc)
    if isinstance(exc, StarletteHTTPException):
        return TMFError(exc.status_code, str(exc.detail or REASONS.get(exc.status_code, "Error")))
    if isinstance(exc, MissingError):
        return TMFError(404, "The resource does not exist (any more).")
    if isinstance(exc, AccessError | AccessDenied):
        return TMFError(403, "The integration's user may not do this.", code="FORBIDDEN")
    if isinstance(exc, UserError):
        return TMFError(422, exc.args[0] if exc.args else "Refused.", code="REFUSED")
    return None


class TMFGuardMiddleware:
    """Refused requests are answered here, as normal responses: an exception
    crossing the ASGI-to-WSGI bridge right after the body was read can be lost
    (the bridge may see the app done before it sees the error), so bad input
    never leaves the app as an exception. What the request wrote is rolled back
    first. Other exceptions go on to Odoo (retry of serialisation failures,
    logging, rollback)."""

    def __init__(self, app, max_body_size=MAX_BODY_SIZE):
        self.app = app
        self.max_body_size = max_body_size

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            limit = self._limit()
            self._check_request_line(scope, limit)
            if scope.get("method") in ("POST", "PUT", "PATCH"):
                receive = await self._buffered(receive, limit)
            await self.app(scope, receive, tracked_send)
        except Exception as exc:
            error = convert(exc)
            if error is None or started:
                raise
            self._rollback()
            await self._send_error(send, error)

    def _limit(self):
        """The configured limit of the body's size (read per request: a change applies at once)."""
        env = odoo_env_ctx.get(None)
        return env["fastapi.endpoint"]._tmf_max_body_size() if env is not None else self.max_body_size

    def _rollback(self):
        env = odoo_env_ctx.get(None)
        if env is not None:
            env.cr.rollback()
            env.reset()
            env.registry.reset_changes()

    async def _send_error(self, send, error):
        body = json.dumps(error.body()).encode()
        headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
        headers += [
            (name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in error.extra_headers.items()
        ]
        await send({"type": "http.response.start", "status": error.code, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _buffered(self, receive, limit):
        """Read the whole body first (FastAPI would hide our errors while it
        parses it): refuse it when too large or when it holds NUL characters."""
        body = bytearray()
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            body.extend(message.get("body", b""))
            if len(body) > limit:
                raise too_large(limit)
            more = message.get("more_body", False)
        if b"\\u0000" in body or b"\x00" in body:
            raise TMFError(400, "NUL characters are not allowed.", code="INVALID_CHARACTER")
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        return replay

    def _check_request_line(self, scope, limit):
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit():
                raise TMFError(400, "Invalid Content-Length.")
            if int(length) > limit:
                raise too_large(limit)
        raw = scope.get("query_string") or b""
        if b"\x00" in unquote_to_bytes(raw) or "\x00" in scope.get("path", ""):
            raise TMFError(400, "NUL characters are not allowed.", code="INVALID_CHARACTER")
