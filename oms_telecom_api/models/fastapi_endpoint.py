# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from starlette.middleware import Middleware

from odoo import api, fields, models, tools

from ..errors import TMFError
from ..middleware import MAX_BODY_SIZE, MAX_BODY_SIZE_PARAM, TMFGuardMiddleware, too_large
from ..routers import (
    product_offering_qualification_router,
    product_order_router,
    trouble_ticket_router,
    work_order_router,
)

# A body length as HTTP writes it: ASCII digits, fewer than any body could need.
CONTENT_LENGTH_RE = re.compile(r"[0-9]{1,18}")

TMF_DESCRIPTION = """TM Forum Open APIs of OMS Telecom:

* **TMF622 Product Ordering v4** (`/productOrderingManagement/v4`): product orders
  (connections, changes, disconnections), their cancellation and event hub.
* **TMF679 Product Offering Qualification v4** (`/productOfferingQualification/v4`): can
  these offerings be delivered at this address, from when, and what instead? Answered
  synchronously; the same API keys as TMF622.
* **TMF621 Trouble Ticket v4** (`/troubleTicket/v4`): technical-problem orders.
* **TMF697 Work Order v4** (`/workOrderManagement/v4`): technical work orders; technical
  systems report progress and results here.

Authenticate with the `X-API-Key` header. Every POST accepts an `Idempotency-Key`
header. Errors are TMF630 `Error` bodies. A hub registered with the callback `C` hears
each event at `C/listener/<eventType>` (e.g. `.../listener/productOrderStateChangeEvent`),
signed:
`X-OMS-Signature: sha256=HMAC-SHA256(secret, "<X-OMS-Timestamp>.<body>")`.
"""


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(selection_add=[("tmf", "TM Forum Open APIs")], ondelete={"tmf": "cascade"})

    def _get_fastapi_routers(self):
        if self.app == "tmf":
            return [
                product_order_router,
                product_offering_qualification_router,
                trouble_ticket_router,
                work_order_router,
            ]
        return super()._get_fastapi_routers()

    def _get_app_dependencies_overrides(self):
        # With any override, FastAPI analyses every dependency of the route again
        # on each request; the TM Forum routes use neither the endpoint's id nor
        # its company (their caller is the integration's user, see dependencies.py).
        if self.app == "tmf":
            return {}
        return super()._get_app_dependencies_overrides()

    @api.model
    def _fastapi_app_fields(self):
        # Also clears _tmf_serves (the registry's cache) when an endpoint changes its app.
        return [*super()._fastapi_app_fields(), "app"]

    @api.model
    @tools.ormcache("path")
    def _tmf_serves(self, path):
        """Whether `path` is served by a TM Forum app: asked by every request."""
        endpoint_sudo = self.sudo()._get_endpoint(path)
        return bool(endpoint_sudo) and endpoint_sudo.app == "tmf"

    def _get_fastapi_app_middlewares(self):
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == "tmf":
            middlewares.append(Middleware(TMFGuardMiddleware))
        return middlewares

    @api.model
    def _tmf_max_body_size(self):
        """The largest request body the TM Forum APIs accept, in bytes."""
        params_sudo = self.env["ir.config_parameter"].sudo()
        value = (params_sudo.get_param(MAX_BODY_SIZE_PARAM) or "").strip()
        return int(value) if value.isdigit() and int(value) > 0 else MAX_BODY_SIZE

    @api.model
    def _tmf_limit_body(self, httprequest):
        """Before the dispatcher reads the body into memory: refuse a body whose
        end is uncertain (a malformed length, or a length and a transfer encoding
        together, which the bridge to the app would wait on), a declared length
        over the limit, and a chunked body (no length: it would be read whole, and
        the app would see it empty)."""
        if not self._tmf_serves(httprequest.path):
            return
        length = httprequest.headers.get("Content-Length")
        if length is None:
            if "chunked" in httprequest.headers.get("Transfer-Encoding", "").lower():
                raise TMFError(411, "A request body needs a Content-Length header.", code="LENGTH_REQUIRED")
            return
        if "Transfer-Encoding" in httprequest.headers:
            raise TMFError(400, "A request cannot have both Content-Length and Transfer-Encoding headers.")
        if not CONTENT_LENGTH_RE.fullmatch(length):
            raise TMFError(400, "The Content-Length header must be a number of bytes.")
        limit = self._tmf_max_body_size()
        if int(length) > limit:
            raise too_large(limit)

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "tmf":
            params.update(version="4.0.0", description=TMF_DESCRIPTION)
        return params
