# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo.tests import tagged

from .common import TelecomPortalCase
from .test_appointment_confirmation import AppointmentChicagoCase


class CoverageTourCase(TelecomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_network()
        cls._create_business_phone()

    def _covered_order(self):
        # No area needed: the active Fiber proves the address is served.
        self.env["telecom.coverage.area"].search([("division_id", "=", self.division_field.id)]).active = False
        self.start_tour("/my/telecom/orders/new", "oms_telecom_portal_covered_order", login=self.user_subscriber.login)
        order = self._new_orders([("channel", "=", "portal")])
        self.assertEqual(order.premises_id, self.premises_home)
        self.assertEqual(order.line_ids.product_id, self.phone)

    def _public_coverage(self):
        premises_count = self.env["telecom.premises"].search_count([])
        self.start_tour("/telecom/order", "oms_telecom_portal_public_coverage")
        self.assertEqual(self.env["telecom.premises"].search_count([]), premises_count)
        self.assertFalse(self._new_orders([("channel", "=", "web")]))


@tagged("post_install", "-at_install")
class TestCoverageTourDesktop(CoverageTourCase):
    browser_size = "1440x900"

    def test_subscriber_sees_covered(self):
        self._covered_order()

    def test_prospect_checks_an_address(self):
        self._public_coverage()


@tagged("post_install", "-at_install")
class TestCoverageTourPhone(CoverageTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_subscriber_sees_covered(self):
        self._covered_order()

    def test_prospect_checks_an_address(self):
        self._public_coverage()


class AppointmentTourCase(AppointmentChicagoCase):
    def _book(self):
        order = self._order_waiting_for_appointment()
        work_orders = order._scenario_work_orders_to_book()
        self.start_tour("/my/telecom/orders", "oms_telecom_portal_appointment_zone", login=self.user_subscriber.login)
        self.assertEqual(set(work_orders.mapped("state")), {"planned"})
        start, end = min(work_orders.mapped("planned_start")), max(work_orders.mapped("planned_end"))
        self._assert_confirms(order, start, end)
        local = pytz.utc.localize(start).astimezone(self.chicago)
        self.assertIn(local.strftime("%H:%M"), self._confirmation(order).body_html)


@tagged("post_install", "-at_install")
class TestAppointmentTourDesktop(AppointmentTourCase):
    browser_size = "1440x900"

    def test_book_and_get_the_confirmation(self):
        self._book()


@tagged("post_install", "-at_install")
class TestAppointmentTourPhone(AppointmentTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_book_and_get_the_confirmation(self):
        self._book()
