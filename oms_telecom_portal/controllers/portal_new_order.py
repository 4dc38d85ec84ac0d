# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, http
from odoo.http import request

from odoo.addons.oms_telecom.models.telecom_premises import LIVE_SERVICE_STATES
from odoo.addons.portal.controllers.portal import CustomerPortal

from . import form_tools
from .catalogue_values import prepare_catalogue_values
from .coverage_values import offered_products, premises_coverage_answers
from .portal_tools import (
    create_order_safely,
    order_page_url,
    prepare_order_values,
    read_request_fields,
    subscriber_partner,
)

NEW_PREMISES = "new"


class TelecomNewOrderPortal(CustomerPortal):
    """A new service order from the portal: premises, services from the catalogue,
    requested date and the price summary."""

    def _telecom_subscriber_premises(self):
        """The subscriber's premises (where they have services or orders), searched
        with their rights."""
        partner = subscriber_partner(request.env)
        return request.env["telecom.premises"].search(
            [
                "|",
                ("service_ids.commercial_partner_id", "=", partner.id),
                ("order_ids.commercial_partner_id", "=", partner.id),
            ]
        )

    def _telecom_live_services(self, premises):
        """The subscriber's live services at `premises`, searched with their rights."""
        return request.env["telecom.subscriber.service"].search(
            [
                ("commercial_partner_id", "=", subscriber_partner(request.env).id),
                ("premises_id", "in", premises.ids),
                ("state", "in", LIVE_SERVICE_STATES),
            ]
        )

    def _read_telecom_new_order_form(self, post, premises, catalogue_sudo, errors):
        env = request.env
        choice = post.get("premises_choice") or ("" if premises else NEW_PREMISES)
        clean = {"premises": env["telecom.premises"], "address": None}
        if choice == NEW_PREMISES:
            clean["address"] = form_tools.read_address(env, post, errors, prefix="new_")
        else:
            clean["premises"] = premises.filtered(lambda record: str(record.id) == choice)
            if not clean["premises"]:
                errors["premises_choice"] = env._("Choose one of your addresses or enter a new one.")
        product_ids = form_tools.read_ids(post, "product_ids")
        clean["products"] = catalogue_sudo.filtered(lambda product: product.id in product_ids)
        if not product_ids:
            errors["product_ids"] = env._("Choose at least one service.")
        elif len(clean["products"]) != len(product_ids):
            errors["product_ids"] = env._("Choose services from the catalogue.")
        clean.update(read_request_fields(env, post, errors))
        return clean

    def _prepare_telecom_connection_values(self, clean):
        premises = clean["premises"]
        if clean["address"]:
            premises = request.env["telecom.premises"].sudo()._find_or_create([clean["address"]])
        vals = prepare_order_values(request.env, "connection", premises, clean["requested_date"], clean["comment"])
        vals["line_ids"] = [Command.create({"product_id": product.id}) for product in clean["products"]]
        return vals

    @http.route("/my/telecom/orders/new", type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_telecom_order_new(self, **kw):
        env = request.env
        premises = self._telecom_subscriber_premises()
        kind = subscriber_partner(env).subscriber_kind
        # A private person is not offered the services for companies (and cannot post them).
        catalogue_sudo = offered_products(env["product.product"]._telecom_portal_catalogue(), kind)
        errors, post = {}, {}
        if request.httprequest.method == "POST":
            post = request.httprequest.form
            clean = self._read_telecom_new_order_form(post, premises, catalogue_sudo, errors)
            if not errors:
                order_sudo = create_order_safely(env, lambda: self._prepare_telecom_connection_values(clean), errors)
                if order_sudo:
                    return request.redirect(order_page_url(order_sudo, message="created"))
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_order_new",
                "premises_list": premises.sudo(),
                "coverage_answers": premises_coverage_answers(
                    env, premises.sudo(), self._telecom_live_services(premises).sudo(), kind
                ),
                "subscriber_kind": kind,
                "premises_choice": post.get("premises_choice") or str(request.params.get("premises_id") or ""),
                **prepare_catalogue_values(env, catalogue_sudo, post),
                "errors": errors,
                "post": post,
            }
        )
        return request.render("oms_telecom_portal.portal_telecom_order_new", values)
