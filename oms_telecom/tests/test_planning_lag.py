# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from odoo.addons.oms_telecom.models import telecom_order_intake

from .scenario_common import ScenarioCase


@tagged("post_install", "-at_install")
class TestPlanningLag(HttpCase, ScenarioCase):
    """When the scheduled action falls behind (its worker starved of CPU by busy
    HTTP workers), a request receiving orders plans the oldest ones after its
    commit. In an HttpCase, whose cursors all share the test's transaction."""

    def setUp(self):
        super().setUp()
        telecom_order_intake._next_lag_check.clear()
        self.Intake = self.env["telecom.order.intake"]

    def _received_at(self, seconds_ago):
        values = {
            "partner_id": self.individual.id,
            "premises_id": self.premises_home.id,
            "order_type": "connection",
            "channel": "api",
            "line_ids": [Command.create({"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300}})],
        }
        with freeze_time(fields.Datetime.now() - timedelta(seconds=seconds_ago)):
            return self.Intake.sudo()._accept([values])

    def _receive_in_a_request(self):
        """What a request receiving an order does about the lag, then its commit."""
        self.Intake._help_when_planning_lags()
        self.env.cr.postcommit.run()
        self.env.invalidate_all()

    def test_orders_waiting_longer_than_allowed_are_planned_by_the_request(self):
        late = self._received_at(60)
        self._receive_in_a_request()
        self.assertFalse(late.planning_pending)
        self.assertEqual(late.current_order_step_id.state, "running")
        self.assertEqual(late.division_id, self.division_sales)

    def test_the_request_leaves_them_to_the_job_while_it_keeps_up(self):
        recent = self._received_at(2)
        self._receive_in_a_request()
        self.assertTrue(recent.planning_pending)
        self.assertFalse(recent.current_order_step_id)

    def test_the_allowed_lag_is_a_setting(self):
        self.env["ir.config_parameter"].sudo().set_param("oms_telecom.intake_planning_lag", "120")
        waiting = self._received_at(60)
        self._receive_in_a_request()
        self.assertTrue(waiting.planning_pending)

    def test_a_worker_looks_at_the_lag_once_a_second(self):
        self.Intake._help_when_planning_lags()
        callbacks = len(self.env.cr.postcommit._funcs)
        self.Intake._help_when_planning_lags()
        self.assertEqual(len(self.env.cr.postcommit._funcs), callbacks)
        self.env.cr.postcommit.clear()

    def test_a_failure_leaves_the_orders_to_the_job(self):
        self.env["ir.config_parameter"].sudo().set_param("oms_telecom.intake_planning_lag", "soon")
        late = self._received_at(60)
        with self.assertLogs(telecom_order_intake._logger.name, "WARNING") as logs:
            self._receive_in_a_request()
        self.assertIn("left to the scheduled action", logs.output[0])
        self.assertTrue(late.planning_pending)
        self.Intake._cron_plan_received()
        self.env.invalidate_all()
        self.assertFalse(late.planning_pending)
