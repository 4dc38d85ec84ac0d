# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models

from ..dependencies import ApiContext
from ..models.telecom_order_intake import RECEIPT_CRON, RECEIPT_DELAY
from ..routers.product_order import create_product_order
from ..routers.trouble_ticket import create_trouble_ticket
from ..schemas import ProductOrderCreate, TroubleTicketCreate

# What an integration POSTs: the endpoint's function and the schema of its body.
RESOURCES = {
    "productOrder": (create_product_order, ProductOrderCreate),
    "troubleTicket": (create_trouble_ticket, TroubleTicketCreate),
}


class TelecomOrderDemo(models.AbstractModel):
    _inherit = "telecom.order.demo"

    @api.model
    def _demo_send_over_api(self, xmlid, client_xmlid, resource, payload):
        """The integration `client_xmlid` POSTs `payload` to the API's `resource`:
        the endpoint's own function runs as the integration's user, as for a
        request with its key; then the scheduled actions do what they do after
        such a request (the planning of new orders, their receipt shortly after)."""
        client = self.env.ref(client_xmlid)
        user = client.user_id
        context = dict(self.env.context, allowed_company_ids=(user.company_id | user.company_ids).ids)
        caller = ApiContext(self.env(user=user.id, context=context), client.id, client._scopes())
        endpoint, schema = RESOURCES[resource]
        response = endpoint(schema.model_validate(payload), caller, None)
        order = self.env["telecom.order"].browse(int(json.loads(response.body)["id"]))
        self._demo_name_record(xmlid, order)
        self._demo_run_planning_job()
        if order.tmf_receipt_pending:
            self.env["telecom.order"]._demo_clock_after(RECEIPT_DELAY.total_seconds() / 3600)
            self._demo_run_receipt_job()
        return order.id

    @api.model
    def _demo_run_receipt_job(self):
        """The scheduled action 'Send Receipts of API Orders', triggered by the
        planning, runs as its user."""
        cron = self.env.ref(RECEIPT_CRON).sudo()
        intake = self.env["telecom.order.intake"].with_user(cron.user_id)
        while intake._cron_send_receipts():
            pass
        # As the scheduler does when it runs the job: the triggers due are spent.
        self.env["ir.cron.trigger"].sudo().search(
            [("cron_id", "=", cron.id), ("call_at", "<=", fields.Datetime.now())]
        ).unlink()
