# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

import lxml.html
from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import BillingCase

# 03:00 UTC on 17 November is still the 16th in Chicago, where the premises are.
DAY_DONE = date(2026, 11, 16)


@tagged("post_install", "-at_install")
class TestBillingActivation(BillingCase, HttpCase):
    """Billing starts the day the work activated the service at its premises, and
    the subscriber's contract says so: its start, and its next invoice as such."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The field team operating the premises works in Chicago.
        cls.calendar.tz = "America/Chicago"
        (cls.env.user | cls.user_operator | cls.user_technician | cls.user_billing).tz = "Europe/Brussels"

    def _connection_done_then_completed_later(self):
        """The technician's work order is done on the evening of the 16th (local);
        the operator completes the order on the 19th."""
        self.assertEqual(self.premises_office._telecom_tz(), "America/Chicago")
        with freeze_time("2026-11-09 15:00:00"):
            order = self._create_order(
                partner=self.company_subscriber,
                premises=self.premises_office,
                lines=[{"product_id": self.fiber_100.id, "parameters": {"bandwidth": 100}}],
                no_scenario=True,
            )
            order.action_submit()
            work_order = self._create_work_order(order)
            work_order.planned_start = "2026-11-16 20:00:00"
        with freeze_time("2026-11-17 03:00:00"):
            self._as_technician(work_order).action_start()
            self._as_technician(work_order).action_done("ONT installed")
        with freeze_time("2026-11-19 15:00:00"):
            order.with_user(self.user_operator).action_complete()
        self.assertEqual(order.state, "completed")
        return order.line_ids.service_id

    def test_billing_and_contract_start_on_the_day_of_the_work(self):
        service = self._connection_done_then_completed_later()
        contract = service.contract_id
        self.assertRecordValues(service, [{"date_activated": DAY_DONE, "date_billing_start": DAY_DONE}])
        recurring = service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring")
        self.assertEqual(recurring.date_start, DAY_DONE)
        self.assertEqual(contract.telecom_date_start, DAY_DONE)
        self.assertEqual(contract.modification_ids.mapped("date"), [DAY_DONE], "the timeline's contract start")

        self.authenticate(self.user_portal.login, self.user_portal.login)
        listing = lxml.html.fromstring(self.url_open("/my/contracts").content)
        headers = [header.text_content().strip() for header in listing.xpath("//thead//th")]
        self.assertIn("Next invoice", headers)
        self.assertNotIn("Date", headers, "a column says what it holds")
        row = listing.xpath(f"//tbody/tr[.//a[contains(@href, '/my/contracts/{contract.id}')]]")[0]
        cells = [cell.text_content().strip() for cell in row.xpath("td")]
        self.assertEqual(cells[headers.index("Start")], "11/16/2026")

        page = lxml.html.fromstring(self.url_open(f"/my/contracts/{contract.id}").content)
        start = page.xpath("string(//div[@name='telecom_date_start'])")
        self.assertEqual(" ".join(start.split()), "Start 11/16/2026")
        timeline = " ".join(page.xpath("string(//section[contains(@class, 's_timeline')])").split())
        self.assertIn("11/16/2026 Contract start", timeline)

    def test_billing_users_still_move_the_billing_start(self):
        service = self._connection_done_then_completed_later()
        service.with_user(self.user_billing).date_billing_start = "2026-11-20"
        recurring = service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring")
        self.assertEqual(str(recurring.date_start), "2026-11-20")
        self.assertEqual(service.date_activated, DAY_DONE, "the activation stays the day of the work")
        self.assertEqual(str(service.contract_id.telecom_date_start), "2026-11-20")
        self.assertEqual([str(day) for day in service.contract_id.modification_ids.mapped("date")], ["2026-11-20"])
