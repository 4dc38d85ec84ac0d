# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

CANCELLATION_STATES = ("assessing_cancellation", "pending_cancellation")
# Changes of these fields (without a change of state) are told to listeners as attribute value changes.
TICKET_ATTRIBUTES = {"description", "priority", "requested_date", "external_reference", "affected_service_id"}
PRODUCT_ORDER_ATTRIBUTES = {
    "description",
    "priority",
    "requested_date",
    "external_reference",
    "partner_id",
    "premises_id",
    "line_ids",
}


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    tmf_client_id = fields.Many2one(
        "telecom.api.client",
        string="API Integration",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="The integration that created the order over the API.",
    )
    tmf_cancel_request_ids = fields.One2many(
        "telecom.api.cancel.request", "order_id", string="Cancellation Requests", readonly=True
    )
    tmf_receipt_pending = fields.Boolean(
        string="Receipt to Send",
        readonly=True,
        copy=False,
        index=True,
        help="Received over the API: its customer is e-mailed the receipt shortly after its planning.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        if not self.env["telecom.api.listener"]._routing_table():
            return orders
        Event = self.env["telecom.api.event"]
        problems = orders.filtered(lambda order: order.order_type == "problem")
        Event._emit("ProductOrderCreateEvent", orders - problems)
        Event._emit("TroubleTicketCreateEvent", problems)
        # An order stored acknowledged (see telecom.order.intake): listeners hear its
        # acknowledgement as a change of state, as after a Submit.
        received = orders.filtered(lambda order: order.state != "draft")
        received._tmf_after_state_change(dict.fromkeys(received.ids, "draft"))
        return orders

    def write(self, vals):
        old_states = {order.id: order.state for order in self} if "state" in vals else {}
        result = super().write(vals)
        if old_states:
            self._tmf_after_state_change(old_states)
        elif "state" not in vals and (TICKET_ATTRIBUTES | PRODUCT_ORDER_ATTRIBUTES) & set(vals):
            self._tmf_after_attribute_change(set(vals))
        return result

    def unlink(self):
        """Listeners hear of deleted product orders (drafts, e.g. by DELETE), told
        while the order can still be read for the event's body."""
        if self.env["telecom.api.listener"]._routing_table():
            self.env["telecom.api.event"]._emit(
                "ProductOrderDeleteEvent", self.filtered(lambda order: order.order_type != "problem")
            )
        return super().unlink()

    def _tmf_after_attribute_change(self, changed):
        if not self.env["telecom.api.listener"]._routing_table():
            return
        Event = self.env["telecom.api.event"]
        problems = self.filtered(lambda order: order.order_type == "problem")
        if TICKET_ATTRIBUTES & changed:
            Event._emit("TroubleTicketAttributeValueChangeEvent", problems)
        if PRODUCT_ORDER_ATTRIBUTES & changed:
            Event._emit("ProductOrderAttributeValueChangeEvent", self - problems)

    def _tmf_after_state_change(self, old_states):
        changed = self.filtered(lambda order: order.state != old_states.get(order.id))
        if not changed:
            return
        cancelling = changed.filtered(lambda order: old_states.get(order.id) in CANCELLATION_STATES)
        if cancelling:
            self.env["telecom.api.cancel.request"]._sync_from_orders(cancelling)
        if not self.env["telecom.api.listener"]._routing_table():
            return
        Event = self.env["telecom.api.event"]
        problems = changed.filtered(lambda order: order.order_type == "problem")
        products = changed - problems
        Event._emit("ProductOrderStateChangeEvent", products)
        Event._emit("ProductOrderInformationRequiredEvent", products.filtered(lambda order: order.state == "pending"))
        Event._emit("TroubleTicketStatusChangeEvent", problems)
        Event._emit("TroubleTicketInformationRequiredEvent", problems.filtered(lambda order: order.state == "pending"))
        Event._emit(
            "TroubleTicketResolvedEvent", problems.filtered(lambda order: order.state in ("completed", "partial"))
        )

    def _scenario_action_call_technical_system(self, order_step, action):
        """Send the order to the endpoints configured for the action's system code."""
        super()._scenario_action_call_technical_system(order_step, action)
        code = action.system_code or ""
        events = self.env["telecom.api.event"]._emit(
            "TechnicalSystemRequestEvent", self, system_code=code, extra={"systemCode": code, "step": order_step.name}
        )
        if not events:
            return self.env._("no endpoint is configured for %s", code or "-")
        return self.env._("sent to %s", code)

    # Event payloads

    def _tmf_event_resources(self):
        if self and all(order.order_type == "problem" for order in self):
            return "troubleTicket", self.env["telecom.api.trouble.ticket"]._to_tmf(self)
        return "productOrder", self.env["telecom.api.product.order"]._to_tmf(self)

    def _tmf_event_orders(self):
        return list(self)
