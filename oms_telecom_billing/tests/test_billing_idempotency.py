# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.oms_telecom.models.telecom_order import TelecomOrder

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingIdempotency(BillingCase):
    def _billing_lines(self, service, role):
        return service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == role)

    def test_replaying_the_completion_bills_once(self):
        service = self._connect("2026-11-16")
        line = service.order_line_ids
        with freeze_time("2026-11-17"):
            line._complete()
            line._apply_to_services(service.date_billing_start)
            service._telecom_start_billing(order_lines=line)
            self.env["telecom.order.line"]._telecom_bill_done_connections()
        self.assertEqual(len(self._billing_lines(service, "recurring")), 1)
        self.assertEqual(len(self._billing_lines(service, "installation")), 1)
        self.assertEqual(len(self.env["contract.contract"].search([("partner_id", "=", self.individual.id)])), 1)

        first = self._invoice("2026-11-16", service.contract_id)
        self._invoice("2026-12-01", service.contract_id)
        fee = self.env.ref("oms_telecom_billing.product_installation_fee")
        invoiced_fees = service.contract_id._get_related_invoices().invoice_line_ids.filtered(
            lambda line: line.product_id == fee
        )
        self.assertEqual(invoiced_fees.move_id, first, "the installation fee is on the first invoice only")

    def test_replaying_a_change_or_a_disconnection(self):
        service = self._connect("2026-11-01", product=self.fiber_100, parameters={"bandwidth": 100})
        self._invoice("2026-11-01", service.contract_id)
        change = self._change("2026-11-16", service, self.fiber_500, {"bandwidth": 1000})
        with freeze_time("2026-11-18"):
            service._telecom_bill_change(change.line_ids, change.line_ids.date_done)
        self.assertEqual(len(self._billing_lines(service, "recurring")), 2)
        self.assertEqual(len(self._billing_lines(service, "credit")), 1)

        self._invoice("2026-11-16", service.contract_id)
        disconnection = self._disconnect("2026-11-20", service)
        service._telecom_stop_billing(disconnection.line_ids.date_done, order_line=disconnection.line_ids)
        self.assertEqual(len(self._billing_lines(service, "credit")), 2, "one credit for the change, one at the end")

    def test_scenario_steps_run_again(self):
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id},
                {
                    "name": "Activate",
                    "stage_id": self.stages["activation"].id,
                    "actions": [{"action_type": "activate_services"}, {"action_type": "set_billing_start"}],
                    "auto_advance": True,
                },
            ]
        )
        # Midday in UTC: the same day at the premises, whatever their zone.
        with freeze_time("2026-11-16 12:00:00"):
            order = self._create_order(scenario_id=scenario.id).with_env(self.env)
            order.action_submit()
            order.action_next_step()
        self.assertEqual(order.state, "completed", order.state_reason)
        service = order.line_ids.service_id
        # The activation step's actions run again, as a retried step would.
        activation = order.order_step_ids.filtered(lambda step: step.name == "Activate")
        self.assertTrue(order._scenario_run_actions(activation))
        self.assertEqual(len(self._billing_lines(service, "recurring")), 1)
        self.assertEqual(len(self._billing_lines(service, "installation")), 1)
        self.assertEqual(self._billing_lines(service, "recurring").date_start, date(2026, 11, 16))

    def test_a_crash_after_billing_leaves_nothing_behind(self):
        with freeze_time("2026-11-16"):
            order = self._create_order(no_scenario=True).with_env(self.env)
            order.action_submit()
            work_order = self._create_work_order(order, order.line_ids)
            self._as_technician(work_order).action_start()
            # The order's own update, after the services and billing, fails: all of it rolls back.
            with (
                patch.object(TelecomOrder, "_update_state_from_lines", side_effect=RuntimeError("crash")),
                self.assertRaises(RuntimeError),
            ):
                self._as_technician(work_order).action_done("Done on site.")
            self.assertFalse(self.env["contract.line"].search([("telecom_order_line_id", "=", order.line_ids.id)]))
            self.assertEqual(order.line_ids.state, "in_progress")
            self._as_technician(work_order).action_done("Done on site.")
        service = order.line_ids.service_id
        self.assertEqual(len(self._billing_lines(service, "recurring")), 1)
        self.assertEqual(len(self._billing_lines(service, "installation")), 1)

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_a_second_fee(self):
        service = self._connect("2026-11-16")
        fee = self._billing_lines(service, "installation")
        with self.assertRaises(IntegrityError):
            fee.copy({"telecom_order_line_id": fee.telecom_order_line_id.id, "telecom_billing_role": "installation"})

    def test_billing_start_moves_until_invoiced(self):
        service = self._connect("2026-11-16")
        service.date_billing_start = "2026-11-20"
        recurring = self._billing_lines(service, "recurring")
        self.assertEqual(str(recurring.date_start), "2026-11-20")
        self.assertEqual(str(recurring.recurring_next_date), "2026-11-20")
        self.assertEqual(str(self._billing_lines(service, "installation").date_start), "2026-11-20")
        self._invoice("2026-11-20", service.contract_id)
        with self.assertRaisesRegex(Exception, "billing of .* has started"):
            service.date_billing_start = "2026-11-25"
        self.assertEqual(str(service.date_billing_start), "2026-11-20")
