from starlette.middleware import Middleware

from odoo import fields, models

from ..middleware import TMFGuardMiddleware
from ..routers import product_order_router, trouble_ticket_router, work_order_router

TMF_DESCRIPTION = """TM Forum Open APIs of OMS Telecom:

* **TMF622 Product Ordering v4** (`/productOrderingManagement/v4`): product orders
  (connections, changes, disconnections), their cancellation and event hub.
* **TMF621 Trouble Ticket v4** (`/troubleTicket/v4`): technical-problem orders.
* **TMF697 Work Order v4** (`/workOrderManagement/v4`): technical work orders; technical
  systems report progress and results here.

Authenticate with the `X-API-Key` header. Every POST accepts an `Idempotency-Key`
header. Errors are TMF630 `Error` bodies. Events sent to registered hubs are signed:
`X-OMS-Signature: sha256=HMAC-SHA256(secret, "<X-OMS-Timestamp>.<body>")`.
"""


class FastapiEndpoint(models.Model):
    _inherit = "fastapi.endpoint"

    app = fields.Selection(selection_add=[("tmf", "TM Forum Open APIs")], ondelete={"tmf": "cascade"})

    def _get_fastapi_routers(self):
        if self.app == "tmf":
            return [product_order_router, trouble_ticket_router, work_order_router]
        return super()._get_fastapi_routers()

    def _get_fastapi_app_middlewares(self):
        middlewares = super()._get_fastapi_app_middlewares()
        if self.app == "tmf":
            middlewares.append(Middleware(TMFGuardMiddleware))
        return middlewares

    def _prepare_fastapi_app_params(self):
        params = super()._prepare_fastapi_app_params()
        if self.app == "tmf":
            params.update(version="4.0.0", description=TMF_DESCRIPTION)
        return params
