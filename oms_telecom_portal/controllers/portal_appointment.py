# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import OrderedDict

import pytz

from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import format_date

from .portal import TelecomOrderPortal
from .portal_tools import order_page_url

# Offered start times at most: the subscriber chooses among the first ones.
MAX_OFFERED_SLOTS = 60


class TelecomAppointmentPortal(TelecomOrderPortal):
    """The subscriber chooses the technician's visit among the free slots, when
    the order waits for an appointment."""

    def _telecom_order_can_book_slot(self, order_sudo):
        return bool(not order_sudo.is_closed and order_sudo.can_book_slot)

    def _telecom_slot_key(self, slot):
        return f"{fields.Datetime.to_string(slot['start'])}|{slot['technician_id']}"

    def _telecom_order_can_change_visit(self, order_sudo):
        return order_sudo._telecom_visit_changeable()

    def _telecom_chosen_slot(self, order_sudo, slot, visits=None):
        """The slot the form sent, if it is offered right now (whatever the form
        sent, only an offered slot can be booked), else None."""
        offered_slots = self._telecom_offered_slots(order_sudo, visits)
        return next((offered for offered in offered_slots if self._telecom_slot_key(offered) == slot), None)

    def _telecom_offered_slots(self, order_sudo, visits=None):
        """The free slots offered to the subscriber, earliest first: one technician
        per start time (the subscriber chooses a time, not a person). For the
        booked `visits` when they are being moved."""
        offered, starts = [], set()
        for slot in order_sudo._get_technician_slots(work_orders=visits):
            if slot["start"] in starts:
                continue
            starts.add(slot["start"])
            offered.append(slot)
            if len(offered) >= MAX_OFFERED_SLOTS:
                break
        return offered

    def _telecom_slot_tz(self, order_sudo):
        """The time zone of the premises, where the technician comes."""
        if order_sudo.premises_id:
            return pytz.timezone(order_sudo.premises_id._telecom_tz())
        division = order_sudo._scenario_technical_division()
        return pytz.timezone(order_sudo._scenario_calendar(division).tz or "UTC")

    def _telecom_slot_tz_label(self, tz, slots):
        """'America/Chicago (CST)': the zone's name and its abbreviation at the first slot."""
        moment = slots[0]["start"] if slots else fields.Datetime.now()
        return f"{tz.zone} ({pytz.utc.localize(moment).astimezone(tz).strftime('%Z')})"

    def _telecom_slots_by_day(self, order_sudo, slots):
        """[(day label, [(key, time label)])] in the premises' time zone."""
        tz = self._telecom_slot_tz(order_sudo)
        days = OrderedDict()
        for slot in slots:
            start = pytz.utc.localize(slot["start"]).astimezone(tz)
            end = pytz.utc.localize(slot["end"]).astimezone(tz)
            day = format_date(request.env, start.date(), date_format="EEEE d MMMM y")
            days.setdefault(day, []).append(
                (self._telecom_slot_key(slot), f"{start.strftime('%H:%M')} – {end.strftime('%H:%M')}")
            )
        return list(days.items())

    def _telecom_portal_messages(self):
        messages = super()._telecom_portal_messages()
        messages["appointment_booked"] = (
            "success",
            request.env._("Your appointment is booked: our technician will come at the chosen time."),
        )
        messages["visit_moved"] = (
            "success",
            request.env._("Your appointment is moved: we have sent you the new time by e-mail."),
        )
        messages["visit_cancelled"] = (
            "info",
            request.env._("Your appointment is cancelled: choose another time, or we will call you to agree on one."),
        )
        return messages

    def _prepare_telecom_order_page_values(self, order_sudo, access_token=None, message=None):
        values = super()._prepare_telecom_order_page_values(order_sudo, access_token, message)
        values["can_book_slot"] = self._telecom_order_can_book_slot(order_sudo)
        premises_sudo = order_sudo.premises_id
        values["address_covered"] = not premises_sudo or premises_sudo._telecom_coverage()[premises_sudo.id]["covered"]
        visit_booked = bool(order_sudo._telecom_booked_visits()) and not order_sudo.is_closed
        values["visit_booked"] = visit_booked
        values["can_change_visit"] = visit_booked and self._telecom_order_can_change_visit(order_sudo)
        values["visit_change_notice"] = visit_booked and self._telecom_visit_change_notice(
            order_sudo, values["can_change_visit"]
        )
        return values

    def _telecom_visit_change_notice(self, order_sudo, can_change):
        hours = order_sudo._telecom_visit_change_hours()
        if can_change:
            return request.env._(
                "Another time suits you better? Move or cancel the visit here up to %s hours before it.", hours
            )
        return request.env._("The visit is less than %s hours away: to change it, please call us.", hours)

    def _telecom_render_appointment(self, order_sudo, access_token=None, error=None, move=False):
        slots = self._telecom_offered_slots(order_sudo, order_sudo._telecom_booked_visits() if move else None)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "telecom_order",
                "order": order_sudo,
                "access_token": access_token,
                "slot_days": self._telecom_slots_by_day(order_sudo, slots),
                "slot_tz_label": self._telecom_slot_tz_label(self._telecom_slot_tz(order_sudo), slots),
                "error": error,
                "move": move,
            }
        )
        return request.render("oms_telecom_portal.portal_telecom_order_appointment", values)

    def _telecom_take_slot(self, order_sudo, access_token, slot, move=False):
        """Book the slot the form sent, or move the booked visit to it; the form
        again, with the reason, when the slot cannot be taken."""
        chosen = self._telecom_chosen_slot(order_sudo, slot, order_sudo._telecom_booked_visits() if move else None)
        if not chosen:
            error = request.env._("This time is not available: please choose one of the times below.")
            return self._telecom_render_appointment(order_sudo, access_token, error, move=move)
        take = order_sudo._telecom_move_visit if move else order_sudo._book_technician_slot
        try:
            with request.env.cr.savepoint():
                take(chosen["start"], chosen["technician_id"])
        except UserError as exc:
            return self._telecom_render_appointment(order_sudo, access_token, exc.args[0], move=move)
        message = "visit_moved" if move else "appointment_booked"
        return request.redirect(order_page_url(order_sudo, access_token, message))

    @http.route(
        "/my/telecom/orders/<int:order_id>/appointment",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_telecom_order_appointment(self, order_id, access_token=None, slot=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_book_slot(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        if request.httprequest.method != "POST":
            return self._telecom_render_appointment(order_sudo, access_token)
        return self._telecom_take_slot(order_sudo, access_token, slot)

    @http.route(
        "/my/telecom/orders/<int:order_id>/appointment/move",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_telecom_order_appointment_move(self, order_id, access_token=None, slot=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_change_visit(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        if request.httprequest.method != "POST":
            return self._telecom_render_appointment(order_sudo, access_token, move=True)
        return self._telecom_take_slot(order_sudo, access_token, slot, move=True)

    @http.route(
        "/my/telecom/orders/<int:order_id>/appointment/cancel",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_telecom_order_appointment_cancel(self, order_id, access_token=None, **kw):
        try:
            order_sudo = self._telecom_order_check_access(order_id, access_token)
        except (AccessError, MissingError):
            return self._telecom_access_denied(f"/my/telecom/orders/{order_id}")
        if not self._telecom_order_can_change_visit(order_sudo):
            return request.redirect(order_page_url(order_sudo, access_token, "not_allowed"))
        order_sudo._telecom_cancel_visit()
        return request.redirect(order_page_url(order_sudo, access_token, "visit_cancelled"))
