# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import UserError, ValidationError

from .common import OmsTelecomCase


class TestDecomposition(OmsTelecomCase):
    """Work orders -> service orders (lines) -> order -> subscriber services."""

    def _connection_with_work_orders(self):
        order = self._create_order(
            lines=[{"product_id": self.fiber_500.id, "parameters": {"bandwidth": 1000, "technology": "fiber"}}],
            requested_date="2030-05-01",
        )
        order.action_submit()
        line = order.line_ids
        installation = self._create_work_order(order, line, "installation")
        line_test = self._create_work_order(order, line, "line_test", depends_on_ids=[Command.link(installation.id)])
        return order, line, installation, line_test

    def test_connection(self):
        order, line, installation, line_test = self._connection_with_work_orders()
        self.assertEqual(order.work_order_count, 2)
        self.assertEqual(line.work_order_ids, installation | line_test)
        self.assertTrue(line_test.is_blocked)
        self.assertFalse(installation.is_blocked)

        # The line test cannot start before the installation is done.
        with self.assertRaisesRegex(UserError, "waits for"):
            self._as_technician(line_test).action_start()
        self.assertEqual(line_test.state, "draft")
        self.assertEqual(order.state, "acknowledged")

        self._as_technician(installation).action_start()
        self.assertEqual(installation.state, "in_progress")
        self.assertEqual(order.state, "in_progress", "starting the first work order starts the order")
        self.assertEqual(line.state, "in_progress")

        self._as_technician(installation).action_done("ONT installed in the hallway")
        self.assertEqual(installation.state, "done")
        self.assertEqual(installation.result, "ONT installed in the hallway")
        self.assertTrue(installation.date_done)
        self.assertFalse(line_test.is_blocked)
        self.assertEqual(line.state, "in_progress", "the line waits for its last work order")
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(line.service_id)

        self._as_technician(line_test).action_done("Done on site.")
        self.assertEqual(line.state, "done")
        self.assertEqual(line.date_done, self._today_at(order.premises_id))
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.stage_id.state, "completed")
        self.assertTrue(order.date_closed)

        service = line.service_id
        self.assertRecordValues(
            service,
            [
                {
                    "partner_id": self.individual.id,
                    "premises_id": self.premises_home.id,
                    "product_id": self.fiber_500.id,
                    "state": "active",
                    "date_activated": line.date_done,
                    "date_billing_start": line.date_done,
                    "date_requested": order.requested_date,
                    "telecom_family": "internet",
                }
            ],
        )
        self.assertEqual(service.parameters, {"bandwidth": 1000, "technology": "fiber"})
        # Both ways between order and services.
        self.assertEqual(order.service_ids, service)
        self.assertEqual(order.service_count, 1)
        self.assertEqual(service.order_ids, order)
        self.assertEqual(service.order_count, 1)
        self.assertIn(service, self.individual.telecom_service_ids)

    def test_dependency_cycle_refused(self):
        _order, _line, installation, line_test = self._connection_with_work_orders()
        with self.assertRaisesRegex(ValidationError, "in a circle"):
            installation.write({"depends_on_ids": [Command.link(line_test.id)]})
        self.assertFalse(installation.depends_on_ids)
        with self.assertRaises(ValidationError):
            installation.write({"depends_on_ids": [Command.link(installation.id)]})

    def test_work_order_of_another_order_line(self):
        order, line, _installation, _line_test = self._connection_with_work_orders()
        other = self._create_order()
        other.action_submit()
        with self.assertRaisesRegex(ValidationError, "belongs to another order"):
            self._create_work_order(other, line)
        self.assertEqual(line.work_order_ids.order_id, order)

    def test_draft_order_takes_no_work_orders(self):
        order = self._create_order()
        with self.assertRaisesRegex(UserError, "does not take new work orders"):
            self._create_work_order(order, order.line_ids)
        self.assertFalse(self.env["telecom.work.order"].search([("order_id", "=", order.id)]))

    def test_connection_without_work_orders(self):
        """An operator completes a line that needs no field work."""
        order = self._create_order(lines=[{"product_id": self.phone.id, "parameters": {"lines": 2}}], no_scenario=True)
        order.action_submit()
        order.action_complete()
        self.assertEqual(order.state, "completed")
        service = order.line_ids.service_id
        self.assertEqual(service.state, "active")
        self.assertEqual(service.product_id, self.phone)
        self.assertEqual(service.parameters["lines"], 2)

    def test_connection_makes_a_subscriber(self):
        newcomer = self.env["res.partner"].create({"name": "Nina Newcomer", "email": "nina@example.com"})
        self.assertFalse(newcomer.is_telecom_subscriber)
        self.assertFalse(newcomer.subscriber_account)
        order = self._create_order(partner=newcomer, premises=self.premises_cottage, no_scenario=True)
        order.action_submit()
        order.action_complete()
        self.assertTrue(newcomer.is_telecom_subscriber)
        self.assertTrue(newcomer.subscriber_account)
        self.assertEqual(order.subscriber_account, newcomer.subscriber_account)
        self.assertEqual(order.line_ids.service_id.partner_id, newcomer)

    def test_change(self):
        service = self._create_service(parameters={"bandwidth": 100, "technology": "dsl"})
        order = self._create_fiber_500_change(service)
        order.action_submit()
        configuration = self._create_work_order(order, order.line_ids, "configuration")
        self._as_technician(configuration).action_done("Done on site.")
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(service.product_id, self.fiber_500)
        self.assertEqual(service.parameters, {"bandwidth": 500, "technology": "fiber"})
        self.assertEqual(service.state, "active")
        self.assertEqual(str(service.date_activated), "2024-01-15", "a change keeps the activation date")
        self.assertEqual(
            self.env["telecom.subscriber.service"].search_count([("partner_id", "=", self.individual.id)]), 1
        )
        self.assertEqual(service.order_ids, order)
        self.assertEqual(order.service_ids, service)

    def test_disconnection(self):
        service = self._create_service()
        order = self._create_disconnection(service)
        order.action_submit()
        equipment_return = self._create_work_order(order, order.line_ids, "equipment_return")
        self._as_technician(equipment_return).action_done("Done on site.")
        self.assertEqual(order.state, "completed")
        self.assertEqual(service.state, "terminated")
        self.assertEqual(service.date_terminated, self._today_at(order.premises_id))
        self.assertEqual(order.line_ids.service_id, service)

    def test_service_history_links_every_order(self):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        order.action_complete()
        service = order.line_ids.service_id
        change = self._create_order(
            order_type="change", lines=[{"service_id": service.id, "parameters": {"bandwidth": 50}}], no_scenario=True
        )
        change.action_submit()
        change.action_complete()
        disconnection = self._create_disconnection(service, no_scenario=True)
        self.assertEqual(service.order_ids, order | change | disconnection)
        self.assertEqual(service.order_count, 3)
        for each in order | change | disconnection:
            self.assertEqual(each.service_ids, service)
        disconnection.action_submit()
        disconnection.action_complete()
        self.assertEqual(service.state, "terminated")
        self.assertEqual(service.parameters["bandwidth"], 50)

    def test_partial(self):
        order, wo_internet, wo_phone = self._submit_internet_and_phone()
        internet, phone = order.line_ids
        self._as_technician(wo_internet).action_done("Done on site.")
        self.assertEqual(order.state, "in_progress")
        self._as_technician(wo_phone).action_fail("No copper pair left")
        self.assertEqual(wo_phone.result, "No copper pair left")
        self.assertEqual(phone.state, "failed")
        self.assertEqual(internet.state, "done")
        self.assertEqual(order.state, "partial")
        self.assertTrue(order.date_closed)
        self.assertEqual(internet.service_id.state, "active")
        self.assertFalse(phone.service_id, "a failed connection creates no service")
        self.assertEqual(order.service_ids, internet.service_id)

    def test_all_failed(self):
        order = self._create_order(
            lines=[
                {"product_id": self.fiber_100.id},
                {"product_id": self.phone.id},
            ]
        )
        order.action_submit()
        work_orders = self._create_work_order(order, order.line_ids[0]) | self._create_work_order(
            order, order.line_ids[1]
        )
        self._as_technician(work_orders).action_fail("Building not reachable")
        self.assertEqual(order.line_ids.mapped("state"), ["failed", "failed"])
        self.assertEqual(order.state, "failed")
        self.assertEqual(order.state_reason, "Every service order failed.")
        self.assertFalse(order.line_ids.service_id)
        self.assertFalse(self.env["telecom.subscriber.service"].search([("partner_id", "=", self.individual.id)]))

    def test_line_with_one_failed_work_order_fails(self):
        order, line, installation, line_test = self._connection_with_work_orders()
        self._as_technician(installation).action_done("Done on site.")
        self._as_technician(line_test).action_fail("Signal too weak")
        self.assertEqual(line.state, "failed")
        self.assertEqual(order.state, "failed")
        self.assertFalse(line.service_id)

    def test_cancelled_work_order_does_not_count(self):
        order, line, installation, line_test = self._connection_with_work_orders()
        line_test.action_cancel()
        self.assertEqual(line_test.state, "cancelled")
        self._as_technician(installation).action_done("Done on site.")
        self.assertEqual(line.state, "done")
        self.assertEqual(order.state, "completed")

    def test_problem_order_completes_from_its_work_orders(self):
        service = self._create_service()
        order = self._create_problem("<p>Internet drops every evening.</p>", service)
        order.action_submit()
        diagnosis = self._create_work_order(order, kind="diagnosis")
        repair = self._create_work_order(order, kind="repair", depends_on_ids=[Command.link(diagnosis.id)])
        self._as_technician(diagnosis).action_done("Corroded connector")
        self.assertEqual(order.state, "in_progress")
        self._as_technician(repair).action_done("Connector replaced")
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.service_ids, service)
        self.assertEqual(service.state, "active", "a repair leaves the service as it was")
        self.assertEqual(service.parameters["bandwidth"], 100)

    def test_problem_order_fails_from_its_work_orders(self):
        order = self._create_problem("<p>No signal.</p>")
        order.action_submit()
        repair = self._create_work_order(order, kind="repair")
        self._as_technician(repair).action_fail("Cable cut by road works")
        self.assertEqual(order.state, "failed")
        self.assertEqual(order.state_reason, "A work order failed.")

    def test_problem_order_manual_completion(self):
        order = self._create_problem("<p>Slow Wi-Fi.</p>", no_scenario=True)
        order.action_submit()
        order.action_complete()
        self.assertEqual(order.state, "completed")

    def test_replaying_completion_is_idempotent(self):
        order, line, installation, line_test = self._connection_with_work_orders()
        technician_work_orders = self._as_technician(installation | line_test)
        self._as_technician(installation).action_done("Done on site.")
        self._as_technician(line_test).action_done("Done on site.")
        service = line.service_id
        Service = self.env["telecom.subscriber.service"]
        services_before = Service.search_count([])
        date_closed = order.date_closed

        # A provisioning system reporting the same results again.
        technician_work_orders.action_done("Done on site.")
        line._complete()
        line._update_state_from_work_orders()
        order._update_state_from_lines()
        order._update_state_from_work_orders()

        self.assertEqual(Service.search_count([]), services_before)
        self.assertEqual(line.service_id, service)
        self.assertEqual(line.state, "done")
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.date_closed, date_closed)
        self.assertEqual(service.state, "active")
        self.assertEqual(service.order_ids, order)

    def test_replaying_disconnection_is_idempotent(self):
        service = self._create_service()
        order = self._create_disconnection(service, no_scenario=True)
        order.action_submit()
        order.action_complete()
        terminated_on = service.date_terminated
        order.line_ids._complete()
        service._terminate(self.today + relativedelta(years=1))
        self.assertEqual(service.date_terminated, terminated_on)

    def test_done_work_order_cannot_fail_afterwards(self):
        order, line, installation, line_test = self._connection_with_work_orders()
        self._as_technician(installation).action_done("Done on site.")
        with self.assertRaisesRegex(UserError, "not in progress"):
            self._as_technician(installation).action_fail()
        self.assertEqual(installation.state, "done")

    def test_work_order_planning(self):
        order, _line, installation, _line_test = self._connection_with_work_orders()
        with self.assertRaisesRegex(UserError, "Set the planned start"):
            installation.action_plan()
        installation.write({"planned_start": "2030-05-02 08:00:00", "duration": 3})
        self.assertEqual(str(installation.planned_end), "2030-05-02 11:00:00")
        installation.action_plan()
        self.assertEqual(installation.state, "planned")
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            installation.planned_end = "2030-05-02 07:00:00"
        self.assertEqual(order.state, "acknowledged")
