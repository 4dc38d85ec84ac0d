# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError
from odoo.osv import expression

from odoo.addons.oms_telecom.models.telecom_order_state import CANCELLABLE_STATES
from odoo.addons.oms_telecom.models.telecom_private_context import system_write_context

from ..errors import bad_request, conflict, invalid, not_found
from .telecom_api_mapping import PRIORITY_FROM_TMF, PRIORITY_TO_TMF

PATH = "/productOrderingManagement/v4"
ATTRIBUTES = (
    "externalId",
    "description",
    "category",
    "priority",
    "state",
    "orderDate",
    "completionDate",
    "requestedStartDate",
    "expectedCompletionDate",
    "cancellationDate",
    "cancellationReason",
    "notificationContact",
    "channel",
    "relatedParty",
    "productOrderItem",
    "orderTotalPrice",
)
# Our order states as TMF622 names them.
ORDER_STATE_TO_TMF = {
    "acknowledged": "acknowledged",
    "rejected": "rejected",
    "pending": "pending",
    "held": "held",
    "in_progress": "inProgress",
    "cancelled": "cancelled",
    "completed": "completed",
    "failed": "failed",
    "partial": "partial",
    "assessing_cancellation": "assessingCancellation",
    "pending_cancellation": "pendingCancellation",
    "draft": "draft",
}
ORDER_STATE_FROM_TMF = {tmf: state for state, tmf in ORDER_STATE_TO_TMF.items()}
ORDER_TYPE_BY_ACTION = {"add": "connection", "modify": "change", "delete": "disconnection"}
ITEM_STATE_TO_TMF = {
    "pending": "acknowledged",
    "in_progress": "inProgress",
    "done": "completed",
    "failed": "failed",
    "cancelled": "cancelled",
}
OPEN_FOR_CHANGES = ("draft", "acknowledged", "in_progress", "pending", "held")
# Which attribute a PATCH may change in which state.
PATCHABLE = {
    "description": OPEN_FOR_CHANGES,
    "priority": OPEN_FOR_CHANGES,
    "externalId": ("draft", "acknowledged"),
    "requestedStartDate": ("draft", "acknowledged", "pending", "held"),
    "relatedParty": ("draft",),
    "productOrderItem": ("draft",),
}
# PATCH of the state: the transitions a client may ask for.
CLIENT_TRANSITIONS = {("draft", "acknowledged"), ("pending", "in_progress")}
CANCEL_ATTRIBUTES = ("state", "cancellationReason", "requestedCancellationDate", "effectiveCancellationDate")
# What a request reads of the offerings it names.
OFFERING_FIELDS = ("product_tmpl_id", "default_code", "is_telecom_service")
# What the order, its checks and its body read of the offerings' templates.
OFFERING_TEMPLATE_FIELDS = (
    "name",
    "company_id",
    "is_telecom_service",
    "telecom_parameters_definition",
    "telecom_installation_fee",
    "telecom_monthly_price",
    "telecom_prerequisite_family",
)
# A characteristic's valueType by the Python type of its value.
VALUE_TYPES = {bool: "boolean", int: "integer", float: "number", str: "string"}


class TelecomApiProductOrder(models.AbstractModel):
    """TMF622 Product Ordering on telecom orders (every type but technical problems):
    productOrder <-> telecom.order, productOrderItem <-> telecom.order.line."""

    _name = "telecom.api.product.order"
    _description = "TMF622 Product Ordering"
    _inherit = "telecom.api.mapping"

    # Reading

    @api.model
    def _href(self, order_id):
        return f"{self._base_url()}{PATH}/productOrder/{order_id}"

    @api.model
    def _orders(self):
        return self.env["telecom.order"].with_context(active_test=False)

    @api.model
    def _served_domain(self):
        """The orders served as product orders: every type but technical
        problems, with at least one item (TMF622: productOrderItem is 1..*; a
        draft without items, e.g. autosaved in the backend, is not an order yet)."""
        return [("order_type", "!=", "problem"), ("line_ids", "!=", False)]

    @api.model
    def _domain(self, filters):
        domain = list(self._served_domain())
        if filters.get("id"):
            domain.append(("id", "in", [self._to_int_or_404(part) for part in filters["id"].split(",")]))
        if filters.get("state"):
            states = self._split_values(filters["state"], list(ORDER_STATE_FROM_TMF), "state")
            domain.append(("state", "in", [ORDER_STATE_FROM_TMF[state] for state in states]))
        if filters.get("externalId"):
            domain.append(("external_reference", "=", filters["externalId"]))
        if filters.get("category"):
            categories = self._split_values(filters["category"], list(ORDER_TYPE_BY_ACTION.values()), "category")
            domain.append(("order_type", "in", categories))
        if filters.get("relatedParty.id"):
            partner_id = self._to_int(filters["relatedParty.id"], "relatedParty.id")
            domain += ["|", ("partner_id", "=", partner_id), ("commercial_partner_id", "=", partner_id)]
        domain += self._order_date_domain(filters)
        domain += self._date_domain("date_closed", filters, "completionDate")
        domain += self._date_domain("requested_date", filters, "requestedStartDate")
        return domain

    @api.model
    def _order_date_domain(self, filters):
        """orderDate filters on what orderDate shows: the submission date, else
        (a draft) the creation date."""
        submitted = self._date_domain("date_submitted", filters, "orderDate")
        if not submitted:
            return []
        created = self._date_domain("create_date", filters, "orderDate")
        return expression.OR([submitted, expression.AND([[("date_submitted", "=", False)], created])])

    @api.model
    def _get(self, order_id):
        """The product order `order_id` if the integration may read it: one query
        (the record rules are part of the search)."""
        orders = self._orders()
        if orders.has_access("read"):
            order = orders.search([("id", "=", self._to_int_or_404(order_id)), *self._served_domain()], limit=1)
            if order:
                return order
        raise not_found("productOrder", order_id)

    @api.model
    def _to_int_or_404(self, value):
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        return number if 0 < number < 2**31 else 0

    @api.model
    def _to_tmf(self, orders, selected=None):
        """The TMF622 ProductOrder of each order, with the `selected` attributes only."""
        wants = (lambda name: True) if selected is None else (lambda name: name in selected)
        cancellations = (
            self._last_cancellations(orders) if wants("cancellationDate") or wants("cancellationReason") else {}
        )
        currency = self.env.company.currency_id.name
        if wants("productOrderItem"):
            # Their offerings' names are read through a cache (_offering_name): the
            # caller's right to read the offerings is checked here, once for all.
            orders.line_ids.product_id.check_access("read")
        result = []
        for order in orders:
            attributes = self._order_attributes(order, cancellations.get(order.id), currency)
            resource = {"id": str(order.id), "href": self._href(order.id), "@type": "ProductOrder"}
            # Only what is asked is read: ?fields=id reads no line and plans no promise.
            resource.update({name: value() for name, value in attributes.items() if wants(name)})
            result.append(self._select(resource, selected))
        return result

    @api.model
    def _order_attributes(self, order, cancellation, currency):
        """{attribute: function returning its value} of the ProductOrder of `order`."""
        return {
            "externalId": lambda: order.external_reference or None,
            "description": lambda: self._html_to_text(order.description),
            "category": lambda: order.order_type,
            "priority": lambda: PRIORITY_TO_TMF.get(order.priority, "4"),
            "state": lambda: ORDER_STATE_TO_TMF[order.state],
            "orderDate": lambda: self._iso(order.date_submitted or order.create_date),
            "completionDate": lambda: self._iso(order.date_closed),
            "requestedStartDate": lambda: self._iso(order.requested_date),
            "expectedCompletionDate": lambda: self._iso(order.date_expected),
            "cancellationDate": lambda: self._iso(cancellation.effective_date) if cancellation else None,
            "cancellationReason": lambda: cancellation.reason or None if cancellation else None,
            "notificationContact": lambda: order.partner_id.email or order.prospect_email or None,
            "channel": lambda: self._channel_to_tmf(order),
            "relatedParty": lambda: self._party_to_tmf(order),
            "productOrderItem": lambda: self._items_to_tmf(order, currency),
            "orderTotalPrice": lambda: self._prices(order.amount_monthly, order.amount_installation, currency),
        }

    @api.model
    def _last_cancellations(self, orders):
        # A cancellation request is done once its order is cancelled: others have none.
        orders = orders.filtered(lambda order: order.state == "cancelled")
        if not orders:
            return {}
        requests = (
            self.env["telecom.api.cancel.request"]
            .sudo()
            .search([("order_id", "in", orders.ids), ("state", "=", "done")], order="id")
        )
        return {request.order_id.id: request for request in requests}

    @api.model
    def _prices(self, monthly, one_time, currency):
        prices = []
        if monthly:
            prices.append(
                {
                    "name": "Monthly price",
                    "priceType": "recurring",
                    "recurringChargePeriod": "month",
                    "price": {"dutyFreeAmount": {"unit": currency, "value": monthly}},
                    "@type": "OrderPrice",
                }
            )
        if one_time:
            prices.append(
                {
                    "name": "Installation fee",
                    "priceType": "oneTime",
                    "price": {"dutyFreeAmount": {"unit": currency, "value": one_time}},
                    "@type": "OrderPrice",
                }
            )
        return prices

    @api.model
    def _items_to_tmf(self, order, currency):
        """The order's items. The installation address is given in full on the
        first item and by reference (its id) on the next ones: all the items of
        an order are at one place."""
        explicit_ids = set(order.line_ids.mapped("tmf_item_id")) - {False}
        place = self._place_to_tmf(order.premises_id)
        items = []
        for position, line in enumerate(order.line_ids, start=1):
            item_id = line.tmf_item_id or str(position)
            if not line.tmf_item_id and item_id in explicit_ids:
                item_id = f"line-{line.id}"
            items.append(self._item_to_tmf(line, currency, item_id, place))
            if place:
                place = {
                    "id": place["id"],
                    "role": place["role"],
                    "@referredType": "GeographicAddress",
                    "@type": "RelatedPlaceRefOrValue",
                }
        return items

    @api.model
    def _item_to_tmf(self, line, currency, item_id, place):
        product = line.product_id
        characteristics = [
            {"name": name, "value": value, "valueType": VALUE_TYPES.get(type(value), "string")}
            for name, value in (line.parameters or {}).items()
            if value is not False and value is not None
        ]
        tmf_product = {
            "id": str(line.service_id.id) if line.service_id else None,
            "@type": "Product",
            # The day the work activated the service, as its portal and invoices give it.
            "startDate": self._iso(line.service_id.date_activated),
            "productCharacteristic": characteristics or None,
            "place": [place] if place else None,
        }
        item = {
            "id": item_id,
            "@type": "ProductOrderItem",
            "action": line.action,
            "quantity": 1,
            "state": ITEM_STATE_TO_TMF.get(line.state, "acknowledged"),
            "productOffering": {
                "id": str(product.id),
                "name": self._offering_name(product),
                "@type": "ProductOfferingRef",
                "@referredType": "ProductOffering",
            }
            if product
            else None,
            "product": {key: value for key, value in tmf_product.items() if value is not None},
            "itemPrice": self._prices(
                line.monthly_price if line.action != "delete" else 0.0, line.installation_fee, currency
            ),
        }
        return {key: value for key, value in item.items() if value is not None and value != []}

    @api.model
    def _offering_name(self, product):
        """The display name of an offering (the caller's access to it checked by
        _to_tmf): every order's body names its offerings, and composing the name
        of a product (code, variant) costs more than the rest of the body; cached,
        cleared by any change of the catalogue (see product_catalogue.py)."""
        return self._offering_display_name(product.id, self.env.lang or "en_US")

    @api.model
    @tools.ormcache("product_id", "lang")
    def _offering_display_name(self, product_id, lang):
        # In an environment of its own: the cached name depends on the language only.
        return self.env(context={"lang": lang}, su=True)["product.product"].browse(product_id).display_name

    # Writing

    @api.model
    def _create(self, payload, client_id):
        """A telecom order from a ProductOrder_Create payload, acknowledged
        unless the client asked for a draft."""
        state = payload.get("state") or "acknowledged"
        if state not in ("draft", "acknowledged"):
            raise invalid("A new product order is either a draft or acknowledged.", code="INVALID_STATE")
        vals = self._order_vals(payload)
        vals.update(
            self._items_vals(payload.get("productOrderItem") or [], vals.get("partner_id"), payload.get("place"))
        )
        vals.update(channel="api", tmf_client_id=client_id)
        try:
            # The values are the API's mapping of the payload: its own bookkeeping included.
            if state == "acknowledged":
                # Routing and planning follow at once, in the background, with the
                # creation note and the creator's following (see _log_creation);
                # the customer's receipt shortly after (see telecom_order_receipt.py).
                intake = self.env["telecom.order.intake"].with_context(
                    mail_create_nolog=True, mail_create_nosubscribe=True
                )
                order = intake._accept([dict(vals, tmf_receipt_pending=True)]).with_env(self.env)
            else:
                order = (
                    self.env["telecom.order"].with_context(**system_write_context()).create([vals]).with_env(self.env)
                )
        except UserError as error:
            raise invalid(error.args[0], code="ORDER_REFUSED") from error
        return order

    @api.model
    def _order_vals(self, payload):
        vals = {}
        if "externalId" in payload:
            vals["external_reference"] = payload["externalId"] or False
        if "description" in payload:
            vals["description"] = self._text_to_html(payload["description"])
        if payload.get("priority") is not None:
            if payload["priority"] not in PRIORITY_FROM_TMF:
                raise invalid("priority is a number from 0 (highest) to 4 (lowest).")
            vals["priority"] = PRIORITY_FROM_TMF[payload["priority"]]
        if "requestedStartDate" in payload:
            vals["requested_date"] = self._to_date(payload["requestedStartDate"])
        if payload.get("relatedParty"):
            vals.update(self._party_vals(payload["relatedParty"]))
        return vals

    @api.model
    def _items_vals(self, items, partner_id=None, order_places=None):
        """Order type, lines, premises (and subscriber) from productOrderItem."""
        if not items:
            raise bad_request("A product order needs at least one productOrderItem.", code="MISSING_ITEMS")
        actions = {item.get("action") or "add" for item in items}
        if actions - set(ORDER_TYPE_BY_ACTION):
            raise invalid("Item actions are add, modify or delete.", code="UNSUPPORTED_ACTION")
        if len(actions) > 1:
            raise invalid("All the items of an order have the same action.", code="MIXED_ACTIONS")
        action = actions.pop()
        item_ids = [str(item.get("id") or index + 1) for index, item in enumerate(items)]
        if len(set(item_ids)) < len(item_ids):
            raise invalid("Item ids must be unique within the order.", code="DUPLICATE_ITEM")
        if any((item.get("quantity") or 1) != 1 for item in items):
            raise invalid("Each item is one service: quantity is 1.", code="INVALID_QUANTITY")
        products = self._offerings(items)
        services = self._services(items) if action != "add" else self.env["telecom.subscriber.service"]
        lines = []
        for index, (item, item_id) in enumerate(zip(items, item_ids, strict=True)):
            offering_id = (item.get("productOffering") or {}).get("id")
            product = products[str(offering_id)] if offering_id else self.env["product.product"]
            service = services.get(str((item.get("product") or {}).get("id"))) if action != "add" else None
            line = {"tmf_item_id": item_id, "sequence": index + 1}
            if action == "add":
                if not product:
                    raise invalid(f"Item {item_id}: productOffering.id is required.", code="MISSING_OFFERING")
                line["product_id"] = product.id
            else:
                line["service_id"] = service.id
                line["product_id"] = (product or service.product_id).id
            characteristics = (item.get("product") or {}).get("productCharacteristic") or []
            if characteristics and action != "delete":
                line["parameters"] = self._parameters(product or service.product_id, characteristics, item_id)
            elif action == "modify":
                line["parameters"] = dict(service.parameters or {})
            lines.append(line)
        vals = {"order_type": ORDER_TYPE_BY_ACTION[action], "line_ids": [Command.create(line) for line in lines]}
        vals.update(self._items_premises(items, services, order_places))
        if not partner_id and services:
            vals["partner_id"] = list(services.values())[0].partner_id.id
        return vals

    @api.model
    def _offerings(self, items):
        ids = {str((item.get("productOffering") or {}).get("id")) for item in items if item.get("productOffering")}
        ids.discard("None")
        numbers = {key: self._to_int_or_404(key) for key in ids}
        products = self._readable(self.env["product.product"], set(numbers.values()) - {0}, OFFERING_FIELDS)
        # Only what is used rather than every column of the templates.
        products.product_tmpl_id.fetch(OFFERING_TEMPLATE_FIELDS)
        found = {product.id: product for product in products if product.is_telecom_service}
        unknown = sorted(key for key, number in numbers.items() if number not in found)
        if unknown:
            raise invalid(f"Unknown product offering(s): {', '.join(unknown)}.", code="UNKNOWN_PRODUCT_OFFERING")
        return {key: found[number] for key, number in numbers.items()}

    @api.model
    def _services(self, items):
        keys = [str((item.get("product") or {}).get("id") or "") for item in items]
        if not all(keys):
            raise invalid("Items that modify or delete name the product (service) they change.", code="MISSING_PRODUCT")
        numbers = {key: self._to_int_or_404(key) for key in keys}
        services = self.env["telecom.subscriber.service"].browse(set(numbers.values()) - {0}).exists()
        services = services._filtered_access("read")
        found = {service.id: service for service in services}
        unknown = sorted(key for key, number in numbers.items() if number not in found)
        if unknown:
            raise invalid(f"Unknown product(s): {', '.join(unknown)}.", code="UNKNOWN_PRODUCT")
        return {key: found[number] for key, number in numbers.items()}

    @api.model
    def _items_premises(self, items, services, order_places=None):
        places = [place for item in items for place in (item.get("product") or {}).get("place") or []]
        places += order_places or []
        if places:
            premises = {item.id for item in self._resolve_places(places)}
            if len(premises) > 1:
                raise invalid("All the items of an order are at one place.", code="SEVERAL_PLACES")
            return {"premises_id": premises.pop()}
        service_premises = {service.premises_id.id for service in services.values()} if services else set()
        if len(service_premises) == 1:
            return {"premises_id": service_premises.pop()}
        raise invalid("Give the installation address as the place of the items.", code="MISSING_PLACE")

    @api.model
    def _parameters(self, product, characteristics, item_id):
        definition = {spec["name"]: spec for spec in product.telecom_parameters_definition or []}
        values = {}
        for characteristic in characteristics:
            name = characteristic.get("name")
            spec = definition.get(name)
            if not spec:
                raise invalid(
                    f"Item {item_id}: {product.display_name} has no characteristic {name}.",
                    code="UNKNOWN_CHARACTERISTIC",
                )
            values[name] = self._coerce(spec, characteristic.get("value"), item_id)
        return values

    @api.model
    def _coerce(self, spec, value, item_id):
        kind = spec.get("type")
        ok = True
        if kind == "integer":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind == "float":
            ok = isinstance(value, int | float) and not isinstance(value, bool)
            value = float(value) if ok else value
        elif kind == "boolean":
            ok = isinstance(value, bool)
        elif kind == "selection":
            ok = value in [key for key, _label in spec.get("selection") or []]
        elif kind in ("char", "text"):
            ok = isinstance(value, str | int | float) and not isinstance(value, bool)
            value = str(value) if ok else value
        else:
            ok = isinstance(value, str | int | float | bool)
        if isinstance(value, float) and not math.isfinite(value):
            ok = False
        if not ok:
            raise invalid(
                f"Item {item_id}: invalid value for {spec['name']}: {value!r}.", code="INVALID_CHARACTERISTIC"
            )
        return value

    @api.model
    def _patch(self, order, payload):
        """Change what the order's state allows; the state itself only moves
        from draft to acknowledged (submit) or from pending to inProgress."""
        tmf_state = payload.pop("state", None)
        target_state = ORDER_STATE_FROM_TMF.get(tmf_state) if tmf_state else None
        current = ORDER_STATE_TO_TMF[order.state]
        for attribute in payload:
            allowed = PATCHABLE.get(attribute)
            if allowed is None:
                raise bad_request(f"{attribute} cannot be changed.", code="NOT_PATCHABLE")
            if order.state not in allowed:
                raise conflict(f"{attribute} cannot be changed in the state {current}.")
        if tmf_state and target_state != order.state and (order.state, target_state) not in CLIENT_TRANSITIONS:
            raise conflict(
                f"The order cannot go from {current} to {tmf_state} on request; use cancelProductOrder to cancel it."
            )
        vals = self._order_vals(payload)
        if "productOrderItem" in payload:
            item_vals = self._items_vals(payload["productOrderItem"], vals.get("partner_id") or order.partner_id.id)
            item_vals["line_ids"] = [Command.delete(line.id) for line in order.line_ids] + item_vals["line_ids"]
            vals.update(item_vals)
        try:
            if vals:
                # The API's mapping of the payload, line item ids included.
                order._system_write(vals)
            if target_state == "acknowledged" and order.state == "draft":
                order.action_submit()
            elif target_state == "in_progress" and order.state == "pending":
                order.action_resume()
        except UserError as error:
            raise invalid(error.args[0], code="ORDER_REFUSED") from error
        return order

    @api.model
    def _delete(self, order):
        """Only a draft is deleted; an order under way is cancelled instead."""
        if order.state != "draft":
            raise conflict("Only a draft order can be deleted; use cancelProductOrder for this one.")
        order.check_access("write")
        self._unlink_draft_sudo(order)

    @api.model
    def _unlink_draft_sudo(self, order):
        order_sudo = order.sudo()
        order_sudo.unlink()

    # cancelProductOrder

    @api.model
    def _cancel_href(self, request_id):
        return f"{self._base_url()}{PATH}/cancelProductOrder/{request_id}"

    @api.model
    def _cancel_to_tmf(self, requests, selected=None):
        result = []
        for request in requests:
            resource = {
                "id": str(request.id),
                "href": self._cancel_href(request.id),
                "@type": "CancelProductOrder",
                "state": request.state,
                "cancellationReason": request.reason or None,
                "requestedCancellationDate": self._iso(request.requested_date),
                "effectiveCancellationDate": self._iso(request.effective_date),
                "creationDate": self._iso(request.create_date),
                "productOrder": {
                    "id": str(request.order_id.id),
                    "href": self._href(request.order_id.id),
                    "@type": "ProductOrderRef",
                    "@referredType": "ProductOrder",
                },
            }
            result.append(self._select(resource, selected))
        return result

    @api.model
    def _cancel_create(self, payload, client_id):
        reference = payload.get("productOrder") or {}
        order = self._orders().browse(self._to_int_or_404(reference.get("id"))).exists()
        if not order or not order.has_access("read") or not order.filtered_domain(self._served_domain()):
            raise invalid(f"Unknown productOrder {reference.get('id')}.", code="UNKNOWN_PRODUCT_ORDER")
        return self._cancel_order(
            order, payload.get("cancellationReason"), payload.get("requestedCancellationDate"), client_id
        )

    @api.model
    def _cancel_order(self, order, reason, requested_date, client_id):
        """Start the cancellation of `order`: a draft is cancelled now, an order
        under way waits for an operator's decision (assessingCancellation)."""
        Request = self.env["telecom.api.cancel.request"]
        if Request.sudo().search_count([("order_id", "=", order.id), ("state", "in", ("acknowledged", "inProgress"))]):
            raise conflict(f"Order {order.name} already has a cancellation request under way.")
        if order.state != "draft" and order.state not in CANCELLABLE_STATES:
            raise conflict(f"Order {order.name} can no longer be cancelled (state {ORDER_STATE_TO_TMF[order.state]}).")
        order.check_access("write")
        vals = {
            "order_id": order.id,
            "client_id": client_id,
            "reason": reason or False,
            "requested_date": self._to_naive_utc(requested_date),
        }
        try:
            if order.state == "draft":
                order.action_cancel_draft()
                vals.update(state="done", effective_date=fields.Datetime.now())
            else:
                order.action_request_cancellation()
                vals["state"] = "inProgress"
        except UserError as error:
            raise conflict(error.args[0]) from error
        if reason:
            order.message_post(
                body=self.env._("Cancellation requested over the API: %s", reason), subtype_xmlid="mail.mt_note"
            )
        request = Request.sudo().create(vals).sudo(False)
        self.env["telecom.api.event"]._emit("CancelProductOrderCreateEvent", request)
        return request
