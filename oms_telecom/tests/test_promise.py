# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from .scenario_common import ScenarioCase


class TestPromise(ScenarioCase):
    """One expected completion per order, never before what the customer asked for,
    what is booked or what the remaining steps need; nothing promised where no
    division covers the address. Calendar: Monday to Friday, 8-12 and 13-17 UTC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario = cls._create_scenario(
            [
                {"name": "Check", "stage_id": cls.stages["new"].id, "sla_hours": 1},
                {"name": "Work", "stage_id": cls.stages["in_progress"].id, "sla_hours": 8},
                {"name": "Finish", "stage_id": cls.stages["activation"].id, "sla_hours": 4},
            ]
        )

    def _order_at_work(self, **values):
        """An order at its step Work on Friday 10 May 2030, 15:00: Work is due on
        Monday 13 at 15:00, then Finish (4 h) on Tuesday 14 at 10:00."""
        with freeze_time("2030-05-10 15:00:00"):
            order = self._create_order(scenario_id=self.scenario.id, **values)
            order.action_submit()
            order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Work")
        self.assertEqual(str(order.date_deadline), "2030-05-14 10:00:00")
        return order

    def _book_visit(self, order, start, hours=1.0):
        return self.env["telecom.work.order"].create(
            {
                "order_id": order.id,
                "order_step_id": order.current_order_step_id.id,
                "kind": "installation",
                "planned_start": start,
                "duration": hours,
            }
        )

    @freeze_time("2030-05-10 16:00:00")
    def test_plan_after_the_requested_date(self):
        order = self._order_at_work(requested_date="2030-05-11")
        self.assertEqual(order.date_expected, date(2030, 5, 14), "the plan of the remaining steps")
        self.assertFalse(order.promise_late)
        self.assertFalse(order.promise_note)

    @freeze_time("2030-05-10 16:00:00")
    def test_never_before_the_requested_date(self):
        # Completion was promised on 12/11 for a customer who asked for 12/14.
        order = self._order_at_work(requested_date="2030-05-17")
        self.assertEqual(order.date_expected, date(2030, 5, 17))

    @freeze_time("2030-05-10 16:00:00")
    def test_never_before_the_booked_visit_and_the_steps_after_it(self):
        # A repair was expected by 12/08 while its visit was booked for 12/10.
        order = self._order_at_work()
        visit = self._book_visit(order, "2030-05-16 09:00:00", hours=2.0)
        self.assertGreaterEqual(order.date_expected, date(2030, 5, 16))
        # Finish (4 h) follows the visit: 11-12 and 13-16 the same day.
        self.assertEqual(order.date_expected, date(2030, 5, 16))
        # A visit at the end of the day leaves Finish for the next working day.
        visit.planned_start = "2030-05-17 16:00:00"
        visit.duration = 1.0
        self.assertEqual(order.date_expected, date(2030, 5, 20), "Finish ends on Monday at noon")
        # A cancelled visit books nothing: the plan is the promise again.
        visit.sudo().state = "cancelled"
        self.assertEqual(order.date_expected, date(2030, 5, 14))

    def test_day_at_the_address(self):
        """The promised day is the day at the address (in the zone of the field team
        operating it), not in UTC."""
        order = self._order_at_work()
        self.division_technical.resource_calendar_id = self.calendar.copy({"tz": "Pacific/Auckland"})
        # Tuesday 14 at 10:00 UTC is 22:00 on the 14th in Auckland; a visit ending
        # at 13:00 UTC on the 15th ends at 01:00 on the 16th there.
        self.assertEqual(order.date_expected, date(2030, 5, 14))
        with freeze_time("2030-05-10 16:00:00"):
            self._book_visit(order, "2030-05-15 12:00:00")
            self.assertEqual(order.date_expected, date(2030, 5, 16))

    def _order_elsewhere(self):
        elsewhere = self.env["telecom.premises"].create(
            {"country_id": self.country.id, "city": "Nowhere", "street": "Far Road", "house_number": "1"}
        )
        with freeze_time("2030-05-10 15:00:00"):
            order = self._create_order(
                premises=elsewhere, scenario_id=self.scenario.id, requested_date="2030-05-11", division_id=False
            )
            order.action_submit()
        return order

    def test_uncovered_address_promises_nothing(self):
        # Completion was promised by 12/10 at an address nobody covers.
        order = self._order_elsewhere()
        self.assertFalse(order.division_id)
        self.assertFalse(order.date_expected, "no division: no date")
        self.assertEqual(order.promise_note, "We will contact you within 2 working days.")
        self.env["ir.config_parameter"].set_param("oms_telecom.contact_working_days", "1")
        order.invalidate_recordset(["promise_note"])
        self.assertEqual(order.promise_note, "We will contact you within one working day.")

    def test_fallback_division_promises_nothing_until_routed_by_hand(self):
        self.env.company.telecom_default_division_id = self.division_sales
        order = self._order_elsewhere()
        self.assertEqual(order.division_id, self.division_sales)
        self.assertTrue(order.uncovered_address)
        self.assertFalse(order.date_expected)
        self.assertTrue(order.promise_note)
        order.division_id = self.division_sales
        self.assertTrue(order.division_manual)
        self.assertTrue(order.date_expected, "a division chose to do the work")
        self.assertFalse(order.promise_note)

    def test_passed_date_is_late_with_what_happens_next(self):
        order = self._order_at_work()
        with freeze_time("2030-05-15 09:00:00"):
            order.invalidate_recordset(["promise_late", "promise_note"])
            self.assertTrue(order.promise_late)
            self.assertEqual(order.promise_note, "Late: expected 05/14/2030 — next: Finish, once Work is done")
        with freeze_time("2030-05-14 20:00:00"):
            order.invalidate_recordset(["promise_late", "promise_note"])
            self.assertFalse(order.promise_late, "the promised day is not over")

    def test_late_at_the_first_step_names_the_step_after_it(self):
        # An order still at Registration read "— next: Registration".
        with freeze_time("2030-05-10 15:00:00"):
            order = self._create_order(scenario_id=self.scenario.id)
            order.action_submit()
        self.assertEqual(order.current_order_step_id.name, "Check")
        with freeze_time("2030-05-20 09:00:00"):
            order.invalidate_recordset(["promise_late", "promise_note"])
            self.assertTrue(order.promise_late)
            self.assertEqual(
                order.promise_note, f"Late: expected {order.date_expected:%m/%d/%Y} — next: Work, once Check is done"
            )

    def test_late_at_the_last_step_says_it_is_being_completed(self):
        order = self._order_at_work()
        with freeze_time("2030-05-13 10:00:00"):
            order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Finish")
        with freeze_time("2030-05-20 09:00:00"):
            order.invalidate_recordset(["promise_late", "promise_note"])
            self.assertTrue(order.promise_late)
            self.assertEqual(
                order.promise_note, f"Late: expected {order.date_expected:%m/%d/%Y} — next: completing Finish"
            )
