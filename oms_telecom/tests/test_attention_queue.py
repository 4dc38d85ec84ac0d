# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import fields

from .scenario_common import EscalationCase


class TestAttentionQueue(EscalationCase):
    """The managers' queue holds what needs someone: unassigned or late open
    orders, held and failed ones, escalations; escalation counts on the order's
    promised deadline when it comes before the step's."""

    def _by_hand(self, user=True, **values):
        """A connection processed by hand (no scenario), submitted."""
        order = self._create_order(no_scenario=True, user_id=self.user_operator.id if user else False, **values)
        order.action_submit()
        return order

    def _queue(self, orders, user=None):
        Order = self.env["telecom.order"].with_user(user) if user else self.env["telecom.order"]
        return Order.search([("attention_queue", "=", True), ("id", "in", orders.ids)])

    def test_what_is_in_the_queue(self):
        past = fields.Datetime.subtract(fields.Datetime.now(), days=1)
        future = fields.Datetime.add(fields.Datetime.now(), days=5)
        draft = self._create_order(no_scenario=True, user_id=False)
        fine = self._by_hand(date_deadline=future)
        unassigned = self._by_hand(user=False)
        late = self._by_hand(date_deadline=past, priority="3")
        held = self._by_hand()
        held.action_hold("Waiting for the building's permit")
        failed = self._by_hand()
        failed.action_start()
        failed.action_fail("The duct is blocked")
        escalated = self._by_hand()
        escalated.sudo().needs_attention = True  # as an escalation does
        done = self._by_hand(user=False)
        done.action_complete()
        orders = draft | fine | unassigned | late | held | failed | escalated | done

        expected = unassigned | late | held | failed | escalated
        self.assertEqual(self._queue(orders), expected)
        self.assertEqual(orders.filtered("attention_queue"), expected)
        self.assertEqual(
            self.env["telecom.order"].search([("attention_queue", "=", False), ("id", "in", orders.ids)]),
            draft | fine | done,
        )
        self.assertEqual(unassigned.attention_reason, "No responsible")
        self.assertEqual(late.attention_reason, "Past its deadline")
        self.assertEqual(held.attention_reason, "Held — Waiting for the building's permit")
        self.assertEqual(failed.attention_reason, "Failed — The duct is blocked")

    def test_queue_follows_the_divisions(self):
        unassigned = self._by_hand(user=False)
        other_division = self.env["telecom.division"].create({"name": "Another Town Sales", "kind": "sales"})
        foreign = self._by_hand(user=False, division_id=other_division.id)
        orders = unassigned | foreign
        self.assertEqual(self._queue(orders, self.user_division_manager), unassigned)
        self.assertEqual(self._queue(orders), orders)
        menu = self.env.ref("oms_telecom.menu_oms_needs_attention")
        Menu = self.env["ir.ui.menu"]
        self.assertIn(menu, Menu.with_user(self.user_division_manager).search([("id", "=", menu.id)]))
        self.assertNotIn(menu, Menu.with_user(self.user_operator).search([("id", "=", menu.id)]))
        self.assertFalse(self._queue(orders, self.user_portal))

    def test_escalation_on_the_earlier_order_deadline(self):
        # Promised for Monday noon: the step's own deadline (Tuesday 10:00) comes later.
        order = self._order_at_work(date_deadline="2030-05-06 12:00:00", priority="3")
        step = order.current_order_step_id
        self.assertEqual(step.date_deadline.isoformat(), "2030-05-07T10:00:00")
        self.assertEqual(order.date_deadline.isoformat(), "2030-05-06T12:00:00")
        self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-06T11:12:00")
        with freeze_time("2030-05-06 12:30:00"):
            self._run_cron()
            self.assertTrue(order.attention_queue)
        self.assertEqual(step.escalation_level, 2)
        self.assertTrue(order.needs_attention)
        self.assertIn("Escalation level 2", order.message_ids[0].body)

    def test_later_order_deadline_leaves_the_step_sla(self):
        order = self._order_at_work(date_deadline="2030-05-10 12:00:00")
        self.assertEqual(order.current_order_step_id.date_next_escalation.isoformat(), "2030-05-06T17:00:00")

    def test_deadline_brought_forward_replans(self):
        order = self._order_at_work()
        step = order.current_order_step_id
        self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-06T17:00:00")
        with freeze_time("2030-05-06 10:00:00"):
            # The customer was promised 09:00: the order is already past it.
            order.date_deadline = "2030-05-06 09:00:00"
            # Levels at 80 % and 100 % of the one working hour left until then.
            self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-06T08:48:00")
            self._run_cron()
        self.assertEqual(step.escalation_level, 2)
        self.assertTrue(self._queue(order))
