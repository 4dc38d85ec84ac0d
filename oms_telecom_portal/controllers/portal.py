# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup
from werkzeug.urls import url_encode

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression
from odoo.tools import plaintext2html

from odoo.addons.oms_telecom.models.telecom_order_state import CANCELLABLE_STATES
from odoo.addons.oms_telecom.models.telecom_work_order import OPEN_WORK_ORDER_STATES
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal_tools import order_page_url, subscriber_orders_domain

PROBLEM_SOLVABLE_STATES = ("in_progress", "pending")


class TelecomOrderPortal(CustomerPortal):
    """My telecom orders: home counters, list, order page and the subscriber's actions.

    The order page is extended by the controllers that add to it (portal_scenario,
    portal_appointment, portal_documents): they subclass this one and extend its
    `_prepare_telecom_order_page_values` and `_telecom_portal_messages`."""

    # Home page

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Order = request.env["telecom.order"]
        can_read_orders = Order.has_access("read")
        if "telecom_order_count" in counters:
            values["telecom_order_count"] = (
                Order.search_count(subscriber_orders_domain(request.env)) if can_read_orders else 0
            )
        if "telecom_problem_count" in counters:
            values["telecom_problem_count"] = (
                Order.search_count(subscriber_orders_domain(request.env) + self._telecom_open_problems_domain())
                if can_read_orders
                else 0
            )
        return values

    def _telecom_open_problems_domain(self):
        return [("order_type", "=", "problem"), ("is_closed", "=", False)]

    # Order list

    def _telecom_order_searchbar_sortings(self):
        env = request.env
        return {
            "date": {"label": env._("Newest"), "order": "create_date desc, id desc"},
            "name": {"label": env._("Number"), "order": "name desc, id desc"},
            "requested": {"label": env._("Requested Date"), "order": "requested_date desc, id desc"},
            "state": {"label": env._("Status"), "order": "state, id desc"},
        }

    def _telecom_order_searchbar_filters(self):
        env = request.env
        filters = {
            "all": {"label": env._("All"), "domain": []},
            "open": {"label": env._("Open"), "domain": [("is_closed", "=", False)]},
            "done": {"label": env._("Closed"), "domain": [("is_closed", "=", True)]},
            "problems": {"label": env._("Open Problems"), "domain": self._telecom_open_problems_domain()},
        }
        order_types = env["telecom.order"]._fields["order_type"]._description_selection(env)
        for order_type, label in order_types:
            filters[order_type] = {"label": label, "domain": [("order_type", "=", order_type)]}
        return filters

    def _telecom_order_searchbar_inputs(self):
        env = request.env
        return {
            "all": {"input": "all", "label": env._("Search in Number and Address")},
            "name": {"input": "name", "label": env._("Search in Number")},
            "address": {"input": "address", "label": env._("Search in Address")},
        }

    def _telecom_order_search_domain(self, search_in, search):
        domains = {
            "name": [("name", "ilike", search)],
            "address": [("premises_id.full_address", "ilike", search)],
        }
        return domains.get(search_in) or expression.OR(list(domains.values()))

    def _prepare_telecom_orders_values(self, page=1, sortby=None, filterby=None, search=None, search_in="all"):
        Order = request.env["telecom.order"]
        sortings = self._telecom_order_searchbar_sortings()
        filters = self._telecom_order_searchbar_filters()
        inputs = self._telecom_order_searchbar_inputs()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        search_in = search_in if search_in in inputs else "all"
        domain = subscriber_orders_domain(request.env) + filters[filterby]["domain"]
        if search:
            domain = expression.AND([domain, self._telecom_order_search_domain(search_in, search)])
        url_args = {"sortby": sortby, "filterby": filterby}
        if search:
            url_args.update(search=search, search_in=search_in)
        pager = portal_pager(
            url="/my/telecom/orders",
            total=Order.search_count(domain),
            page=page,
            step=self._items_per_page,
            url_args=url_args,
        )
        # The search ran with the subscriber's rights; sudo only to display.
        orders = Order.search(
            domain, order=sortings[sortby]["order"], limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_orders",
                "orders": orders.sudo(),
                # Read once for the page's rows: a t-field per row reads the field's description.
                "order_type_labels": dict(Order._fields["order_type"]._description_selection(request.env)),
                "portal_state_labels": Order._portal_state_labels(),
                "pager": pager,
                "default_url": "/my/telecom/orders",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
                "searchbar_inputs": inputs,
                "search_in": search_in,
                "search": search,
            }
        )
        return values

    @http.route(["/my/telecom/orders", "/my/telecom/orders/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_telecom_orders(self, page=1, sortby=None, filterby=None, search=None, search_in="all", **kw):
        values = self._prepare_telecom_orders_values(page, sortby, filterby, search, search_in)
        request.session["my_telecom_orders_history"] = values["orders"].ids[:100]
        return request.render("oms_telecom_portal.portal_my_telecom_orders", values)

    # Order page

    def _telecom_order_check_access(self, order_id, access_token=None):
        """The order, in sudo, once the subscriber's rights or the token allowed it.
        Actions then run as the current user (who is the author of the changes)."""
        order_sudo = self._document_check_access("telecom.order", order_id, access_token=access_token)
        return order_sudo.with_user(request.env.user).sudo()

    def _telecom_access_denied(self, path=None):
        if request.env.user._is_public():
            return request.redirect("/web/login?" + url_encode({"redirect": path or request.httprequest.path}))
        return request.redirect("/my")

    def _telecom_portal_messages(self):
        """Notices shown on the order page after an action, by code."""
        env = request.env
        return {
            "created": ("success", env._("Your order has been registered. Follow its progress on this page.")),
            "cancel_requested": ("info", env._("Your cancellation request has been sent; we will confirm it.")),
            "cancelled": ("info", env._("Your order has been cancelled.")),
            "solved": ("success", env._("Thank you: the problem is now closed.")),
            "solved_reported": (
                "success",
                env._("Thank you: we have told the team in charge, who will close the problem."),
            ),
            "not_allowed": ("warning", env._("This action is no longer possible for this order.")),
        }

    def _telecom_order_progress_steps(self, order_sudo):
        """Steps of the order's progress tracker (see telecom.order._portal_tracker_steps)."""
        return order_sudo._portal_tracker_steps()

    def _telecom_order_can_cancel(self, order_sudo):
        return order_sudo.state == "draft" or order_sudo.state in CANCELLABLE_STATES

    def _telecom_order_open_work_orders(self, order_sudo):
        return order_sudo.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)

    def _telecom_order_can_confirm_solved(self, order_sudo):
        return order_sudo.order_type == "problem" and order_sudo.state in PROBLEM_SOLVABLE_STATES

    def _prepare_telecom_order_page_values(self, order_sudo, access_token=None, message=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_order",
                "order": order_sudo,
                "progress_steps": self._telecom_order_progress_steps(order_sudo),
                "work_orders": order_sudo.work_order_ids.filtered(lambda wo: wo.state != "cancelled"),
                "can_cancel": self._telecom_order_can_cancel(order_sudo),
                "can_confirm_solved": self._telecom_order_can_confirm_solved(order_sudo),
                "notice": self._telecom_portal_messages().get(message),
                "res_company": order_sudo.company_id,
            }
        )
        return self._get_page_view_values(
            order_sudo,
            access_token,
            values,
            "my_telecom_orders_history",
            request.env.user._is_public(),
        )

    @http.route("/my/telecom/orders/<int:order_id>", type="http", auth="public", website=True)
    def portal_my_telecom_order(self, order_id, access_token=None, message=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied()
        values = self._prepare_telecom_order_page_values(order_sudo, access_token, message)
        return request.render("oms_telecom_portal.portal_telecom_order_page", values)

    # The subscriber's actions on an order

    def _telecom_post_customer_message(self, order_sudo, body):
        """A note for the team in the order's chatter, in the name of the subscriber
        (or the prospect holding the link): what they did on the portal. They get
        their receipt from the company (`_telecom_send_receipt`)."""
        if not request.env.user._is_public():
            author = {"author_id": request.env.user.partner_id.id}
        elif order_sudo.partner_id:
            author = {"author_id": order_sudo.partner_id.id}
        else:
            author = {"email_from": order_sudo.prospect_email or order_sudo.prospect_name}
        # The order's responsible reads it in their inbox.
        order_sudo.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
            partner_ids=order_sudo.user_id.partner_id.ids,
            **author,
        )

    def _telecom_message_body(self, text, comment=None):
        comment = (comment or "").strip()[:2000]
        body = Markup("<p>%s</p>") % text
        return body + plaintext2html(comment) if comment else body

    def _telecom_order_customer_answer(self, order_sudo, access_token, text, comment, action, message, receipt):
        """Note the subscriber's `text` and comment for the team, send them the
        `receipt` and run `action` (if any), all or nothing; back to the order page
        with `message`, or "not_allowed" if refused."""
        try:
            with request.env.cr.savepoint():
                self._telecom_post_customer_message(order_sudo, self._telecom_message_body(text, comment))
                order_sudo._telecom_send_receipt(receipt, comment)
                if action:
                    action()
        except UserError:
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        return request.redirect(order_page_url(order_sudo, access_token, message))

    @http.route("/my/telecom/orders/<int:order_id>/cancel", type="http", auth="public", methods=["POST"], website=True)
    def portal_telecom_order_cancel(self, order_id, access_token=None, reason=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_cancel(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        was_draft = order_sudo.state == "draft"
        try:
            with request.env.cr.savepoint():
                if was_draft:
                    order_sudo.action_cancel_draft()
                else:
                    order_sudo.action_request_cancellation()
                text = request.env._("The subscriber asked to cancel the order.")
                self._telecom_post_customer_message(order_sudo, self._telecom_message_body(text, reason))
                if was_draft:
                    receipt = request.env._("Your order has been cancelled, as you asked.")
                else:
                    receipt = request.env._(
                        "We have received your request to cancel the order: we will confirm the cancellation."
                    )
                order_sudo._telecom_send_receipt(receipt, reason)
        except UserError:
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        message = "cancelled" if was_draft else "cancel_requested"
        return request.redirect(order_page_url(order_sudo, access_token, message))

    @http.route("/my/telecom/orders/<int:order_id>/solved", type="http", auth="public", methods=["POST"], website=True)
    def portal_telecom_order_solved(self, order_id, access_token=None, comment=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_confirm_solved(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        # Work under way (a technician's visit...) is the team's to close: the
        # subscriber's word is passed on to them and the order stays open.
        completes = not self._telecom_order_open_work_orders(order_sudo)

        def complete():
            if order_sudo.state == "pending":
                order_sudo.action_resume()
            order_sudo.action_complete()

        return self._telecom_order_customer_answer(
            order_sudo,
            access_token,
            request.env._("The subscriber confirmed that the problem is solved."),
            comment,
            action=complete if completes else None,
            message="solved" if completes else "solved_reported",
            receipt=self._telecom_solved_receipt(completes),
        )

    def _telecom_solved_receipt(self, completes):
        if completes:
            return request.env._("Thank you for confirming that the problem is solved: your order is now closed.")
        return request.env._(
            "Thank you for confirming that the problem is solved: we close the order once the work under way is done."
        )
