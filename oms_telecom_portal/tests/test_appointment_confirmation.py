import base64
from datetime import timedelta

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
