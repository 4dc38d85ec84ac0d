# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .portal import TelecomOrderPortal
from .portal_tools import order_page_url


class TelecomScenarioPortal(TelecomOrderPortal):
    """The subscriber's answer at the scenario's customer confirmation step, on
    the order page."""

    def _telecom_order_at_confirmation(self, order_sudo):
        """The scenario waits for the subscriber to say whether the problem is solved."""
        return bool(
            order_sudo.order_type == "problem"
            and order_sudo.scenario_id
            and order_sudo.can_report_not_solved
            and order_sudo.current_step_state in ("running", "pending")
        )

    def _telecom_order_can_confirm_solved(self, order_sudo):
        # A scenario asks the subscriber at its confirmation step, not during the repair.
        if order_sudo.scenario_id and order_sudo.current_order_step_id:
            return self._telecom_order_at_confirmation(order_sudo)
        return super()._telecom_order_can_confirm_solved(order_sudo)

    def _telecom_portal_messages(self):
        messages = super()._telecom_portal_messages()
        messages["not_solved"] = (
            "info",
            request.env._("Thank you: the team in charge looks into the problem again."),
        )
        return messages

    def _prepare_telecom_order_page_values(self, order_sudo, access_token=None, message=None):
        values = super()._prepare_telecom_order_page_values(order_sudo, access_token, message)
        values["can_report_not_solved"] = self._telecom_order_at_confirmation(order_sudo)
        return values

    @http.route()
    def portal_telecom_order_solved(self, order_id, access_token=None, comment=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_at_confirmation(order_sudo):
            return super().portal_telecom_order_solved(order_id, access_token=access_token, comment=comment, **kw)
        # The confirmation step is done: the scenario moves on (and closes the order).
        return self._telecom_order_customer_answer(
            order_sudo,
            access_token,
            request.env._("The subscriber confirmed that the problem is solved."),
            comment,
            action=order_sudo.action_next_step,
            message="solved",
            receipt=self._telecom_solved_receipt(completes=True),
        )

    @http.route(
        "/my/telecom/orders/<int:order_id>/not_solved", type="http", auth="public", methods=["POST"], website=True
    )
    def portal_telecom_order_not_solved(self, order_id, access_token=None, comment=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_at_confirmation(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        return self._telecom_order_customer_answer(
            order_sudo,
            access_token,
            request.env._("The subscriber reported that the problem is not solved."),
            comment,
            action=order_sudo.action_step_not_solved,
            message="not_solved",
            receipt=request.env._(
                "We have received your answer: the problem is not solved. The team in charge looks into it again."
            ),
        )
