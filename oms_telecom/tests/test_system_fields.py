# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import OmsTelecomCase


@tagged("post_install", "-at_install")
class TestSystemFields(OmsTelecomCase):
    """What the screens show read-only is refused to every client: dates, SLA
    and escalation bookkeeping, numbers, flags and the links the scenario keeps.
    The system's own code still writes them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_division()

    def _order_in_progress(self):
        order = self._create_order().with_user(self.user_operator)
        order.action_submit()
        order.action_start()
        self.assertTrue(order.current_order_step_id, "the order follows a scenario")
        return order

    def test_order_step_bookkeeping_is_refused(self):
        order = self._order_in_progress()
        step = order.current_order_step_id
        bookkeeping = [
            name for name in step._fields if step._fields[name].store and name not in ("write_uid", "write_date")
        ]
        before = step.sudo().read(bookkeeping)[0]
        foreign_order = self.foreign_order.sudo()
        for user in (self.user_operator, self.user_division_manager, self.user_oms_manager):
            for vals in (
                {"state": "done"},
                {"date_deadline": "2031-01-01 10:00:00"},
                {"sla_hours": 9999},
                {"escalation_level": 0},
                {"date_next_escalation": False},
                {"escalation_plan": {}},
                {"date_start": "2020-01-01 10:00:00"},
                {"working_hours": 1},
                {"pending_duration": 0},
                {"order_id": foreign_order.id},
            ):
                with self.subTest(user=user.login, vals=vals), self.assertRaisesRegex(AccessError, "set by the system"):
                    step.with_user(user).write(vals)
        with self.assertRaisesRegex(AccessError, "set by the system"):
            self.env["telecom.order.step"].with_user(self.user_operator).create(
                {"order_id": order.id, "name": "Forged step"}
            )
        self.assertEqual(step.sudo().read(bookkeeping)[0], before)

    def test_order_bookkeeping_is_refused(self):
        order = self._order_in_progress()
        foreign_step = self.foreign_order.sudo().order_step_ids[:1] or self.env["telecom.order.step"].create(
            {"order_id": self.foreign_order.id, "name": "Their step"}
        )
        for vals in (
            {"date_closed": "2026-01-01 10:00:00"},
            {"date_submitted": "2020-01-01 10:00:00"},
            {"name": "COM/FAKE/0001"},
            {"state_before_cancellation": "completed"},
            {"needs_attention": False},
            {"uncovered_address": True},
            {"division_manual": True},
            {"current_order_step_id": foreign_step.id},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "set by the system"):
                order.write(vals)
        self.assertNotEqual(order.name, "COM/FAKE/0001")
        self.assertNotEqual(order.current_order_step_id, foreign_step)
        Order = self.env["telecom.order"].with_user(self.user_operator)
        values = self._order_values(self.individual, self.premises_home)
        with self.assertRaisesRegex(AccessError, "set by the system"):
            Order.create({**values, "name": "COM/FAKE/0002"})
        with self.assertRaisesRegex(AccessError, "set by the system"):
            Order.with_context(default_date_submitted="2020-01-01 10:00:00").create(values)
        self.assertFalse(self.env["telecom.order"].search([("name", "=like", "COM/FAKE/%")]))

    def test_the_system_writes_its_fields(self):
        order = self._order_in_progress()
        self.assertTrue(order.date_submitted)
        self.assertTrue(order.current_order_step_id.date_deadline)
        order.action_hold(reason="Waiting for a permit")
        self.assertEqual(order.current_order_step_id.state, "held")
        order.action_resume()
        self.assertEqual(order.current_order_step_id.state, "running")
        # Choosing the division by hand is the operator's; recording it is the system's.
        order.write({"division_id": self.division_sales.id})
        self.assertTrue(order.division_manual)

    def test_scenario_changes_after_submission_are_an_oms_managers(self):
        draft = self._create_order().with_user(self.user_operator)
        draft.write({"no_scenario": True})
        draft.write({"no_scenario": False})
        order = self._order_in_progress()
        scenario = order.scenario_id
        for vals in ({"scenario_id": False}, {"no_scenario": True}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "only an OMS manager"):
                order.write(vals)
        with self.assertRaisesRegex(UserError, "Only an OMS manager can complete it by hand"):
            order.action_complete()
        self.assertEqual((order.scenario_id, order.state), (scenario, "in_progress"))
        self.assertFalse(order.line_ids.service_id.filtered(lambda service: service.state == "active"))
        order.with_user(self.user_oms_manager).write({"scenario_id": False})
        self.assertFalse(order.scenario_id)

    def test_only_division_managers_clear_the_attention_flag(self):
        order = self._order_in_progress()
        order.sudo().needs_attention = True
        with self.assertRaisesRegex(AccessError, "Only division managers"):
            order.action_clear_attention()
        self.assertTrue(order.needs_attention)
        order.with_user(self.user_division_manager).action_clear_attention()
        self.assertFalse(order.needs_attention)

    def test_technician_cannot_tie_a_work_order_to_another_step(self):
        order = self._order_in_progress()
        work_order = self._as_technician(self._create_work_order(order, order.line_ids))
        foreign_step = self.env["telecom.order.step"].create({"order_id": self.foreign_order.id, "name": "Their step"})
        action = self.env["telecom.scenario.step.action"].search([], limit=1)
        for vals in (
            {"order_step_id": foreign_step.id},
            {"scenario_action_id": action.id},
            {"date_done": "2026-01-01 10:00:00"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "set by the system"):
                work_order.write(vals)
        self.assertFalse(foreign_step.work_order_ids)
        self.assertFalse(work_order.date_done)

    def test_services_change_through_their_orders(self):
        service = self._create_service()
        as_operator = service.with_user(self.user_operator)
        for vals in ({"state": "terminated"}, {"date_activated": "2020-01-01"}, {"date_terminated": "2026-01-01"}):
            with self.subTest(vals=vals), self.assertRaisesRegex(AccessError, "set by the system"):
                as_operator.write(vals)
        as_operator.action_suspend()
        self.assertEqual(service.state, "suspended")


@tagged("post_install", "-at_install")
class TestBadRpcArguments(OmsTelecomCase, HttpCase):
    """Values of the wrong shape sent over RPC get a clear error, not a traceback."""

    def _call(self, method, args):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/telecom.order/{method}",
            {"model": "telecom.order", "method": method, "args": args, "kwargs": {}},
        )

    @mute_logger("odoo.http")
    def test_create_refuses_values_that_are_not_dictionaries(self):
        self.authenticate(self.user_operator.login, self.user_operator.login)
        count = self.env["telecom.order"].search_count([])
        for method in ("create", "create_and_submit"):
            for bad in ("x", 5, None, [5], ["x"]):
                with self.subTest(method=method, bad=bad), self.assertRaises(JsonRpcException) as error:
                    self._call(method, [bad])
                self.assertEqual(error.exception.args[0], "odoo.exceptions.ValidationError")
        self.assertEqual(self.env["telecom.order"].search_count([]), count)
        with self.assertRaisesRegex(ValidationError, "a dictionary per record"):
            self.env["telecom.order"].with_user(self.user_operator).create_and_submit("x")
