# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import pytz

from odoo.tests import tagged

from .test_portal_scenario import TelecomPortalScenarioCase


@tagged("post_install", "-at_install")
class TestPortalAppointmentTour(TelecomPortalScenarioCase):
    def test_tour_portal_book_appointment(self):
        order = self._order_waiting_for_appointment()
        work_orders = order._scenario_work_orders_to_book()
        self.start_tour("/my/telecom/orders", "oms_telecom_portal_book_appointment", login=self.user_subscriber.login)
        self.assertEqual(set(work_orders.mapped("state")), {"planned"})
        self.assertEqual(work_orders.technician_id, self.user_technician)
        self.assertFalse(order.can_book_slot)


@tagged("post_install", "-at_install")
class TestPortalAppointmentLocalTimeTour(TelecomPortalScenarioCase):
    """On a phone, a subscriber living by Brussels time books a visit at an address
    in Chicago: the times offered and the one booked are Chicago's, named."""

    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar.tz = "America/Chicago"
        cls.user_technician.resource_ids.tz = "America/Chicago"
        cls.user_subscriber.tz = "Europe/Brussels"

    def test_tour_book_ten_oclock_at_the_address(self):
        order = self._order_waiting_for_appointment()
        work_orders = order._scenario_work_orders_to_book()
        # Two hours in all: the slots of the day start at 08:00, 10:00, 13:00 and 15:00.
        work_orders.duration = 2.0 / len(work_orders)
        self.start_tour(
            f"/my/telecom/orders/{order.id}",
            "oms_telecom_portal_book_appointment_local_time",
            login=self.user_subscriber.login,
        )
        first = work_orders.sorted("planned_start")[0]
        local_start = pytz.utc.localize(first.planned_start).astimezone(pytz.timezone("America/Chicago"))
        self.assertEqual(local_start.strftime("%H:%M"), "10:00")


@tagged("post_install", "-at_install")
class TestPortalAppointmentLocalTimeDesktopTour(TestPortalAppointmentLocalTimeTour):
    """The same booking on a desktop screen: 10:00 at the address, read as 10:00
    with the zone's name."""

    browser_size = "1440x900"
    # The same test and tour as on the phone.
    allow_inherited_tests_method = True
