# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_appointment_confirmation import AppointmentChicagoCase


class VisitChangeCase(AppointmentChicagoCase):
    """A subscriber moves or cancels the booked visit from the portal, up to the
    technical division's notice before it."""

    def _booked_order(self):
        order = self._order_waiting_for_appointment()
        slot = order._get_technician_slots()[0]
        visits = order._book_technician_slot(slot["start"], slot["technician_id"])
        return order, visits

    def _later_slot(self, order):
        """A free slot for the booked visit, after the visit itself."""
        visits = order._telecom_booked_visits()
        end = max(visits.mapped("planned_end"))
        return next(slot for slot in order._get_technician_slots(work_orders=visits) if slot["start"] >= end)

    def _key(self, slot):
        return f"{slot['start']:%Y-%m-%d %H:%M:%S}|{slot['technician_id']}"


@tagged("post_install", "-at_install")
class TestVisitChange(VisitChangeCase):
    def setUp(self):
        super().setUp()
        # Changes allowed until the visit starts: whatever time the tests run.
        self.division_technical.visit_change_hours = 0

    def test_move_frees_the_slot_and_confirms_the_new_time(self):
        order, visits = self._booked_order()
        old_start = min(visits.mapped("planned_start"))
        slot = self._later_slot(order)
        self._login(self.user_subscriber)
        page = self.url_open(order.get_portal_url()).text
        self.assertIn("o_telecom_move_visit", page)
        page = self.url_open(f"/my/telecom/orders/{order.id}/appointment/move").text
        self.assertIn("Move the visit of", page)
        response = self._post(f"/my/telecom/orders/{order.id}/appointment/move", {"slot": self._key(slot)})
        self.assertEqual(response.status_code, 303)
        self.assertIn("message=visit_moved", response.headers["Location"])
        self.assertEqual(visits.mapped("state"), ["planned"] * len(visits))
        self.assertEqual(min(visits.mapped("planned_start")), slot["start"])
        self._assert_confirms(order, slot["start"], slot["end"], count=2)
        # The old time is free again for anybody.
        other_order = self._order_waiting_for_appointment()
        self.assertIn(old_start, [free["start"] for free in other_order._get_technician_slots()])
        self.assertIn("The subscriber moved the visit", "".join(order.message_ids.mapped("body")))
        technician_partner = self.user_technician.partner_id
        self.assertTrue(
            visits.message_ids.filtered(lambda message: technician_partner in message.partner_ids),
            "the technician is told",
        )

    def test_cancel_frees_the_slot_and_asks_for_a_new_time(self):
        order, visits = self._booked_order()
        order.user_id = self.env.ref("base.user_admin")
        self._login(self.user_subscriber)
        response = self._post(f"/my/telecom/orders/{order.id}/appointment/cancel", {})
        self.assertIn("message=visit_cancelled", response.headers["Location"])
        self.assertEqual(set(visits.mapped("state")), {"draft"})
        self.assertFalse(any(visits.mapped("planned_start")))
        self.assertFalse(visits.technician_id)
        self.assertTrue(order.can_book_slot, "the subscriber may choose another time")
        self.assertTrue(
            order.activity_ids.filtered(lambda activity: activity.user_id == order.user_id), "the responsible is told"
        )
        self.assertIn("The subscriber cancelled the visit", "".join(order.message_ids.mapped("body")))

    def test_taken_time_is_refused(self):
        order, visits = self._booked_order()
        start = min(visits.mapped("planned_start"))
        self._login(self.user_subscriber)
        key = f"{start:%Y-%m-%d %H:%M:%S}|{self.user_technician.id}"
        page = self._post(f"/my/telecom/orders/{order.id}/appointment/move", {"slot": key}).text
        self.assertIn("This time is not available", page)
        self.assertEqual(min(visits.mapped("planned_start")), start)


@tagged("post_install", "-at_install")
class TestVisitChangeAfterCutOff(VisitChangeCase):
    def setUp(self):
        super().setUp()
        # Every visit the tests book is closer than this notice.
        self.division_technical.visit_change_hours = 24 * 365
        self.env.company.phone = "+1 312-555-0100"

    def test_page_says_whom_to_call(self):
        order, _visits = self._booked_order()
        self._login(self.user_subscriber)
        page = self.url_open(order.get_portal_url()).text
        self.assertNotIn("o_telecom_move_visit", page)
        self.assertIn("o_telecom_visit_call", page)
        self.assertIn("+1 312-555-0100", page)

    def test_move_and_cancel_are_refused(self):
        order, visits = self._booked_order()
        start = min(visits.mapped("planned_start"))
        self._login(self.user_subscriber)
        for action in ("move", "cancel"):
            response = self._post(f"/my/telecom/orders/{order.id}/appointment/{action}", {"slot": "x"})
            self.assertIn("message=not_allowed", response.headers["Location"])
        self.assertEqual(set(visits.mapped("state")), {"planned"})
        self.assertEqual(min(visits.mapped("planned_start")), start)
        self._assert_confirms(order, start, max(visits.mapped("planned_end")), count=1)


@tagged("post_install", "-at_install")
class TestVisitChangeTour(VisitChangeCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_tour_subscriber_moves_the_visit_on_a_phone(self):
        self.division_technical.visit_change_hours = 0
        order, visits = self._booked_order()
        old_start = min(visits.mapped("planned_start"))
        self.start_tour(order.get_portal_url(), "oms_telecom_portal_move_visit", login=self.user_subscriber.login)
        self.assertEqual(set(visits.mapped("state")), {"planned"})
        self.assertNotEqual(min(visits.mapped("planned_start")), old_start)
        self._assert_confirms(order, min(visits.mapped("planned_start")), max(visits.mapped("planned_end")), count=2)
