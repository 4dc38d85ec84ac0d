# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime

import vobject
from freezegun import freeze_time

from odoo.tests import Form, HttpCase, tagged

from .common import OmsTelecomCase, create_utc_calendar
from .test_report import SUMMARY, WORK_ORDER, pdf_text

CHICAGO = "America/Chicago"


@tagged("post_install", "-at_install")
class TestLocalTime(OmsTelecomCase, HttpCase):
    """A customer reads visit times in the zone of the address, named; staff read
    their own zone and the address's time beside it. The address is in Chicago,
    the staff and the subscriber in Brussels, the server in UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        calendar = create_utc_calendar(cls.env, "Local time test: Chicago")
        calendar.tz = CHICAGO
        cls.division_technical.resource_calendar_id = calendar
        cls.env["telecom.coverage.area"].create(
            {
                "division_id": cls.division_technical.id,
                "country_id": cls.country.id,
                "level": "city",
                "city": "Testville",
            }
        )
        (cls.env.user | cls.user_operator | cls.user_technician).tz = "Europe/Brussels"
        cls.individual.write({"tz": "Europe/Brussels", "lang": "en_US"})

    def setUp(self):
        super().setUp()
        # wkhtmltopdf loads the report styles from this server.
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    def _visit(self, start, duration=1.0):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        return self._create_work_order(order, line=order.line_ids[0], planned_start=start, duration=duration)

    def _confirmation(self, work_order):
        work_order.order_id._telecom_send_appointment_confirmation(work_order, self.user_technician)
        mail = self.env["mail.mail"].search(
            [("model", "=", "telecom.order"), ("res_id", "=", work_order.order_id.id)], order="id desc", limit=1
        )
        calendar = vobject.readOne(base64.b64decode(mail.attachment_ids.datas).decode())
        return mail, calendar.vevent

    def test_premises_zone_is_neither_the_readers_nor_utc(self):
        self.assertEqual(self.premises_home._telecom_tz(), CHICAGO)
        visit = self._visit(datetime(2026, 12, 7, 16, 0))
        self.assertEqual(visit.planned_local_time, "12/07/2026 10:00 – 11:00 (America/Chicago, CST)")
        mail, event = self._confirmation(visit)
        self.assertIn("Monday 7 December 2026, 10:00 – 11:00 (America/Chicago, CST)", mail.subject)
        self.assertIn("Monday 7 December 2026, 10:00 – 11:00 (America/Chicago, CST)", mail.body_html)
        self.assertEqual(event.dtstart.value.tzinfo.zone, CHICAGO)
        self.assertEqual(event.dtstart.value.strftime("%Y-%m-%d %H:%M %Z"), "2026-12-07 10:00 CST")
        self.assertEqual(event.dtend.value.strftime("%H:%M"), "11:00")

    def test_visits_across_the_dst_change_keep_their_local_hour(self):
        # Chicago leaves daylight time on 2026-11-01: 10:00 is 15:00 UTC before, 16:00 after.
        before = self._visit(datetime(2026, 10, 30, 15, 0))
        after = self._visit(datetime(2026, 11, 2, 16, 0))
        self.assertEqual(before.planned_local_time, "10/30/2026 10:00 – 11:00 (America/Chicago, CDT)")
        self.assertEqual(after.planned_local_time, "11/02/2026 10:00 – 11:00 (America/Chicago, CST)")
        for visit, abbreviation in ((before, "CDT"), (after, "CST")):
            mail, event = self._confirmation(visit)
            self.assertIn(f"10:00 – 11:00 (America/Chicago, {abbreviation})", mail.body_html)
            self.assertEqual(event.dtstart.value.strftime("%H:%M %Z"), f"10:00 {abbreviation}")

    @freeze_time("2026-12-07 15:00:00")
    def test_planning_notes_tell_deadlines_at_the_address_with_its_zone(self):
        # The operator reads Brussels, the scheduled action writes in its own zone:
        # the note, read by anyone later, says the address's time and zone.
        order = self._create_order()
        order.with_user(self.user_operator).action_submit()
        self.env.flush_all()
        self.env.cr.precommit.run()
        step = order.current_order_step_id
        self.assertTrue(step.date_deadline)
        deadline = self.premises_home._telecom_local_time(step.date_deadline)
        self.assertIn("(America/Chicago, CST)", deadline)
        notes = order.message_ids.filtered(lambda message: "started: the order is at the step" in message.body)
        self.assertIn(f"Step deadline: {deadline}", notes.body)

    def test_evening_visit_is_on_the_local_day(self):
        # 19:00 in Chicago is 01:00 UTC the next day.
        visit = self._visit(datetime(2026, 12, 8, 1, 0))
        self.assertEqual(visit.planned_local_time, "12/07/2026 19:00 – 20:00 (America/Chicago, CST)")
        mail, event = self._confirmation(visit)
        self.assertIn("Monday 7 December 2026, 19:00 – 20:00", mail.body_html)
        self.assertEqual(event.dtstart.value.strftime("%Y-%m-%d %H:%M"), "2026-12-07 19:00")

    def test_visit_ending_the_next_local_day_shows_both_days(self):
        visit = self._visit(datetime(2026, 12, 8, 4, 0), duration=3.0)
        self.assertEqual(visit.planned_local_time, "12/07/2026 22:00 – 12/08/2026 01:00 (America/Chicago, CST)")

    def test_staff_form_shows_the_time_at_the_address(self):
        visit = self._visit(datetime(2026, 12, 7, 16, 0))
        form = Form(visit.with_user(self.user_operator), view="oms_telecom.telecom_work_order_view_form")
        self.assertEqual(form.planned_local_time, "12/07/2026 10:00 – 11:00 (America/Chicago, CST)")
        form.planned_start = datetime(2026, 12, 8, 1, 0)
        self.assertEqual(form.planned_local_time, "12/07/2026 19:00 – 20:00 (America/Chicago, CST)")

    def test_booking_lines_show_the_time_at_the_address(self):
        order = self._create_order(no_scenario=True)
        wizard = self.env["telecom.slot.booking.wizard"].create({"order_id": order.id})
        line = self.env["telecom.slot.booking.line"].create(
            {
                "wizard_id": wizard.id,
                "start": datetime(2026, 11, 2, 16, 0),
                "end": datetime(2026, 11, 2, 18, 0),
                "technician_id": self.user_technician.id,
            }
        )
        self.assertEqual(wizard.premises_tz, CHICAGO)
        self.assertEqual(line.local_time, "Mon 2 Nov, 10:00 – 12:00 (America/Chicago, CST)")

    def _pdf_text(self, report, records):
        content = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)[0]
        )
        return pdf_text(content)

    def test_pdfs_print_the_time_at_the_address(self):
        visit = self._visit(datetime(2026, 11, 2, 16, 0))
        evening = self._visit(datetime(2026, 12, 8, 1, 0))
        text = self._pdf_text(WORK_ORDER, visit | evening)
        self.assertIn("11/02/2026 10:00 – 11:00 (America/Chicago, CST)", text)
        self.assertIn("12/07/2026 19:00 – 20:00 (America/Chicago, CST)", text)
        text = self._pdf_text(SUMMARY, visit.order_id)
        self.assertIn("11/02/2026 10:00 – 11:00", text)
        self.assertIn("America/Chicago", text)

    def test_order_submitted_in_the_evening_is_of_that_local_day(self):
        order = self._create_order(no_scenario=True)
        # 19:30 in Chicago, 01:30 UTC the next day, 02:30 in Brussels.
        with freeze_time("2026-12-08 01:30:00"):
            order.action_submit()
        self.assertEqual(order.premises_id._telecom_local_date(order.date_submitted), "12/07/2026")
        text = self._pdf_text(SUMMARY, order)
        self.assertIn("12/07/2026", text)
        self.assertNotIn("12/08/2026", text)
