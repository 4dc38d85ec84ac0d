# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import uuid

from odoo import api, fields, models

from .telecom_api_listener import API_OF_EVENT

EVENT_STATES = [
    ("pending", "Being Delivered"),
    ("delivered", "Delivered"),
    ("dead", "Dead Letter"),
    ("none", "No Listener"),
]


class TelecomApiEvent(models.Model):
    """The outbox: an event is written in the transaction of the change it tells
    about, with one delivery per listener; deliveries are sent afterwards by a
    scheduled action. An event nobody listens to is not written."""

    _name = "telecom.api.event"
    _description = "Outbound Event"
    _order = "id desc"
    _rec_name = "event_type"

    event_uuid = fields.Char(string="Event ID", required=True, readonly=True, index=True)
    event_type = fields.Char(required=True, readonly=True, index=True)
    event_time = fields.Datetime(required=True, readonly=True)
    order_id = fields.Many2one("telecom.order", readonly=True, index="btree_not_null", ondelete="set null")
    res_model = fields.Char(string="Resource Model", readonly=True)
    res_id = fields.Integer(string="Resource ID", readonly=True)
    payload = fields.Text(readonly=True)
    delivery_ids = fields.One2many("telecom.api.delivery", "event_id", string="Deliveries")
    state = fields.Selection(EVENT_STATES, compute="_compute_state", store=True, index=True)

    @api.depends("delivery_ids.state")
    def _compute_state(self):
        for event in self:
            states = set(event.delivery_ids.mapped("state"))
            if "dead" in states:
                event.state = "dead"
            elif "pending" in states:
                event.state = "pending"
            elif states:
                event.state = "delivered"
            else:
                event.state = "none"

    def action_retry(self):
        self.delivery_ids.filtered(lambda delivery: delivery.state == "dead").action_retry()
        return True

    @api.model
    def _routes(self, event_type, system_code=None):
        """The listeners of `event_type` as (listener id, hub user id or 0, system code)."""
        routes = self.env["telecom.api.listener"]._routing_table().get(event_type, ())
        if system_code is not None:
            routes = tuple(route for route in routes if route[2] == system_code)
        return routes

    @api.model
    def _emit(self, event_type, records, system_code=None, extra=None):
        """Write the event `event_type` about each of `records` (orders, work orders,
        cancellation requests) to the outbox with its deliveries, in the current
        transaction. Hubs only hear about what their integration's user may read."""
        routes = self._routes(event_type, system_code) if records else ()
        if not routes:
            return self.browse()
        records_sudo = records.sudo()
        resource_key, resources = records_sudo._tmf_event_resources()
        orders = records_sudo._tmf_event_orders()
        readable = self._readable_by_hub_users(records, {user_id for _id, user_id, _code in routes if user_id})
        now = fields.Datetime.now()
        event_vals, delivery_plan = [], []
        for record, resource, order in zip(records_sudo, resources, orders, strict=True):
            listener_ids = [
                listener_id for listener_id, user_id, _code in routes if not user_id or record.id in readable[user_id]
            ]
            if not listener_ids:
                continue
            event_id = str(uuid.uuid4())
            body = {
                "eventId": event_id,
                "eventTime": now.isoformat(timespec="seconds") + "Z",
                "eventType": event_type,
                "correlationId": order.name or str(record.id),
                "domain": API_OF_EVENT.get(event_type, ""),
                "title": event_type,
                "timeOcurred": now.isoformat(timespec="seconds") + "Z",
                "event": {resource_key: resource, **(extra or {})},
            }
            event_vals.append(
                {
                    "event_uuid": event_id,
                    "event_type": event_type,
                    "event_time": now,
                    "order_id": order.id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "payload": json.dumps(body),
                }
            )
            delivery_plan.append(
                (listener_ids, f"telecom.order,{order.id}" if order else f"{record._name},{record.id}")
            )
        if not event_vals:
            return self.browse()
        events_sudo = self.sudo().create(event_vals)
        self.env["telecom.api.delivery"].sudo()._enqueue(events_sudo, delivery_plan, now)
        return events_sudo

    @api.model
    def _readable_by_hub_users(self, records, user_ids):
        """{user id: ids of `records` that user may read}."""
        readable = {}
        context = {key: value for key, value in self.env.context.items() if key != "allowed_company_ids"}
        for user_id in user_ids:
            as_user = records.with_env(self.env(user=user_id, context=context, su=False))
            readable[user_id] = set(as_user._filtered_access("read").ids)
        return readable
