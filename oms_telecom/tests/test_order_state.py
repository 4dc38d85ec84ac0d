# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from odoo.addons.oms_telecom.models.telecom_order_state import ALLOWED_TRANSITIONS, CLOSED_STATES

from .common import OmsTelecomCase

# How to bring a new order to a state, through the order's own actions.
PATHS = {
    "draft": [],
    "acknowledged": ["action_submit"],
    "in_progress": ["action_submit", "action_start"],
    "pending": ["action_submit", "action_start", "action_set_pending"],
    "held": ["action_submit", "action_start", "action_hold"],
    "failed": ["action_submit", "action_start", "action_fail"],
    "assessing_cancellation": ["action_submit", "action_start", "action_request_cancellation"],
    "pending_cancellation": ["action_submit", "action_start", "action_request_cancellation", "pending_cancellation"],
    "completed": ["action_submit", "action_complete"],
    "rejected": ["action_reject"],
    "cancelled": ["action_cancel_draft"],
    "partial": ["action_submit", "action_start", "partial"],
}

# Every allowed transition: (from, to) -> (path to `from` when not PATHS[from], method or state).
# A plain state name means there is no action: the transition goes through _set_state.
TRANSITIONS = {
    ("draft", "acknowledged"): (None, "action_submit"),
    ("draft", "rejected"): (None, "action_reject"),
    ("draft", "cancelled"): (None, "action_cancel_draft"),
    ("acknowledged", "in_progress"): (None, "action_start"),
    ("acknowledged", "rejected"): (None, "action_reject"),
    ("acknowledged", "pending"): (None, "action_set_pending"),
    ("acknowledged", "held"): (None, "action_hold"),
    ("acknowledged", "assessing_cancellation"): (None, "action_request_cancellation"),
    ("in_progress", "pending"): (None, "action_set_pending"),
    ("in_progress", "held"): (None, "action_hold"),
    ("in_progress", "partial"): (None, "partial"),
    ("in_progress", "failed"): (None, "action_fail"),
    ("in_progress", "completed"): (None, "action_complete"),
    ("in_progress", "assessing_cancellation"): (None, "action_request_cancellation"),
    ("pending", "in_progress"): (None, "action_resume"),
    ("pending", "held"): (None, "action_hold"),
    ("pending", "assessing_cancellation"): (None, "action_request_cancellation"),
    ("held", "in_progress"): (None, "action_resume"),
    ("held", "pending"): (None, "action_set_pending"),
    ("held", "failed"): (None, "action_fail"),
    ("held", "assessing_cancellation"): (None, "action_request_cancellation"),
    ("assessing_cancellation", "pending_cancellation"): (None, "pending_cancellation"),
    ("assessing_cancellation", "acknowledged"): (
        ["action_submit", "action_request_cancellation"],
        "action_refuse_cancellation",
    ),
    ("assessing_cancellation", "in_progress"): (None, "action_refuse_cancellation"),
    ("assessing_cancellation", "pending"): (
        ["action_submit", "action_start", "action_set_pending", "action_request_cancellation"],
        "action_refuse_cancellation",
    ),
    ("assessing_cancellation", "held"): (
        ["action_submit", "action_start", "action_hold", "action_request_cancellation"],
        "action_refuse_cancellation",
    ),
    ("pending_cancellation", "cancelled"): (None, "cancelled"),
    ("failed", "in_progress"): (None, "action_resume"),
}

# A representative set of refused transitions: (from, method or state).
REFUSED = [
    ("draft", "action_start"),
    ("draft", "completed"),
    ("draft", "action_fail"),
    ("acknowledged", "completed"),
    ("acknowledged", "partial"),
    ("acknowledged", "action_cancel_draft"),
    ("in_progress", "action_reject"),
    ("in_progress", "acknowledged"),
    ("pending", "action_fail"),
    ("pending", "completed"),
    ("held", "completed"),
    ("held", "action_reject"),
    ("assessing_cancellation", "completed"),
    ("assessing_cancellation", "action_fail"),
    ("pending_cancellation", "action_resume"),
    ("pending_cancellation", "acknowledged"),
    ("failed", "completed"),
    ("failed", "action_request_cancellation"),
    ("completed", "action_resume"),
    ("completed", "action_request_cancellation"),
    ("completed", "action_reject"),
    ("partial", "action_resume"),
    ("partial", "completed"),
    ("rejected", "action_submit"),
    ("rejected", "action_start"),
    ("cancelled", "action_submit"),
    ("cancelled", "acknowledged"),
    ("draft", "action_request_cancellation"),
    ("draft", "action_accept_cancellation"),
    ("in_progress", "action_refuse_cancellation"),
]


class TestOrderState(OmsTelecomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stages = {stage.state: stage for stage in cls.env["telecom.order.stage"].search([], order="sequence desc")}

    def _apply(self, order, step):
        if step == "action_complete":
            # The order follows a scenario: completing it by hand is an OMS manager's call.
            order.with_user(self.user_oms_manager).action_complete()
        elif step.startswith("action_"):
            getattr(order, step)()
        else:
            order._set_state(step)

    def _order_in(self, state, path=None):
        order = self._create_order()
        for step in PATHS[state] if path is None else path:
            self._apply(order, step)
        self.assertEqual(order.state, state)
        return order

    def test_every_allowed_transition_is_covered(self):
        allowed = {(old, new) for old, news in ALLOWED_TRANSITIONS.items() for new in news}
        self.assertEqual(set(TRANSITIONS), allowed)

    def test_allowed_transitions(self):
        for (old, new), (path, step) in TRANSITIONS.items():
            with self.subTest(old=old, new=new, step=step):
                order = self._order_in(old, path)
                self._apply(order, step)
                self.assertEqual(order.state, new)
                self.assertEqual(order.stage_id, self.stages[new], "the stage follows the state")
                self.assertEqual(order.is_closed, new in CLOSED_STATES)
                if new in CLOSED_STATES:
                    self.assertTrue(order.date_closed)
                else:
                    self.assertFalse(order.date_closed)

    def test_refused_transitions(self):
        for old, step in REFUSED:
            with self.subTest(old=old, step=step):
                order = self._order_in(old)
                stage, closed = order.stage_id, order.date_closed
                with self.assertRaises(UserError):
                    self._apply(order, step)
                self.assertEqual(order.state, old)
                self.assertEqual(order.stage_id, stage)
                self.assertEqual(order.date_closed, closed)

    def test_refused_transition_leaves_the_batch_unchanged(self):
        draft = self._order_in("draft")
        acknowledged = self._order_in("acknowledged")
        with self.assertRaises(UserError):
            (acknowledged | draft).action_start()
        self.assertEqual(draft.state, "draft")
        self.assertEqual(acknowledged.state, "acknowledged")

    def test_submit_sets_date_and_stage(self):
        order = self._create_order()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.stage_id, self.stages["draft"])
        self.assertFalse(order.date_submitted)
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")
        self.assertEqual(order.stage_id, self.stages["acknowledged"])
        self.assertTrue(order.date_submitted)
        self.assertTrue(order.name.startswith("COM/"))

    def test_reasons(self):
        order = self._order_in("in_progress")
        order.action_set_pending("Customer away until Monday")
        self.assertEqual(order.state_reason, "Customer away until Monday")
        order.action_resume()
        self.assertFalse(order.state_reason)
        order.action_hold()
        self.assertEqual(order.state, "held")
        self.assertTrue(order.state_reason)
        order.action_fail("No line to the building")
        self.assertEqual(order.state_reason, "No line to the building")

    def test_reopened_failed_order_has_no_closing_date(self):
        order = self._order_in("failed")
        self.assertTrue(order.date_closed)
        self.assertTrue(order.is_closed)
        order.action_resume()
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.date_closed)
        self.assertFalse(order.is_closed)

    # Kanban: moving a card writes the stage

    def test_kanban_move_follows_transitions(self):
        order = self._order_in("acknowledged")
        order.write({"stage_id": self.stages["in_progress"].id})
        self.assertEqual(order.state, "in_progress")
        order.write({"stage_id": self.stages["pending"].id})
        self.assertEqual(order.state, "pending")
        order.write({"stage_id": self.stages["held"].id})
        self.assertEqual(order.state, "held")
        self.assertEqual(order.stage_id, self.stages["held"])

    def test_kanban_move_to_a_second_stage_of_the_same_state(self):
        order = self._order_in("in_progress")
        survey = self.env["telecom.order.stage"].create({"name": "Site Survey", "state": "in_progress", "sequence": 21})
        order.write({"stage_id": survey.id})
        self.assertEqual(order.stage_id, survey)
        self.assertEqual(order.state, "in_progress")

    def test_state_stage_follows_stage_changes(self):
        """The stage of each state is cached: a new first stage, a re-ordering and
        an archived stage count from the next order."""
        self.assertEqual(self._order_in("rejected").stage_id, self.stages["rejected"])
        Stage = self.env["telecom.order.stage"]
        first = Stage.create({"name": "Refused", "state": "rejected", "sequence": 1})
        intake = Stage.create({"name": "Intake", "state": "draft", "sequence": 0})
        self.assertEqual(self._order_in("draft").stage_id, intake)
        self.assertEqual(self._order_in("rejected").stage_id, first)
        first.sequence = 99
        self.assertEqual(self._order_in("rejected").stage_id, self.stages["rejected"])
        self.stages["rejected"].active = False
        self.assertEqual(self._order_in("rejected").stage_id, first)
        scratch = Stage.create({"name": "Scratch", "state": "draft", "sequence": -1})
        self.assertEqual(Stage._for_state("draft"), scratch)
        scratch.unlink()
        self.assertEqual(self._order_in("draft").stage_id, intake)

    def test_kanban_move_refuses_forbidden_transitions(self):
        draft = self._order_in("draft")
        with self.assertRaises(UserError):
            draft.write({"stage_id": self.stages["in_progress"].id})
        self.assertEqual(draft.state, "draft")
        self.assertEqual(draft.stage_id, self.stages["draft"])

        pending = self._order_in("pending")
        with self.assertRaises(UserError):
            pending.write({"stage_id": self.stages["acknowledged"].id})
        self.assertEqual(pending.state, "pending")
        self.assertEqual(pending.stage_id, self.stages["pending"])

    def test_kanban_move_cannot_close(self):
        """Closing or cancelling changes services and work orders: only actions do it."""
        order = self._order_in("in_progress")
        for state in ("completed", "failed", "partial", "cancelled", "pending_cancellation"):
            with self.subTest(state=state), self.assertRaises(UserError):
                order.write({"stage_id": self.stages[state].id})
            self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.line_ids.state, "in_progress")
        self.assertFalse(order.line_ids.service_id)

    def test_kanban_move_as_operator(self):
        order = self._order_in("acknowledged").with_user(self.user_operator)
        order.write({"stage_id": self.stages["held"].id})
        self.assertEqual(order.state, "held")

    # Submission checks

    def test_submit_without_premises(self):
        order = self._create_order(premises=self.env["telecom.premises"])
        with self.assertRaisesRegex(UserError, "has no premises"):
            order.action_submit()
        self.assertEqual(order.state, "draft")

    def test_submit_without_lines(self):
        order = self._create_order(lines=[])
        with self.assertRaisesRegex(UserError, "has no service lines"):
            order.action_submit()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.date_submitted)

    def test_submit_prospect_without_contact(self):
        order = self._create_order(partner=self.env["res.partner"], prospect_name="Pat Prospect")
        with self.assertRaisesRegex(UserError, "needs a subscriber"):
            order.action_submit()
        self.assertEqual(order.state, "draft")
        order.prospect_phone = "+32 470 99 88 77"
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")

    def test_submit_prospect_with_email(self):
        order = self._create_order(
            partner=self.env["res.partner"], prospect_name="Pat Prospect", prospect_email="pat@example.com"
        )
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")

    def test_submit_problem_without_description(self):
        order = self._create_order(order_type="problem", lines=[])
        with self.assertRaisesRegex(UserError, "Describe the problem"):
            order.action_submit()
        order.description = "<p>No dial tone since this morning.</p>"
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")

    def test_submit_batch_checks_every_order(self):
        good = self._create_order()
        bad = self._create_order(lines=[])
        with self.assertRaises(UserError):
            (good | bad).action_submit()
        self.assertEqual(good.state, "draft")
        self.assertEqual(bad.state, "draft")

    def test_late_orders(self):
        order = self._order_in("in_progress")
        order.date_deadline = "2020-01-01 10:00:00"
        self.assertTrue(order.is_late)
        Order = self.env["telecom.order"]
        self.assertIn(order, Order.search([("is_late", "=", True)]))
        self.assertNotIn(order, Order.search([("is_late", "=", False)]))
        order.action_fail()
        self.assertFalse(order.is_late)
        self.assertNotIn(order, Order.search([("is_late", "=", True)]))
