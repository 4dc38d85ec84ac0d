# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time
from lxml import etree

from odoo.tools.safe_eval import safe_eval

from ..models.telecom_order_state import FINAL_STATES
from ..models.telecom_order_step import OPEN_ORDER_STEP_STATES
from ..models.telecom_work_order import OPEN_WORK_ORDER_STATES
from .scenario_common import ScenarioCase

# The step state that goes with each open order state.
STEP_STATE_BY_ORDER_STATE = {
    "acknowledged": {"running"},
    "in_progress": {"running"},
    "pending": {"pending"},
    "held": {"held", "failed"},
    "failed": {"failed"},
    "assessing_cancellation": {"running", "pending", "held"},
}


def status_errors(order):
    """What makes the stage, the state and the steps of `order` tell different stories."""
    errors = []
    if order.stage_id.state != order.state:
        errors.append(f"stage {order.stage_id.name} is not of state {order.state}")
    open_steps = order.order_step_ids.filtered(lambda step: step.state in OPEN_ORDER_STEP_STATES)
    if order.state in FINAL_STATES or order.state == "draft":
        if order.current_order_step_id or open_steps:
            errors.append("a closed order (or a draft) has a current step")
        return errors
    if not order.scenario_id:
        return errors
    current = order.current_order_step_id
    if open_steps != current:
        errors.append(f"open steps {open_steps.mapped('name')} are not the current one")
    if current.state not in STEP_STATE_BY_ORDER_STATE.get(order.state, {current.state}):
        errors.append(f"step {current.name} is {current.state} while the order is {order.state}")
    # Work orders added by hand outside a technical step belong to no step.
    stray = order.work_order_ids.filtered(
        lambda wo: wo.state in OPEN_WORK_ORDER_STATES and wo.order_step_id and wo.order_step_id != current
    )
    if stray:
        errors.append(f"open work orders {stray.mapped('name')} are not the current step's")
    return errors


@freeze_time("2030-05-06 09:00:00")
class TestOrderStatus(ScenarioCase):
    """Stage, state and scenario step tell one story; what the scenario does on its
    own is said in the chatter."""

    def assertConsistent(self, order):
        self.assertEqual(status_errors(order), [], order.name)

    def _notes(self, order, since):
        return order.message_ids.filtered(lambda message: message.id > since).mapped("body")

    def _last_message_id(self):
        return self.env["mail.message"].search([], order="id desc", limit=1).id

    def test_completed_order_has_every_step_done_and_no_current_step(self):
        order = self._create_order()
        order.action_submit()
        self.assertConsistent(order)
        order.action_next_step()
        self.assertConsistent(order)
        self._finish_work_orders(self._step_work_orders(order))
        self.assertEqual(order.state, "completed")
        self.assertFalse(order.current_order_step_id)
        self.assertFalse(order.next_scenario_step_id)
        self.assertEqual(set(order.order_step_ids.mapped("state")), {"done"})
        self.assertTrue(all(order.order_step_ids.mapped("date_end")))
        self.assertConsistent(order)

    def test_cancelled_order_closes_its_step(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        installation_step = order.current_order_step_id
        order.action_request_cancellation()
        self.assertConsistent(order)
        order.action_accept_cancellation()
        self.assertFalse(order.current_order_step_id)
        self.assertEqual(installation_step.state, "cancelled")
        self.assertEqual(self._steps(order)[0].state, "done")
        self.assertConsistent(order)

    def test_work_order_added_by_hand_is_the_technical_steps(self):
        """The step follows the work: what was added to a technical step is waited for."""
        order = self._create_order()
        order.action_submit()
        survey = self._create_work_order(order, kind="diagnosis")
        self.assertFalse(survey.order_step_id, "the registration does no technical work: processed by hand")
        order.action_next_step()
        installation_step = order.current_order_step_id
        installation, line_test = self._step_work_orders(order)
        router = self._create_work_order(order, kind="equipment_delivery")
        self.assertEqual(router.order_step_id, installation_step)
        self._finish_work_orders(installation | line_test)
        self.assertEqual(order.current_order_step_id, installation_step, "the router is still to deliver")
        self.assertEqual(installation_step.state, "running")
        self._finish_work_orders(router | survey)
        self.assertEqual(installation_step.state, "done")
        self.assertEqual(order.state, "completed")
        self.assertConsistent(order)

    def test_next_step_says_what_it_did(self):
        order = self._create_order(partner=False, prospect_name="Paula Prospect", prospect_email="paula@example.com")
        order.action_submit()
        old_deadline = order.date_deadline
        since = self._last_message_id()
        order.action_next_step()
        installation, line_test = self._step_work_orders(order)
        note = "".join(self._notes(order, since))
        self.assertIn("Step Registration closed", note)
        self.assertIn("now at the step Installation", note)
        self.assertIn("Paula Prospect", note, "the prospect became a subscriber: said")
        self.assertIn(installation.name, note)
        self.assertIn(line_test.name, note)
        self.assertNotEqual(order.date_deadline, old_deadline)
        self.assertIn("Order deadline moved from", note)
        self.assertIn("the SLA of the step Installation", note)

    def test_deadline_moved_by_priority_is_explained(self):
        order = self._create_order()
        order.action_submit()
        old_deadline = order.date_deadline
        since = self._last_message_id()
        order.priority = "2"
        self.assertLess(order.date_deadline, old_deadline)
        note = "".join(self._notes(order, since))
        self.assertIn("Order deadline moved from", note)
        self.assertIn("the priority changed to Urgent", note)

    def test_step_record_is_read_only(self):
        step_model = self.env["telecom.order.step"]
        for field in ("sla_hours", "date_deadline", "state", "date_start", "date_end"):
            self.assertTrue(step_model._fields[field].readonly, field)
        arch = etree.fromstring(step_model.get_view(view_type="form")["arch"])
        self.assertEqual(arch.get("edit"), "0")
        self.assertEqual(arch.get("create"), "0")


class TestOrderButtons(ScenarioCase):
    """One primary button at a time; nothing to reject or cancel before saving."""

    def _visible_buttons(self, order, values=None):
        arch = etree.fromstring(self.env["telecom.order"].get_view(view_type="form")["arch"])
        record = {
            name: (value.id if hasattr(value, "_name") else value)
            for name in (
                "id",
                "state",
                "scenario_id",
                "current_step_state",
                "step_mandatory",
                "needs_attention",
                "can_book_slot",
                "can_report_not_solved",
                "step_waits_for_work_orders",
                "is_closed",
            )
            for value in [order[name]]
        }
        record.update(values or {})
        visible = []
        for button in arch.xpath("//header/button"):
            if not safe_eval(button.get("invisible") or "False", record):
                visible.append((button.get("name"), "btn-primary" in (button.get("class") or "")))
        return visible

    def _primaries(self, order, values=None):
        return [name for name, primary in self._visible_buttons(order, values) if primary]

    def test_one_primary_button_in_every_state(self):
        order = self._create_order()
        self.assertEqual(self._primaries(order), ["action_submit"])
        order.action_submit()
        self.assertEqual(self._primaries(order), ["action_next_step"])
        order.action_set_pending("Waiting for the key")
        self.assertEqual(self._primaries(order), ["action_resume"], "resume, with Next Step as a plain button")
        self.assertIn(("action_next_step", False), self._visible_buttons(order))
        order.action_resume()
        order.action_hold("Landlord")
        self.assertEqual(self._primaries(order), ["action_resume"])
        order.action_resume()
        order.action_fail("No duct")
        self.assertEqual(order.current_step_state, "failed")
        self.assertEqual(self._primaries(order), ["action_retry_step"])
        order.action_retry_step()
        self.assertEqual(self._primaries(order), ["action_next_step"])

    def test_no_next_step_while_the_step_waits_for_its_work_orders(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        self.assertTrue(order.step_waits_for_work_orders)
        names = [name for name, _primary in self._visible_buttons(order)]
        self.assertNotIn("action_next_step", names)

    def test_no_reject_or_cancel_on_an_unsaved_order(self):
        new_order = self.env["telecom.order"].new({})
        names = [name for name, _primary in self._visible_buttons(new_order, {"id": False})]
        self.assertNotIn("action_reject", names)
        self.assertNotIn("action_cancel_draft", names)
        saved = [name for name, _primary in self._visible_buttons(self._create_order())]
        self.assertIn("action_reject", saved)
        self.assertIn("action_cancel_draft", saved)


class TestDemoStatus(ScenarioCase):
    """The demo orders tell the same story on every screen."""

    def test_demo_orders_are_consistent(self):
        orders = self.env["telecom.order"].search([("create_uid", "!=", self.user_operator.id)])
        self.assertGreater(len(orders), 40, "the demo orders are installed")
        errors = {order.name: status_errors(order) for order in orders}
        self.assertEqual({name: errs for name, errs in errors.items() if errs}, {})

    def test_demo_work_under_way_is_at_its_technical_step(self):
        fischer = self.env.ref("oms_telecom.order_connection_fischer")
        self.assertEqual(fischer.current_order_step_id.name, "Installation")
        self.assertEqual(fischer.stage_id, self.stages["technical"])
        adeyemi = self.env.ref("oms_telecom.order_connection_adeyemi")
        self.assertEqual(adeyemi.current_order_step_id.name, "Installation")
        completed = self.env.ref("oms_telecom.order_connection_subscriber1")
        self.assertEqual(completed.state, "completed")
        self.assertEqual(
            [(step.name, step.state) for step in self._steps(completed)],
            [("Registration", "done"), ("Installation", "done"), ("Activation", "done")],
            "the scenario's work orders move the scenario on: it completes through its Activation step",
        )

    def test_demo_technician_is_never_in_two_places(self):
        technician = self.env.ref("oms_telecom.user_technician")
        work_orders = self.env["telecom.work.order"].search(
            [("technician_id", "=", technician.id), ("planned_start", "!=", False), ("state", "!=", "cancelled")],
            order="planned_start",
        )
        self.assertGreater(len(work_orders), 5)
        for before, after in zip(work_orders, work_orders[1:], strict=False):
            self.assertLessEqual(
                before.planned_end,
                after.planned_start,
                f"{before.name} ({before.premises_id.city}) overlaps {after.name} ({after.premises_id.city})",
            )
