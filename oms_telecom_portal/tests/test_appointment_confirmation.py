# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime, timedelta

import pytz
import vobject

from odoo import fields
from odoo.tests import tagged

from .test_portal_scenario import TelecomPortalScenarioCase


class AppointmentChicagoCase(TelecomPortalScenarioCase):
    """The field team works in Chicago time: slots and e-mails are in that zone,
    whatever the subscriber's own time zone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar.tz = "America/Chicago"
        cls.user_subscriber.tz = "Europe/Brussels"
        cls.chicago = pytz.timezone("America/Chicago")

    def _confirmation(self, order, count=1):
        """The last confirmation of the order, after `count` of them."""
        mails = self.env["mail.mail"].search(
            [("model", "=", "telecom.order"), ("res_id", "=", order.id), ("subject", "ilike", "technician visit")],
            order="id desc",
        )
        self.assertEqual(len(mails), count)
        return mails[:1]

    def _ics_event(self, mail):
        attachment = mail.attachment_ids
        self.assertEqual(attachment.name, "appointment.ics")
        self.assertEqual(attachment.mimetype, "text/calendar")
        calendar = vobject.readOne(base64.b64decode(attachment.datas).decode())
        return calendar.vevent

    def _assert_confirms(self, order, start_utc, end_utc, count=1):
        local_start = pytz.utc.localize(start_utc).astimezone(self.chicago)
        local_end = pytz.utc.localize(end_utc).astimezone(self.chicago)
        mail = self._confirmation(order, count)
        self.assertEqual(mail.recipient_ids, self.subscriber)
        when = f"{local_start.strftime('%H:%M')} – {local_end.strftime('%H:%M')} (America/Chicago, "
        self.assertIn(when, mail.subject)
        self.assertIn(when, mail.body_html)
        event = self._ics_event(mail)
        self.assertEqual(event.dtstart.value, local_start)
        self.assertEqual(event.dtstart.value.tzinfo.zone, "America/Chicago")
        self.assertEqual(event.dtend.value, local_end)
        self.assertIn(order.name, event.summary.value)
        self.assertEqual(event.location.value, order.premises_id.display_name)


@tagged("post_install", "-at_install")
class TestAppointmentConfirmation(AppointmentChicagoCase):
    def test_portal_booking_sends_confirmation(self):
        order = self._order_waiting_for_appointment()
        slot = order._get_technician_slots()[0]
        key = f"{fields.Datetime.to_string(slot['start'])}|{slot['technician_id']}"
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}/appointment").text
        self.assertIn("America/Chicago", page)
        local = pytz.utc.localize(slot["start"]).astimezone(self.chicago).strftime("%H:%M")
        self.assertIn(f"{local} – ", page)
        self._post(f"/my/telecom/orders/{order.id}/appointment", {"slot": key})
        self._assert_confirms(order, slot["start"], slot["end"])

    def test_backend_wizard_sends_confirmation(self):
        order = self._order_waiting_for_appointment()
        wizard = self.env["telecom.slot.booking.wizard"].create({"order_id": order.id})
        wizard.action_search()
        line = wizard.line_ids[0]
        line.action_book()
        self._assert_confirms(order, line.start, line.end)

    def test_moved_visit_sends_the_new_time(self):
        order = self._order_waiting_for_appointment()
        slot = order._get_technician_slots()[0]
        work_orders = order._book_technician_slot(slot["start"], slot["technician_id"])
        first_uid = self._ics_event(self._confirmation(order)).uid.value
        # The operator moves the visit a day later: a confirmation per work order moved.
        for work_order in work_orders:
            work_order.planned_start += timedelta(days=1)
        count = 1 + len(work_orders)
        self._assert_confirms(order, slot["start"] + timedelta(days=1), slot["end"] + timedelta(days=1), count)
        moved = self._confirmation(order, count)
        self.assertEqual(self._ics_event(moved).uid.value, first_uid, "the same event, moved")

    def test_prospect_gets_it_by_email(self):
        order = self._order_waiting_for_appointment()
        order.write({"partner_id": False, "prospect_name": "Penny", "prospect_email": "penny@example.com"})
        slot = order._get_technician_slots()[0]
        order._book_technician_slot(slot["start"], slot["technician_id"])
        self.assertEqual(self._confirmation(order).email_to, "penny@example.com")


@tagged("post_install", "-at_install")
class TestAppointmentLocalTime(AppointmentChicagoCase):
    """The order page and the public follow page give the visit in the address's
    time, named: not in UTC, not in the subscriber's own zone (Brussels)."""

    def _booked(self):
        order = self._order_waiting_for_appointment()
        slot = order._get_technician_slots()[0]
        work_orders = order._book_technician_slot(slot["start"], slot["technician_id"])
        return order, work_orders.sorted("planned_start")[0]

    def _label(self, work_order):
        start = pytz.utc.localize(work_order.planned_start).astimezone(self.chicago)
        end = pytz.utc.localize(work_order.planned_end).astimezone(self.chicago)
        return f"{start:%m/%d/%Y %H:%M} – {end:%H:%M} (America/Chicago, {start:%Z})"

    def test_order_page_shows_the_visit_at_the_address(self):
        order, work_order = self._booked()
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn(self._label(work_order), page)
        # The prospect's link, without an account, reads the same.
        self._anonymous()
        page = self.url_open(order.get_portal_url()).text
        self.assertIn(self._label(work_order), page)

    def test_order_page_and_email_across_the_dst_change(self):
        # Chicago enters daylight time on 2027-03-14: 10:00 is 16:00 UTC before, 15:00 after.
        order, first = self._booked()
        visits = order.work_order_ids.filtered("planned_start").sorted("planned_start")
        self._login(self.user_subscriber)
        for start, expected, abbreviation in (
            (datetime(2027, 3, 12, 16, 0), "03/12/2027 10:00 – ", "CST"),
            (datetime(2027, 3, 15, 15, 0), "03/15/2027 10:00 – ", "CDT"),
            # 19:00 in Chicago is 01:00 UTC the next day.
            (datetime(2027, 3, 16, 0, 0), "03/15/2027 19:00 – ", "CDT"),
        ):
            shift = start - first.planned_start
            for visit in visits:
                visit.planned_start += shift
            page = self.url_open(f"/my/telecom/orders/{order.id}").text
            self.assertTrue(self._label(first).startswith(expected))
            self.assertIn(self._label(first), page)
            mail = self.env["mail.mail"].search(
                [("model", "=", "telecom.order"), ("res_id", "=", order.id)], order="id desc", limit=1
            )
            self.assertIn(f"{expected.split()[1]} – ", mail.body_html)
            self.assertIn(f"(America/Chicago, {abbreviation})", mail.body_html)
            event = self._ics_event(mail)
            self.assertEqual(event.dtstart.value.strftime("%H:%M %Z"), f"{expected.split()[1]} {abbreviation}")
