# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrderActivation(TmfApiCase):
    def test_item_product_gives_the_day_the_service_started(self):
        """The service's startDate is its activation: the day its work order was
        done at the premises (03:00 UTC on the 17th is the 16th in Chicago)."""
        self.calendar.tz = "America/Chicago"
        self.assertEqual(self.premises_home._telecom_tz(), "America/Chicago")
        with freeze_time("2026-11-09 15:00:00"):
            order = self._create_order(no_scenario=True)
            order.action_submit()
            work_order = self._create_work_order(order, order.line_ids)
            work_order.planned_start = "2026-11-16 20:00:00"
        with freeze_time("2026-11-17 03:00:00"):
            self._as_technician(work_order).action_start()
            self._as_technician(work_order).action_done("ONT installed")
        service = order.line_ids.service_id
        self.assertEqual(str(service.date_activated), "2026-11-16")

        response = self.api("GET", f"{PO}/productOrder/{order.id}")
        self.assertEqual(response.status_code, 200, response.text)
        product = response.json()["productOrderItem"][0]["product"]
        self.assertEqual(product["id"], str(service.id))
        self.assertEqual(product["startDate"], "2026-11-16T00:00:00Z")
