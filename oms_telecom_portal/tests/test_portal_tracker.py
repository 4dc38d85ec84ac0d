# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.tests import tagged
from odoo.tools import format_date

from .test_portal_scenario import TelecomPortalScenarioCase


@tagged("post_install", "-at_install")
class TestPortalTracker(TelecomPortalScenarioCase):
    """The order page's tracker reads the order's steps as the team sees them."""

    def _problem(self):
        problem = self._create_order(
            self.subscriber, self.premises_home, [], order_type="problem", affected_service_id=self.service.id
        )
        self.assertEqual(problem.scenario_id, self.env.ref("oms_telecom.scenario_problem"))
        return problem

    def _tracker(self, order):
        return [(step["name"], step["status"], step["state"]) for step in order._portal_tracker_steps()]

    def _finish_work(self, order):
        work_orders = order.current_order_step_id.work_order_ids.filtered(lambda wo: wo.state != "cancelled")
        self.assertTrue(work_orders, f"the step {order.current_order_step_id.name} has work to do")
        work_orders.action_done("Done on site.")

    def _assert_step(self, order, expected):
        steps = order._portal_tracker_steps()
        self.assertEqual([(step["name"], step["status"], step["state"]) for step in steps], expected)
        for step in steps:
            if step["status"] == "done":
                self.assertTrue(step["date"], f"{step['name']} says when it was done")
                self.assertEqual(step["date_kind"], "done")
        # What is expected comes in order: no completion before the current step.
        expected_dates = [
            fields.Date.to_date(step["date"]) for step in steps if step["date"] and step["date_kind"] == "expected"
        ]
        self.assertEqual(expected_dates, sorted(expected_dates))
        # The subscriber's browser shows the same, on a desktop and on a phone.
        self.start_tour(
            f"/my/telecom/orders/{order.id}", "oms_telecom_portal_tracker", login=self.user_subscriber.login
        )

    def test_tour_report_follow_and_confirm_a_problem(self):
        self.start_tour("/my/telecom/services", "oms_telecom_portal_report_problem", login=self.user_subscriber.login)
        problem = self._new_orders([("order_type", "=", "problem")])
        self.assertEqual(len(problem), 1)
        self.assertEqual(problem.affected_service_id, self.service)
        self._plan_received()
        # The team diagnoses and repairs; the page asks nothing meanwhile...
        problem.action_next_step()
        self._finish_work(problem)
        self._login(self.user_subscriber)
        self.assertNotIn("o_telecom_solved_card", self.url_open(f"/my/telecom/orders/{problem.id}").text)
        response = self._post(f"/my/telecom/orders/{problem.id}/solved", {"comment": "Fine now?"})
        self.assertIn("message=not_allowed", response.headers["Location"])
        self.assertEqual(problem.current_order_step_id.name, "Repair")
        self._finish_work(problem)
        # ... then asks the subscriber, who confirms it is solved.
        self.start_tour("/my", "oms_telecom_portal_confirm_solved", login=self.user_subscriber.login)
        self.assertEqual(problem.state, "completed")

    def test_problem_tracker_at_every_step(self):
        problem = self._problem()
        ahead = [("Repair", "next", "in_progress"), ("Customer Confirmation", "next", "pending")]
        completion = ("Completed", "next", "completed")
        self._assert_step(
            problem,
            [
                ("Registration", "current", "acknowledged"),
                ("Diagnosis", "next", "in_progress"),
                *ahead,
                completion,
            ],
        )
        self.assertTrue(problem._portal_tracker_steps()[0]["date"], "the registration has a deadline")

        problem.action_next_step()
        self._assert_step(
            problem,
            [
                ("Registration", "done", "acknowledged"),
                ("Diagnosis", "current", "in_progress"),
                *ahead,
                completion,
            ],
        )

        self._finish_work(problem)
        self.assertEqual(problem.current_order_step_id.name, "Repair")
        self._assert_step(
            problem,
            [
                ("Registration", "done", "acknowledged"),
                ("Diagnosis", "done", "in_progress"),
                ("Repair", "current", problem.state),
                ("Customer Confirmation", "next", "pending"),
                completion,
            ],
        )

        self._finish_work(problem)
        self.assertEqual(problem.state, "pending")
        at_confirmation = [
            ("Registration", "done", "acknowledged"),
            ("Diagnosis", "done", "in_progress"),
            ("Repair", "done", "in_progress"),
            ("Customer Confirmation", "current", "pending"),
            completion,
        ]
        self._assert_step(problem, at_confirmation)

        # Not solved: back to the diagnosis, the path goes on from there.
        problem.action_step_not_solved()
        self._assert_step(
            problem,
            [
                ("Registration", "done", "acknowledged"),
                ("Diagnosis", "current", "in_progress"),
                *ahead,
                completion,
            ],
        )
        self._finish_work(problem)
        self._finish_work(problem)
        self._assert_step(problem, at_confirmation)

        problem.action_next_step()
        self.assertEqual(problem.state, "completed")
        self._assert_step(
            problem,
            [
                ("Registration", "done", "acknowledged"),
                ("Diagnosis", "done", "in_progress"),
                ("Repair", "done", "in_progress"),
                ("Customer Confirmation", "done", "pending"),
                ("Completed", "done", "completed"),
            ],
        )

    def test_cancelled_order_ends_on_its_cancellation(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.phone])
        order.action_request_cancellation()
        steps = order._portal_tracker_steps()
        self.assertEqual(steps[0]["status"], "current")
        self.assertEqual(steps[0]["state"], "assessing_cancellation")
        self.assertEqual(steps[0]["tone"], "warning")
        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        steps = order._portal_tracker_steps()
        self.assertNotIn("current", [step["status"] for step in steps])
        self.assertEqual(steps[-1]["name"], "Cancelled")
        self.assertEqual(steps[-1]["status"], "stopped")
        self.assertEqual(steps[-1]["date_kind"], "ended")

    def test_order_without_scenario_follows_its_state(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.phone], no_scenario=True)
        self.assertEqual(
            self._tracker(order),
            [
                ("Received", "current", "acknowledged"),
                ("In progress", "next", "in_progress"),
                ("Completed", "next", "completed"),
            ],
        )
        order.action_set_pending("The customer is abroad")
        self.assertEqual(
            self._tracker(order),
            [
                ("Received", "done", "acknowledged"),
                ("Waiting for you", "current", "pending"),
                ("Completed", "next", "completed"),
            ],
        )

    def test_customer_wording(self):
        """One mapping from the order's state to the subscriber's words, in the list and on the page."""
        self.order.action_request_cancellation()
        self.assertEqual(self.order.portal_state, "assessing_cancellation")
        self._login(self.user_subscriber)
        for url in ("/my/telecom/orders", f"/my/telecom/orders/{self.order.id}"):
            page = self.url_open(url).text
            self.assertIn("Cancellation requested", page)
            self.assertNotIn("Assessing Cancellation", page)
        page = self.url_open("/my/telecom/orders").text
        self.assertIn("Order a service", page)
        self.assertNotIn("New Service Order", page)

    def test_booking_page_says_one_thing(self):
        """Before a visit is booked the page invites to book it, without also saying
        that we will contact the subscriber to schedule it."""
        order = self._order_waiting_for_appointment()
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn("choose the time that suits you", page)
        self.assertIn("not booked yet", page)
        self.assertNotIn("to be scheduled", page)

    def test_passed_promise_is_late_with_what_happens_next(self):
        order = self._order_waiting_for_appointment()
        promised = order.date_expected
        self.assertTrue(promised)
        end = order._portal_tracker_steps()[-1]
        self.assertEqual((end["date"], end["date_kind"], end["note"]), (promised, "expected", False))
        with freeze_time(fields.Datetime.to_datetime(promised) + timedelta(days=2)):
            order.invalidate_recordset()
            steps = order._portal_tracker_steps()
            self.assertFalse(
                [step for step in steps if step["status"] == "current" and step["date"]], "no passed step deadline"
            )
            end = steps[-1]
            self.assertEqual(end["date_kind"], "late")
            self.assertFalse(end["date"])
            self.assertEqual(
                end["note"],
                f"Late: expected {format_date(self.env, promised)} — next: choosing the time of the technician's visit",
            )
            html = self.env["ir.qweb"]._render("oms_telecom_portal.telecom_order_progress", {"progress_steps": steps})
            self.assertIn("o_telecom_progress_date_late", html)
            self.assertIn(f"Late: expected {format_date(self.env, promised)}", html)

    def test_uncovered_order_promises_no_date(self):
        elsewhere = self.env["telecom.premises"].create(
            {"country_id": self.country.id, "city": "Nowhere", "street": "Far Road", "house_number": "1"}
        )
        order = self._create_order(self.subscriber, elsewhere, [self.phone])
        self.assertFalse(order.division_id)
        end = order._portal_tracker_steps()[-1]
        self.assertFalse(end["date"])
        self.assertEqual(end["note"], "We will contact you within 2 working days.")
