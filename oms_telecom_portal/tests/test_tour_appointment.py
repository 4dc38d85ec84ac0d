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
