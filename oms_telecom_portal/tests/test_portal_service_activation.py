# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import lxml.html
from freezegun import freeze_time

from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalServiceActivation(TelecomPortalCase):
    """My Services gives the day the work activated a service at its premises."""

    def test_service_since_the_day_of_its_work_at_the_premises(self):
        self.env.company.resource_calendar_id.tz = "America/Chicago"
        self.subscriber.tz = "Europe/Brussels"
        self.assertEqual(self.premises_home._telecom_tz(), "America/Chicago")
        with freeze_time("2026-11-09 15:00:00"):
            order = self._create_order(self.subscriber, self.premises_home, [self.phone], no_scenario=True)
            work_order = self.env["telecom.work.order"].create(
                {"order_id": order.id, "line_id": order.line_ids.id, "planned_start": "2026-11-16 20:00:00"}
            )
        # 03:00 UTC on the 17th: the evening of the 16th in Chicago.
        with freeze_time("2026-11-17 03:00:00"):
            work_order.action_start()
            work_order.action_done("Line configured")
        service = order.line_ids.service_id
        self.assertEqual(str(service.date_activated), "2026-11-16")

        self._login(self.user_subscriber)
        page = lxml.html.fromstring(self.url_open("/my/telecom/services").content)
        item = page.xpath(f"//li[@data-service-id='{service.id}']")[0]
        self.assertIn("since 11/16/2026", " ".join(item.text_content().split()))
