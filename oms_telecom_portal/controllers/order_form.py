# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re
import secrets
import time

from psycopg2 import IntegrityError

from odoo import Command, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import consteq, plaintext2html
from odoo.tools.misc import hmac

from . import form_tools
from .catalogue_values import prepare_catalogue_values
from .coverage_values import offered_products
from .qualification_values import products_to_qualify, qualification_answer

_logger = logging.getLogger(__name__)

FORM_TOKEN_SCOPE = "oms_telecom_portal.order_form"
FORM_TOKEN_MAX_AGE = 24 * 3600
# Name of the field people never see nor fill in; robots do.
HONEYPOT_FIELD = "website_url"
# Sent by the "too many orders" page to go back to the form with what was typed.
BACK_TO_FORM_FIELD = "back_to_form"
RATE_LIMIT_PARAM = "oms_telecom_portal.form_rate_limit"
DEFAULT_RATE_LIMIT = "5/10m"
RATE_LIMIT_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*([smh]?)\s*$")
RATE_LIMIT_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600}
COVERAGE_RATE_LIMIT_PARAM = "oms_telecom_portal.coverage_rate_limit"
DEFAULT_COVERAGE_RATE_LIMIT = "30/1m"
ADDRESS_FIELDS = ("street", "house_number", "building", "flat", "zip", "city", "country_id")
FRAME_ANCESTORS_PARAM = "oms_telecom_portal.form_frame_ancestors"
SUBSCRIBER_KINDS = ("individual", "company")
# The key a form's script draws at random to name the checks made while typing in it.
CHECK_KEY_RE = re.compile(r"[A-Za-z0-9-]{16,64}")


class TelecomOrderForm(http.Controller):
    """The public order form: prospects ask for a connection without an account.

    Independent of the website application: it works with the portal's frontend
    layout and can be embedded in the operator's site (`?embed=1`)."""

    # Form token: one per displayed form, signed, stored on the order it creates

    def _new_form_token(self):
        payload = f"{int(time.time())}.{secrets.token_hex(12)}"
        return f"{payload}.{hmac(request.env(su=True), FORM_TOKEN_SCOPE, payload)}"

    def _check_form_token(self, token):
        issued, _sep, signature = (token or "").rpartition(".")
        if not issued or not signature or not consteq(signature, hmac(request.env(su=True), FORM_TOKEN_SCOPE, issued)):
            return False
        try:
            age = time.time() - int(issued.partition(".")[0])
        except ValueError:
            return False
        return -60 <= age <= FORM_TOKEN_MAX_AGE

    # Rate limit per IP address

    def _rate_limit(self, param=RATE_LIMIT_PARAM, default=DEFAULT_RATE_LIMIT):
        """(count, seconds): at most `count` web orders (or what `param` limits) per IP
        address in `seconds`, from the system parameter (e.g. '5/10m', '20/1h', '0'
        to switch it off)."""
        value = request.env["ir.config_parameter"].sudo().get_param(param, default)
        if value.strip() == "0":
            return 0, 0
        match = RATE_LIMIT_RE.match(value) or RATE_LIMIT_RE.match(default)
        return int(match[1]), int(match[2]) * RATE_LIMIT_UNITS[match[3]]

    def _is_rate_limited(self, request_ip):
        """Whether the address has sent as many accepted orders as the limit allows.
        Called right before the order is created, in the same transaction: the
        address stays locked until the order is committed (see
        `telecom.order._web_form_rate_limited`)."""
        count, seconds = self._rate_limit()
        if not count:
            return False
        return request.env["telecom.order"]._web_form_rate_limited(request_ip, count, seconds)

    def _request_ip(self):
        """The visitor's address. Behind a reverse proxy, Odoo takes it from the
        X-Forwarded-For header only with `proxy_mode` (see readme/CONFIGURE.md)."""
        return request.httprequest.remote_addr or ""

    # Rendering

    def _prepare_form_values(self, post=None, errors=None, form_token=None):
        env = request.env
        post = post or {}
        catalogue_sudo = env["product.product"]._telecom_portal_catalogue()
        return {
            "post": post,
            "errors": errors or {},
            "form_token": form_token or self._new_form_token(),
            "embed": bool(request.params.get("embed")),
            "honeypot_field": HONEYPOT_FIELD,
            **prepare_catalogue_values(env, catalogue_sudo, post),
            "res_company": env.company,
        }

    def _render(self, template, values, status=200, headers=None):
        headers = dict(headers or {})
        frame_ancestors = request.env["ir.config_parameter"].sudo().get_param(FRAME_ANCESTORS_PARAM)
        if frame_ancestors:
            headers["Content-Security-Policy"] = f"frame-ancestors 'self' {frame_ancestors}"
        return request.render(template, values, status=status, headers=headers)

    def _render_form(self, post=None, errors=None, form_token=None, status=200):
        values = self._prepare_form_values(post, errors, form_token)
        return self._render("oms_telecom_portal.telecom_order_form", values, status=status)

    def _render_rate_limited(self, post):
        """429, with what the visitor typed kept in the page to take it back to the form."""
        _count, seconds = self._rate_limit()
        values = {
            "embed": bool(request.params.get("embed")),
            "minutes": max(1, seconds // 60),
            "kept_values": self._kept_form_values(post),
            "res_company": request.env.company,
        }
        headers = {"Retry-After": str(seconds)}
        return self._render("oms_telecom_portal.telecom_order_form_rate_limited", values, 429, headers)

    def _kept_form_values(self, post):
        """[(name, value)] of the posted fields to send back to the form."""
        skipped = {"csrf_token", HONEYPOT_FIELD, BACK_TO_FORM_FIELD}
        return [
            (name, value) for name, value in post.items(multi=True) if name not in skipped and isinstance(value, str)
        ]

    def _render_thanks(self, order_sudo):
        coverage = {}
        if order_sudo.premises_id:
            area = request.env["telecom.qualification"]._covering_area(order_sudo.premises_id)
            coverage = {"covered": bool(area)}
        values = {
            "order": order_sudo,
            "coverage": coverage,
            "embed": bool(request.params.get("embed")),
            "res_company": request.env.company,
        }
        return self._render("oms_telecom_portal.telecom_order_form_thanks", values)

    # Reading the form

    def _read_form(self, post, errors):
        env = request.env
        kind = form_tools.read_choice(env, post, "subscriber_kind", errors, env._("Customer type"), SUBSCRIBER_KINDS)
        clean = {
            "subscriber_kind": kind,
            "name": form_tools.read_text(env, post, "name", errors, env._("Name"), required=True),
            "company_name": form_tools.read_text(
                env, post, "company_name", errors, env._("Company name"), required=kind == "company"
            ),
            "email": form_tools.read_email(env, post, "email", errors, env._("E-mail")),
            "phone": form_tools.read_phone(env, post, "phone", errors, env._("Phone")),
            "address": form_tools.read_address(env, post, errors),
            "requested_date": form_tools.read_date(env, post, "requested_date", errors, env._("Requested date")),
            "comment": form_tools.read_text(
                env, post, "comment", errors, env._("Comment"), max_length=2000, multiline=True
            ),
        }
        product_ids = form_tools.read_ids(post, "product_ids")
        clean["products"] = (
            env["product.product"]._telecom_portal_catalogue().filtered(lambda product: product.id in product_ids)
        )
        if not product_ids:
            errors["product_ids"] = env._("Choose at least one service.")
        elif len(clean["products"]) != len(product_ids):
            errors["product_ids"] = env._("Choose services from the catalogue.")
        elif kind and offered_products(clean["products"], kind) != clean["products"]:
            errors["product_ids"] = env._("Some of the chosen services are offered to companies only.")
        return clean

    def _prepare_order_values(self, clean, premises, form_token, request_ip):
        """The web order's values, built here from the checked form values only."""
        return {
            "order_type": "connection",
            "channel": "web",
            "subscriber_kind": clean["subscriber_kind"],
            "prospect_name": clean["name"],
            "prospect_company_name": clean["company_name"] if clean["subscriber_kind"] == "company" else False,
            "prospect_email": clean["email"],
            "prospect_phone": clean["phone"] or False,
            "premises_id": premises.id,
            "requested_date": clean["requested_date"] or False,
            "description": plaintext2html(clean["comment"]) if clean["comment"] else False,
            "line_ids": [Command.create({"product_id": product.id}) for product in clean["products"]],
            "form_token": form_token,
            "request_ip": request_ip,
        }

    def _create_order(self, clean, form_token, request_ip):
        """Create and acknowledge the web order (its premises are found or created
        from the typed address); routing and planning follow in the background."""
        premises_sudo = request.env["telecom.premises"].sudo()._find_or_create([clean["address"]])
        return (
            request.env["telecom.order.intake"]
            .sudo()
            ._accept([self._prepare_order_values(clean, premises_sudo, form_token, request_ip)])
        )

    def _send_confirmation(self, order_sudo):
        order_sudo._telecom_send_web_form_confirmation()

    # Routes

    @http.route("/telecom/order", type="http", auth="public", methods=["GET", "POST"], website=True)
    def telecom_order_form(self, **kw):
        if request.httprequest.method != "POST":
            return self._render_form()
        post = request.httprequest.form
        if post.get(HONEYPOT_FIELD):
            # A robot: it gets the same answer as a person, and nothing is recorded.
            _logger.info("Public order form: honeypot filled in, request ignored.")
            return self._render_thanks(request.env["telecom.order"])
        form_token = post.get("form_token") or ""
        token_valid = self._check_form_token(form_token)
        if post.get(BACK_TO_FORM_FIELD):
            # Back from the "too many orders" page: the form as it was typed.
            return self._render_form(post, form_token=form_token if token_valid else None)
        if not token_valid:
            errors = {"form": request.env._("This form has expired. Check your details and send it again.")}
            return self._render_form(post, errors, status=400)
        Order = request.env["telecom.order"].sudo()
        existing_sudo = Order.search([("form_token", "=", form_token)], limit=1)
        if existing_sudo:
            return self._render_thanks(existing_sudo)
        errors = {}
        clean = self._read_form(post, errors)
        if errors:
            return self._render_form(post, errors, form_token)
        # Only orders that would be accepted count, and they are counted one after
        # the other: the address stays locked until this order is committed.
        request_ip = self._request_ip()
        if self._is_rate_limited(request_ip):
            return self._render_rate_limited(post)
        try:
            with request.env.cr.savepoint():
                order_sudo = self._create_order(clean, form_token, request_ip)
        except IntegrityError:
            # The same form sent twice at once: the other request creates the order.
            return self._render_thanks(Order)
        except UserError as error:
            return self._render_form(post, {"form": error.args[0]}, form_token)
        self._send_confirmation(order_sudo)
        return self._render_thanks(order_sudo)

    def _check_coverage_rate(self):
        """False when the visitor's address has asked more than the coverage rate limit allows."""
        count, seconds = self._rate_limit(COVERAGE_RATE_LIMIT_PARAM, DEFAULT_COVERAGE_RATE_LIMIT)
        return request.env["telecom.coverage.lookup"].sudo()._record_and_check(self._request_ip(), count, seconds)

    @http.route("/telecom/order/coverage", type="json", auth="public", methods=["POST"])
    def telecom_order_coverage(self, address=None, subscriber_kind=None, product_ids=None, check_key=None, **kw):
        """What can be ordered at the address typed in the form, before the form is
        sent: the qualification engine's answer, recorded (one per form being typed
        in, the last address). Rate-limited per IP address."""
        env = request.env
        if not self._check_coverage_rate():
            return {"error": env._("Too many checks from your connection: try again in a minute.")}
        typed = address if isinstance(address, dict) else {}
        post = {name: typed[name] for name in ADDRESS_FIELDS if isinstance(typed.get(name), str)}
        errors = {}
        values = form_tools.read_address(env, post, errors)
        if errors or not values.get("house_number"):
            return {"incomplete": True}
        kind = subscriber_kind if subscriber_kind in SUBSCRIBER_KINDS else None
        ids = [number for number in product_ids or [] if isinstance(number, int)]
        products_sudo = products_to_qualify(env, ids, kind)
        user = env.user
        partner = user.partner_id.commercial_partner_id if not user._is_public() else env["res.partner"]
        key = check_key if isinstance(check_key, str) and CHECK_KEY_RE.fullmatch(check_key) else None
        chosen = bool(products_sudo.filtered(lambda product: product.id in ids))
        qualification_sudo = env["telecom.qualification"]._qualify_typed_address(
            values, products_sudo, "portal" if partner else "web", partner, key, chosen
        )
        return qualification_answer(env, qualification_sudo)

    @http.route("/telecom/coverage/notify", type="json", auth="public", methods=["POST"])
    def telecom_coverage_notify(self, check_key=None, name=None, email=None, phone=None, **kw):
        """A visitor told the address is not covered leaves their contact details
        to be told when it is: a lead on the form's last qualification."""
        env = request.env
        if not self._check_coverage_rate():
            return {"error": env._("Too many requests from your connection: try again in a minute.")}
        errors = {}
        post = {"name": name if isinstance(name, str) else "", "email": email if isinstance(email, str) else ""}
        post["phone"] = phone if isinstance(phone, str) else ""
        clean_name = form_tools.read_text(env, post, "name", errors, env._("Name"), required=True)
        clean_email = form_tools.read_email(env, post, "email", errors, env._("E-mail"))
        clean_phone = form_tools.read_phone(env, post, "phone", errors, env._("Phone"))
        key = check_key if isinstance(check_key, str) and CHECK_KEY_RE.fullmatch(check_key) else None
        qualification_sudo = env["telecom.qualification"]._typed_qualification_sudo(key)
        if not qualification_sudo or qualification_sudo.covered:
            errors["form"] = env._("Check your address again: we could not find the answer you were given.")
        if errors:
            return {"errors": errors}
        env["telecom.coverage.lead"]._create_from_qualification_sudo(
            qualification_sudo, clean_name, clean_email, clean_phone
        )
        return {
            "message": env._(
                "Thank you: we will tell you at %(contact)s as soon as we serve the address.", contact=clean_email
            )
        }
