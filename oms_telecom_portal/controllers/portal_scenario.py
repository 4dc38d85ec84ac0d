from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.oms_telecom.models.telecom_order_step import OPEN_ORDER_STEP_STATES

from .portal_new_order import TelecomNewOrderPortal

# Step history records that are no part of the subscriber's view of the order.
HIDDEN_STEP_STATES = ("cancelled",)


class TelecomScenarioPortal(TelecomNewOrderPortal):
    """The order's scenario on the portal: its steps in the progress tracker and
    the subscriber's answer at the customer confirmation step."""

    # Progress tracker

    def _telecom_order_progress_steps(self, order_sudo):
        """For an order following a scenario: the steps it went through (its step
        history, with the day each ended), the current one (with its deadline) and
        those still ahead on the normal path; a closed order ends on its final
        stage. Orders without a scenario keep the stage-based tracker."""
        if not order_sudo.scenario_id or not order_sudo.order_step_ids:
            return super()._telecom_order_progress_steps(order_sudo)
        current = order_sudo.current_order_step_id
        steps = []
        history = order_sudo.order_step_ids.filtered(lambda log: log.state not in HIDDEN_STEP_STATES)
        for log in history.sorted(lambda log: (log.date_start, log.id)):
            is_current = log == current and log.state in OPEN_ORDER_STEP_STATES and not order_sudo.is_closed
            steps.append(
                self._telecom_tracker_step(
                    log.name,
                    log.scenario_step_id.stage_id.description,
                    order_sudo.state if is_current else log.stage_id.state or "",
                    "current" if is_current else "done",
                    date=log.date_deadline if is_current else log.date_end,
                    date_kind="expected" if is_current else "done",
                )
            )
        if order_sudo.is_closed:
            stage = order_sudo.stage_id or order_sudo._stage_for_state(order_sudo.state)
            steps.append(
                self._telecom_tracker_step(
                    stage.name or order_sudo.state,
                    stage.description,
                    order_sudo.state,
                    "current",
                    date=order_sudo.date_closed,
                    date_kind="done",
                )
            )
            return steps
        steps.extend(self._telecom_order_next_steps(order_sudo, current.scenario_step_id))
        return steps

    def _telecom_order_next_steps(self, order_sudo, scenario_step):
        """The steps after `scenario_step` on the scenario's normal path, then the
        order's completion, expected by the order's deadline."""
        upcoming, seen = [], set(scenario_step.ids)
        step = scenario_step._next_step() if scenario_step else scenario_step
        while step and step.id not in seen:
            seen.add(step.id)
            upcoming.append(
                self._telecom_tracker_step(step.name, step.stage_id.description, step.stage_id.state or "", "next")
            )
            step = step._next_step()
        completion = order_sudo._stage_for_state("completed")
        upcoming.append(
            self._telecom_tracker_step(
                completion.name, completion.description, "completed", "next", date=order_sudo.date_deadline
            )
        )
        return upcoming

    # The subscriber's answer at the customer confirmation step

    def _telecom_order_at_confirmation(self, order_sudo):
        """The scenario waits for the subscriber to say whether the problem is solved."""
        return bool(
            order_sudo.order_type == "problem"
            and order_sudo.scenario_id
            and order_sudo.can_report_not_solved
            and order_sudo.current_step_state in ("running", "pending")
        )

    def _telecom_order_can_confirm_solved(self, order_sudo):
        return self._telecom_order_at_confirmation(order_sudo) or super()._telecom_order_can_confirm_solved(order_sudo)

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
            return request.redirect(self._telecom_order_url(order_sudo, access_token, "not_allowed"))
        return self._telecom_order_customer_answer(
            order_sudo,
            access_token,
            request.env._("The subscriber reported that the problem is not solved."),
            comment,
            action=order_sudo.action_step_not_solved,
            message="not_solved",
        )
