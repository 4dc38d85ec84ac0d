# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""TMF630 Error bodies for every refused request.

A TMFError is raised wherever a request is refused; the app's middleware rolls
the request's transaction back (nothing written) and answers with its body. It
is also a werkzeug HTTPException carrying its own response, so that one raised
outside the app is answered the same way by Odoo, without an error log."""

import json

from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

CODES = {
    400: "INVALID_REQUEST",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    411: "LENGTH_REQUIRED",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "UNPROCESSABLE_ENTITY",
}
REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    411: "Length Required",
    413: "Payload Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
}


class TMFError(HTTPException):
    def __init__(self, status, message, code=None, reason=None, headers=None):
        super().__init__(description=message)
        self.code = status
        self.tmf_code = code or CODES.get(status, str(status))
        self.reason = reason or REASONS.get(status, "Error")
        self.message = message
        self.extra_headers = headers or {}
        self.error_response = self.get_response()

    def body(self):
        return {
            "@type": "Error",
            "code": self.tmf_code,
            "reason": self.reason,
            "message": self.message,
            "status": str(self.code),
        }

    def get_response(self, environ=None, scope=None):
        return Response(
            json.dumps(self.body()),
            status=self.code,
            headers=self.extra_headers,
            content_type="application/json; charset=utf-8",
        )


def not_found(resource, identifier):
    return TMFError(404, f"No {resource} with id {identifier}.", code="NOT_FOUND")


def invalid(message, code="INVALID_VALUE"):
    return TMFError(422, message, code=code)


def conflict(message, code="STATE_CONFLICT"):
    return TMFError(409, message, code=code)


def bad_request(message, code="INVALID_REQUEST"):
    return TMFError(400, message, code=code)
