# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers the portal controllers share. Each controller file subclasses
`CustomerPortal` (or the order page it extends), never a sibling, so what several
of them need lives here: whose records they show, the order page's address and
reports, and the orders the guided forms send."""

from werkzeug.urls import url_encode

from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from . import form_tools

# Reports the subscriber may print: key in the URL -> report.
PORTAL_REPORTS = {
    "summary": "oms_telecom.action_report_telecom_order_summary",
    "contract": "oms_telecom.action_report_telecom_service_contract",
}

# Whose records: the subscriber, that is the commercial entity of the logged-in
# user (a company's contacts all see its orders and services).


def subscriber_partner(env):
    """The subscriber the logged-in user acts for."""
    return env.user.partner_id.commercial_partner_id


def subscriber_orders_domain(env):
    return [("commercial_partner_id", "=", subscriber_partner(env).id)]


# The order page


def order_page_url(order_sudo, access_token=None, message=None):
    """The order's portal page, with the notice `message` shown on it."""
    params = {key: value for key, value in (("access_token", access_token), ("message", message)) if value}
    return f"{order_sudo.access_url}?{url_encode(params)}" if params else order_sudo.access_url


def order_reports(env, order_sudo):
    """{key: label} of the reports the subscriber may print for the order (on its
    page and on My Documents)."""
    reports = {"summary": env._("Order summary")}
    if order_sudo.line_ids and order_sudo.order_type != "problem":
        reports["contract"] = env._("Service contract")
    return reports


# Orders sent from the guided forms (a new service, a change, a disconnection,
# a technical problem)


def read_request_fields(env, post, errors):
    """The requested date and the comment every guided form asks."""
    return {
        "requested_date": form_tools.read_date(env, post, "requested_date", errors, env._("Requested date")),
        "comment": form_tools.read_text(
            env, post, "comment", errors, env._("Comment"), max_length=2000, multiline=True
        ),
    }


def prepare_order_values(env, order_type, premises, requested_date=False, description=None):
    """Values of an order sent from the portal by the current user; built here,
    never taken from the form."""
    return {
        "order_type": order_type,
        "channel": "portal",
        "partner_id": env.user.partner_id.id,
        "premises_id": premises.id,
        "requested_date": requested_date or False,
        "description": plaintext2html(description) if description else False,
    }


def create_order(env, vals):
    """Create and acknowledge an order of the current subscriber (its planning
    follows at once, in the background). The caller checked every value it
    holds: the subscriber cannot create orders by their own rights."""
    order_sudo = env["telecom.order.intake"].sudo()._accept([vals])
    order_sudo.message_subscribe(partner_ids=env.user.partner_id.ids)
    order_sudo._telecom_send_order_receipt()
    return order_sudo


def create_order_safely(env, prepare_values, errors):
    """Create the order from `prepare_values()` (called inside the same
    savepoint, so that premises it creates go away with a failed order), or
    record why not in `errors` with nothing written."""
    try:
        with env.cr.savepoint():
            return create_order(env, prepare_values())
    except UserError as error:
        errors["form"] = error.args[0]
        return env["telecom.order"]
