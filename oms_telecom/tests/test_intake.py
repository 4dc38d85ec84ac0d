# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .scenario_common import ScenarioCase


@tagged("post_install", "-at_install")
class TestIntake(ScenarioCase):
    """Orders received from customers and integrations: acknowledged in the
    request, routed and planned by the scheduled action right after."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Order = cls.env["telecom.order"]
        cls.Intake = cls.env["telecom.order.intake"]
        cls.cron = cls.env.ref("oms_telecom.ir_cron_telecom_plan_received_orders")

    def _received_values(self, **values):
        return {
            "partner_id": self.individual.id,
            "premises_id": self.premises_home.id,
            "order_type": "connection",
            "channel": "portal",
            "line_ids": [Command.create({"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300}})],
            **values,
        }

    def _accept(self, count=1, **values):
        return self.Intake.sudo()._accept([self._received_values(**values) for _index in range(count)])

    def _plan(self, batch_size=None):
        """One call of the scheduled action as the cron framework makes it: (orders planned, remaining)."""
        _cron, progress = self.cron._add_progress()
        planned = self.Intake.with_context(ir_cron_progress_id=progress.id)._cron_plan_received(batch_size)
        return planned, progress.remaining

    def test_accepted_order_is_received_and_waits_for_its_planning(self):
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)])
        order = self._accept()
        self.assertRecordValues(
            order,
            [
                {
                    "state": "acknowledged",
                    "planning_pending": True,
                    "division_id": False,
                    "user_id": False,
                    "current_order_step_id": False,
                }
            ],
        )
        self.assertTrue(order.date_submitted)
        self.assertEqual(len(order.line_ids), 1)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", self.cron.id)]),
            triggers + 1,
            "the planning job is woken at once",
        )

    def test_the_channel_is_the_one_of_whoever_sends_the_order(self):
        values = self._received_values()
        del values["channel"]
        portal_order = self.Intake.with_user(self.user_portal).sudo()._accept([values])
        self.assertEqual(portal_order.channel, "portal")
        self.assertEqual(portal_order.create_uid, self.user_portal)
        public_order = self.Intake.with_user(self.env.ref("base.public_user")).sudo()._accept([values])
        self.assertEqual(public_order.channel, "web")
        # An integration names its channel; staff without one get the form's default.
        self.assertEqual(self._accept(channel="api").channel, "api")
        self.assertEqual(self.Intake.with_user(self.user_operator).sudo()._accept([values]).channel, "operator")

    def test_the_job_plans_as_an_operator_submit_does(self):
        received = self._accept()
        submitted = self.Order.with_user(self.user_operator).create(self._received_values(channel="operator"))
        submitted.action_submit()
        self.assertFalse(submitted.planning_pending, "an operator's Submit plans at once")
        self.assertTrue(submitted.current_order_step_id)
        self.assertEqual(self._plan(), (1, 0))
        for field in ("division_id", "uncovered_address", "scenario_id", "state", "stage_id"):
            self.assertEqual(received[field], submitted[field], field)
        self.assertFalse(received.planning_pending)
        self.assertEqual(
            received.current_order_step_id.scenario_step_id, submitted.current_order_step_id.scenario_step_id
        )
        self.assertEqual(bool(received.date_deadline), bool(submitted.date_deadline))

    def test_the_job_finds_orders_left_by_a_server_that_stopped(self):
        """The triggers are gone (the server that wrote them stopped before
        planning): the next run finds the orders by their state alone, in
        batches, and plans each once."""
        orders = self._accept(count=3)
        self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]).unlink()
        self.assertEqual(self._plan(batch_size=2), (2, 1))
        self.assertEqual(self._plan(batch_size=2), (1, 0))
        self.assertEqual(self._plan(batch_size=2), (0, 0))
        self.assertFalse(any(orders.mapped("planning_pending")))
        for order in orders:
            self.assertEqual(len(order.order_step_ids), 1, "each order enters its first step once")

    def test_orders_received_while_a_batch_is_planned_are_reported(self):
        self._accept()
        Intake = type(self.Intake)
        plan = Intake._plan

        def plan_while_another_arrives(intake, orders):
            result = plan(intake, orders)
            self._accept()
            return result

        with patch.object(Intake, "_plan", plan_while_another_arrives):
            self.assertEqual(self._plan(batch_size=10), (1, 1), "the scheduler calls again for the newcomer")
        self.assertEqual(self._plan(batch_size=10), (1, 0))

    def test_customer_and_operator_read_received_while_planning_is_pending(self):
        uncovered = self.env["telecom.premises"].create(
            {"country_id": self.country.id, "city": "Nowhere", "street": "Empty Road", "house_number": "1"}
        )
        order = self._accept(premises_id=uncovered.id)
        self.assertEqual(order.routing_reason, "Received: confirming shortly, once the order is routed and planned.")
        self.assertEqual(order.promise_note, "We confirm the expected date shortly.")
        self.assertFalse(order.date_expected)
        self._plan()
        self.assertNotIn("Received", order.routing_reason or "")
        self.assertNotEqual(order.promise_note, "We confirm the expected date shortly.")

    def test_refused_order_leaves_nothing(self):
        count = self.Order.search_count([])
        with self.assertRaisesRegex(UserError, "has no service lines"), self.env.cr.savepoint():
            self._accept(line_ids=[])
        self.assertEqual(self.Order.search_count([]), count)

    def test_clients_cannot_mark_an_order_received(self):
        with self.assertRaises(AccessError):
            self.Order.with_user(self.user_operator).create(self._received_values(planning_pending=True))
        order = self.Order.with_user(self.user_operator).create(self._received_values())
        with self.assertRaises(AccessError):
            order.write({"planning_pending": True})

    def test_only_staff_and_the_portal_controllers_accept_orders(self):
        with self.assertRaises(AccessError):
            self.Intake.with_user(self.user_portal)._accept([self._received_values()])
