# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import OmsTelecomCase, oms_new_test_user


class TestStateGuards(OmsTelecomCase):
    """States that have an action are reached through it: a plain write of the
    state (or of a closing stage) is refused to every role but the superuser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Stage = cls.env["telecom.order.stage"]
        cls.stages = {stage.state: stage for stage in Stage.search([], order="sequence desc")}
        cls.survey_stage = Stage.create({"name": "Test Site Survey", "state": "in_progress", "sequence": 99})

    def _scenario_order_in_progress(self):
        """An order of the operator following its scenario, in progress, its line not done."""
        order = self._create_order()
        order.with_user(self.user_operator).action_submit()
        order.with_user(self.user_operator).action_start()
        self.assertTrue(order.scenario_id)
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.line_ids.state, "in_progress")
        return order

    def test_operator_cannot_complete_by_writing_the_state(self):
        order = self._scenario_order_in_progress()
        as_operator = order.with_user(self.user_operator)
        for vals in (
            {"state": "completed"},
            {"state": "completed", "stage_id": self.stages["completed"].id},
            {"state": "cancelled"},
            {"state": "held"},
        ):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "through its buttons"):
                as_operator.write(vals)
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.line_ids.state, "in_progress")
        self.assertFalse(order.line_ids.service_id.filtered(lambda service: service.state == "active"))

    def test_forged_context_key_does_not_open_the_guard(self):
        order = self._scenario_order_in_progress()
        forged = order.with_user(self.user_operator).with_context(telecom_system_write=True)
        with self.assertRaises(UserError):
            forged.write({"state": "completed"})
        self.assertEqual(order.state, "in_progress")

    def test_operator_moves_the_order_through_its_actions(self):
        order = self._create_order(no_scenario=True).with_user(self.user_operator)
        order.action_submit()
        order.action_start()
        order.action_hold(reason="Waiting for a permit")
        self.assertEqual(order.state, "held")
        order.action_resume()
        order.action_complete()
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(order.line_ids.service_id.state, "active")

    def test_operator_cannot_create_an_order_past_draft(self):
        Order = self.env["telecom.order"].with_user(self.user_operator)
        values = self._order_values(self.individual, self.premises_home, lines=[{"product_id": self.fiber_100.id}])
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            Order.create({**values, "state": "completed"})
        with self.assertRaisesRegex(UserError, "starts as a draft"):
            Order.create({**values, "stage_id": self.stages["completed"].id})
        order = Order.create(values)
        self.assertEqual((order.state, order.stage_id), ("draft", self.stages["draft"]))

    def test_kanban_drop_runs_the_action_of_the_stage(self):
        order = self._create_order(no_scenario=True).with_user(self.user_operator)
        order.action_submit()
        order.write({"stage_id": self.stages["in_progress"].id})
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.line_ids.state, "in_progress", "a drop on In Progress starts the order")
        order.write({"stage_id": self.survey_stage.id, "priority": "2"})
        self.assertEqual((order.state, order.stage_id, order.priority), ("in_progress", self.survey_stage, "2"))
        order.write({"stage_id": self.stages["held"].id})
        self.assertEqual((order.state, order.state_reason), ("held", "Held"))
        order.write({"stage_id": self.survey_stage.id})
        self.assertEqual((order.state, order.stage_id), ("in_progress", self.survey_stage))

    def test_kanban_drop_cannot_submit_close_or_cancel(self):
        draft = self._create_order(no_scenario=True).with_user(self.user_operator)
        with self.assertRaisesRegex(UserError, "not by drag and drop"):
            draft.write({"stage_id": self.stages["acknowledged"].id})
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.date_submitted)
        order = self._scenario_order_in_progress().with_user(self.user_operator)
        for state in ("completed", "partial", "failed", "cancelled", "rejected", "assessing_cancellation"):
            with self.subTest(state=state), self.assertRaisesRegex(UserError, "not by drag and drop"):
                order.write({"stage_id": self.stages[state].id})
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.line_ids.state, "in_progress")

    def test_operator_cannot_write_a_service_order_state(self):
        order = self._scenario_order_in_progress()
        line = order.line_ids.with_user(self.user_operator)
        with self.assertRaisesRegex(UserError, "follows its order and work orders"):
            line.write({"state": "done"})
        with self.assertRaisesRegex(UserError, "follows its order and work orders"):
            self.env["telecom.order.line"].with_user(self.user_operator).create(
                {"order_id": order.id, "product_id": self.phone.id, "state": "done"}
            )
        self.assertEqual(line.state, "in_progress")

    def test_technician_cannot_write_a_work_order_state(self):
        order = self._create_order(no_scenario=True)
        order.with_user(self.user_operator).action_submit()
        work_order = self._as_technician(self._create_work_order(order, order.line_ids))
        for state in ("done", "failed", "cancelled", "in_progress"):
            with self.subTest(state=state), self.assertRaisesRegex(UserError, "through its buttons"):
                work_order.write({"state": state})
        self.assertEqual(work_order.state, "draft")
        self.assertEqual(order.line_ids.state, "pending")
        # Through the actions the report moves the line, the order and the service.
        work_order.action_start()
        work_order.action_done(result="ONT installed")
        self.assertEqual(work_order.state, "done")
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.service_id.state, "active")

    def test_operator_cannot_create_a_closed_work_order(self):
        order = self._create_order(no_scenario=True)
        order.with_user(self.user_operator).action_submit()
        with self.assertRaisesRegex(UserError, "through its buttons"):
            self._create_work_order(order, order.line_ids, state="done")
        self.assertFalse(order.work_order_ids)

    def test_superuser_may_write_states(self):
        order = self._create_order(no_scenario=True)
        order.with_user(self.user_operator).action_submit()
        order.sudo().write({"state": "in_progress"})
        self.assertEqual(order.state, "in_progress")
        order.line_ids.sudo().write({"state": "in_progress"})
        self.assertEqual(order.line_ids.state, "in_progress")


class TestTechnicianReassign(OmsTelecomCase):
    """Record rules are checked on the records before a write: what a work order
    (or an order's line) is moved to must be the user's too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_division()
        cls.order = cls.env["telecom.order"].create(
            cls._order_values(
                cls.individual, cls.premises_home, lines=[{"product_id": cls.fiber_100.id}], no_scenario=True
            )
        )
        cls.order.action_submit()
        cls.work_order = cls.env["telecom.work.order"].create(
            {
                "order_id": cls.order.id,
                "division_id": cls.division_technical.id,
                "technician_id": cls.user_technician.id,
            }
        )

    def test_technician_cannot_move_a_work_order_to_a_foreign_order(self):
        foreign_order = self.foreign_order.with_user(self.user_technician)
        with self.assertRaises(AccessError):
            foreign_order.check_access("read")
        with self.assertRaisesRegex(AccessError, "Only operators"):
            self._as_technician(self.work_order).write({"order_id": self.foreign_order.id})
        self.assertEqual(self.work_order.order_id, self.order)
        with self.assertRaises(AccessError):
            foreign_order.check_access("read")

    def test_technician_cannot_move_a_work_order_to_a_foreign_division(self):
        work_order = self._as_technician(self.work_order)
        with self.assertRaisesRegex(AccessError, "one of your divisions"):
            work_order.write({"division_id": self.division_foreign_technical.id})
        # Nor a colleague's work order, which they would then no longer see.
        self.work_order.technician_id = False
        with self.assertRaises(AccessError):
            work_order.write({"division_id": self.division_foreign_technical.id})
        self.assertEqual(self.work_order.division_id, self.division_technical)

    def test_technician_hands_over_inside_their_divisions(self):
        night_shift = self.env["telecom.division"].create(
            {"name": "Test Night Shift", "kind": "technical", "parent_id": self.division_technical.id}
        )
        colleague = oms_new_test_user(
            self.env, login="oms_test_colleague", name="Cole Colleague", groups="oms_telecom.group_oms_technician"
        )
        work_order = self._as_technician(self.work_order)
        work_order.write({"division_id": night_shift.id, "technician_id": colleague.id, "result": "Handed over"})
        self.assertEqual(self.work_order.division_id, night_shift)
        self.assertEqual(self.work_order.technician_id, colleague)
        work_order.check_access("write")

    def test_operator_cannot_move_a_work_order_to_a_foreign_order(self):
        work_order = self.work_order.with_user(self.user_operator)
        with self.assertRaises(AccessError):
            work_order.write({"order_id": self.foreign_order.id})
        self.assertEqual(self.work_order.order_id, self.order)
        other = self._create_order(no_scenario=True)
        other.with_user(self.user_operator).action_submit()
        work_order.write({"order_id": other.id})
        self.assertEqual(self.work_order.order_id, other)

    def test_operator_cannot_move_a_service_order_to_a_foreign_order(self):
        line = self.order.line_ids.with_user(self.user_operator)
        with self.assertRaises(AccessError):
            line.write({"order_id": self.foreign_order.id})
        self.assertEqual(self.foreign_order.line_ids.product_id, self.fiber_100)
        self.assertEqual(len(self.foreign_order.line_ids), 1)

    def test_operator_hands_an_order_over_to_another_division(self):
        """Handing an order over (division chosen by hand) is the operator's job: the
        order leaves their queue, they keep only what they created or answer for."""
        order = self._create_order(no_scenario=True).with_user(self.user_operator)
        order.write({"division_id": self.division_foreign.id})
        self.assertEqual((order.division_id, order.division_manual), (self.division_foreign, True))
        order.check_access("read")  # as its creator
        self.assertTrue(order.with_user(self.user_foreign_operator).has_access("write"))
        self.assertFalse(self.order.with_user(self.user_foreign_operator).has_access("read"))


@tagged("post_install", "-at_install")
class TestPortalActions(HttpCase, OmsTelecomCase):
    """Over JSON-RPC, as the client sends it: a subscriber reads their order but
    runs none of the staff's actions; the states stay behind the actions for the
    staff too."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["telecom.order"].create(
            cls._order_values(
                cls.company_contact,
                cls.premises_office,
                lines=[{"product_id": cls.fiber_100.id}],
                no_scenario=True,
            )
        )
        cls.order.action_submit()
        cls.order.needs_attention = True

    def _call_kw(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    def _call_kw_error(self, model, method, args, kwargs=None):
        """The name of the exception the call ends with, or None if it succeeds."""
        try:
            self._call_kw(model, method, args, kwargs)
        except JsonRpcException as error:
            return str(error)
        return None

    @mute_logger("odoo.http")
    def test_portal_user_cannot_call_staff_actions(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        read = self._call_kw("telecom.order", "read", [self.order.ids, ["name", "state"]])
        self.assertEqual(read[0]["state"], "acknowledged", "the subscriber reads their order")
        subscriber = self.user_portal.partner_id
        calm_order = self.order.copy({"needs_attention": False})
        for method, args in (
            ("action_clear_attention", [self.order.ids]),
            ("action_clear_attention", [calm_order.ids]),
            ("message_subscribe", [self.order.ids, subscriber.ids]),
            ("action_start", [self.order.ids]),
        ):
            with self.subTest(method=method, args=args):
                self.assertIn("AccessError", self._call_kw_error("telecom.order", method, args) or "no error")
        self.order.invalidate_recordset()
        self.assertTrue(self.order.needs_attention)
        self.assertNotIn(subscriber, self.order.message_partner_ids)
        self.assertFalse(self.order.message_ids.filtered(lambda message: "Taken care of" in str(message.body)))
        # The portal's own pages subscribe them, after their checks, as superuser.
        self.order.with_user(self.user_portal).sudo().message_subscribe(subscriber.ids)
        self.assertIn(subscriber, self.order.message_partner_ids)

    @mute_logger("odoo.http")
    def test_staff_reach_states_only_through_actions_over_rpc(self):
        self.authenticate(self.user_operator.login, self.user_operator.login)
        for vals in ({"state": "completed"}, {"state": "held"}):
            for kwargs in ({}, {"context": {"telecom_system_write": True}}):
                with self.subTest(vals=vals, kwargs=kwargs):
                    error = self._call_kw_error("telecom.order", "write", [self.order.ids, vals], kwargs)
                    self.assertIn("UserError", error or "no error")
        self.order.invalidate_recordset()
        self.assertEqual(self.order.state, "acknowledged")
        # Taking an order out of the attention queue is a division manager's.
        error = self._call_kw_error("telecom.order", "action_clear_attention", [self.order.ids])
        self.assertIn("AccessError", error or "no error")
        self._call_kw("telecom.order", "action_start", [self.order.ids])
        self.order.invalidate_recordset()
        self.assertTrue(self.order.needs_attention)
        self.assertEqual(self.order.state, "in_progress")
        self.assertEqual(self.order.line_ids.state, "in_progress")
