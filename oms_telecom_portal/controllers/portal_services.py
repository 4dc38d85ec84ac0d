# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from . import form_tools
from .portal_tools import (
    create_order_safely,
    order_page_url,
    prepare_order_values,
    read_request_fields,
    subscriber_partner,
)

# Services listed on My Services (and counted on the portal's home).
SERVICE_LISTED_STATES = ("pending", "active", "suspended")
# Services a subscriber may change, disconnect or report a problem on.
SERVICE_ACTIONABLE_STATES = ("active", "suspended")
# An open order of one of these types on a service blocks a new one of the same group.
BLOCKING_ORDER_TYPES = {
    "change": ("change", "disconnection"),
    "disconnection": ("change", "disconnection"),
    "problem": ("problem",),
}


class TelecomServicePortal(CustomerPortal):
    """My services, and the guided forms that order a change, a disconnection or
    report a problem on one of them."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "telecom_service_count" in counters:
            Service = request.env["telecom.subscriber.service"]
            values["telecom_service_count"] = (
                Service.search_count(self._telecom_services_domain()) if Service.has_access("read") else 0
            )
        return values

    def _telecom_services_domain(self):
        return [
            ("commercial_partner_id", "=", subscriber_partner(request.env).id),
            ("state", "in", SERVICE_LISTED_STATES),
        ]

    def _telecom_open_orders_by_service(self, services_sudo):
        """{service id: open orders on it (changes, disconnections, problems)}."""
        orders_sudo = (
            request.env["telecom.order"]
            .sudo()
            .search(
                [
                    ("is_closed", "=", False),
                    "|",
                    ("line_ids.service_id", "in", services_sudo.ids),
                    ("affected_service_id", "in", services_sudo.ids),
                ]
            )
        )
        result = {service.id: orders_sudo.browse() for service in services_sudo}
        for order in orders_sudo:
            for service in order.line_ids.service_id | order.affected_service_id:
                if service.id in result:
                    result[service.id] |= order
        return result

    @http.route("/my/telecom/services", type="http", auth="user", website=True)
    def portal_my_telecom_services(self, **kw):
        # Searched with the subscriber's rights; sudo only to display.
        services_sudo = (
            request.env["telecom.subscriber.service"].search(self._telecom_services_domain(), order="id").sudo()
        )
        premises_sudo = services_sudo.premises_id.sorted("full_address")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_services",
                "service_groups": [
                    (
                        premises,
                        services_sudo.filtered(lambda service, premises=premises: service.premises_id == premises),
                    )
                    for premises in premises_sudo
                ],
                "open_orders": self._telecom_open_orders_by_service(services_sudo),
                "actionable_states": SERVICE_ACTIONABLE_STATES,
            }
        )
        return request.render("oms_telecom_portal.portal_my_telecom_services", values)

    # Guided forms

    def _telecom_service_check_access(self, service_id):
        """The subscriber's own service, in sudo, if they may act on it."""
        service_sudo = self._document_check_access("telecom.subscriber.service", service_id)
        if service_sudo.commercial_partner_id != subscriber_partner(request.env):
            raise AccessError(request.env._("This service is not one of yours."))
        return service_sudo.with_user(request.env.user).sudo()

    def _telecom_service_blocking_order(self, service_sudo, order_type):
        blocking_types = BLOCKING_ORDER_TYPES[order_type]
        orders_sudo = self._telecom_open_orders_by_service(service_sudo)[service_sudo.id]
        return orders_sudo.filtered(lambda order: order.order_type in blocking_types)[:1]

    def _telecom_service_form(self, service_id, order_type, template, read_form, prepare_values):
        """Common flow of the guided forms: access, blocking orders, validation,
        creation, or the form again with the errors.

        `read_form(service_sudo, post, errors)` returns the clean values;
        `prepare_values(service_sudo, clean)` the new order's values."""
        try:
            service_sudo = self._telecom_service_check_access(service_id)
        except (AccessError, MissingError):
            return request.redirect("/my/telecom/services")
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_service_form",
                "service": service_sudo,
                "errors": {},
                "post": {},
                "blocking_order": self._telecom_service_blocking_order(service_sudo, order_type),
                "actionable": service_sudo.state in SERVICE_ACTIONABLE_STATES,
            }
        )
        if request.httprequest.method == "POST" and values["actionable"] and not values["blocking_order"]:
            post = request.httprequest.form
            errors = values["errors"]
            clean = read_form(service_sudo, post, errors)
            if not errors:
                order_sudo = create_order_safely(request.env, lambda: prepare_values(service_sudo, clean), errors)
                if order_sudo:
                    return request.redirect(order_page_url(order_sudo, message="created"))
            values["post"] = post
        return request.render(template, values)

    # Change of parameters

    def _read_telecom_change_form(self, service_sudo, post, errors):
        env = request.env
        definitions = service_sudo.product_id._telecom_parameter_definitions(editable_only=True)
        current = dict(service_sudo.parameters or {})
        parameters = form_tools.read_parameters(env, definitions, post, errors, current=current)
        if not definitions:
            errors["form"] = env._("This service has no parameters you can change online.")
        elif not errors and all(
            (parameters.get(d["name"]) or False) == (current.get(d["name"]) or False) for d in definitions
        ):
            errors["form"] = env._("Choose at least one new value.")
        return {"parameters": parameters, **read_request_fields(env, post, errors)}

    def _prepare_telecom_change_values(self, service_sudo, clean):
        vals = prepare_order_values(
            request.env, "change", service_sudo.premises_id, clean["requested_date"], clean["comment"]
        )
        vals["line_ids"] = [
            Command.create(
                {
                    "service_id": service_sudo.id,
                    "product_id": service_sudo.product_id.id,
                    "parameters": clean["parameters"],
                }
            )
        ]
        return vals

    @http.route(
        "/my/telecom/services/<int:service_id>/change",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_telecom_service_change(self, service_id, **kw):
        return self._telecom_service_form(
            service_id,
            "change",
            "oms_telecom_portal.portal_telecom_service_change",
            self._read_telecom_change_form,
            self._prepare_telecom_change_values,
        )

    # Disconnection

    def _read_telecom_disconnection_form(self, service_sudo, post, errors):
        if not post.get("confirm"):
            errors["confirm"] = request.env._("Confirm that the service is to be disconnected.")
        return read_request_fields(request.env, post, errors)

    def _prepare_telecom_disconnection_values(self, service_sudo, clean):
        vals = prepare_order_values(
            request.env, "disconnection", service_sudo.premises_id, clean["requested_date"], clean["comment"]
        )
        vals["line_ids"] = [Command.create({"service_id": service_sudo.id})]
        return vals

    @http.route(
        "/my/telecom/services/<int:service_id>/disconnect",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_telecom_service_disconnect(self, service_id, **kw):
        return self._telecom_service_form(
            service_id,
            "disconnection",
            "oms_telecom_portal.portal_telecom_service_disconnect",
            self._read_telecom_disconnection_form,
            self._prepare_telecom_disconnection_values,
        )

    # Technical problem

    def _read_telecom_problem_form(self, service_sudo, post, errors):
        env = request.env
        description = form_tools.read_text(
            env, post, "description", errors, env._("Description"), required=True, max_length=4000, multiline=True
        )
        if description and "description" not in errors and len(description) < 10:
            errors["description"] = env._("Describe the problem in a few words (10 characters at least).")
        return {
            "description": description,
            "contact_phone": form_tools.read_phone(env, post, "contact_phone", errors, env._("Phone")),
        }

    def _prepare_telecom_problem_values(self, service_sudo, clean):
        description = clean["description"]
        if clean["contact_phone"]:
            description += "\n" + request.env._("Call back on: %s", clean["contact_phone"])
        vals = prepare_order_values(request.env, "problem", service_sudo.premises_id, description=description)
        vals["affected_service_id"] = service_sudo.id
        return vals

    @http.route(
        "/my/telecom/services/<int:service_id>/problem",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_telecom_service_problem(self, service_id, **kw):
        return self._telecom_service_form(
            service_id,
            "problem",
            "oms_telecom_portal.portal_telecom_service_problem",
            self._read_telecom_problem_form,
            self._prepare_telecom_problem_values,
        )
