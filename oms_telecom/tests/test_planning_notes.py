# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo.tests import tagged

from .scenario_common import ScenarioCase


@tagged("post_install", "-at_install")
class TestPlanningNotes(ScenarioCase):
    """The planning's notes are the body of the tracking message of what it set:
    one message where there were two. A note without a tracking message to go
    with is logged as it is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario = cls._create_scenario([{"name": "Check", "stage_id": cls.stages["new"].id, "sla_hours": 4}])

    def _flush_tracking(self):
        """What the commit runs: the tracking messages."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    def _new_messages(self, order, before):
        return (order.message_ids - before).sorted("id")

    def test_a_submit_logs_one_message_with_its_tracking(self):
        order = self._create_order(scenario_id=self.scenario.id)
        before = order.message_ids
        self._flush_tracking()
        order.action_submit()
        self._flush_tracking()
        messages = self._new_messages(order, before)
        planning = messages.filtered(lambda message: "started: the order is at the step Check" in message.body)
        self.assertEqual(len(planning), 1, messages.mapped("body"))
        tracked = planning.sudo().tracking_value_ids.field_id.mapped("name")
        self.assertIn("date_deadline", tracked)
        self.assertIn("state", tracked)
        self.assertFalse(messages - planning, "no other message: the step note is the tracking's body")

    def test_a_note_without_tracking_is_logged_at_once(self):
        order = self._create_order()
        self._flush_tracking()
        before = order.message_ids
        order._log_with_tracking({order.id: Markup("<p>Nothing tracked.</p>")})
        messages = self._new_messages(order, before)
        self.assertEqual(messages.mapped("body"), [Markup("<p>Nothing tracked.</p>")])
        self.assertFalse(messages.sudo().tracking_value_ids)

    def test_a_note_whose_tracking_changes_nothing_is_logged_alone(self):
        order = self._create_order()
        self._flush_tracking()
        before = order.message_ids
        # A tracked field written with its own value: no tracking message follows.
        order.write({"priority": order.priority})
        order._log_with_tracking({order.id: Markup("<p>Kept.</p>")})
        self.assertFalse(self._new_messages(order, before), "left for the tracking message")
        self._flush_tracking()
        messages = self._new_messages(order, before)
        self.assertEqual(messages.mapped("body"), [Markup("<p>Kept.</p>")])

    def test_notes_of_one_order_join_in_the_order_written(self):
        order = self._create_order()
        self._flush_tracking()
        before = order.message_ids
        order.write({"priority": "2"})
        order._log_with_tracking({order.id: Markup("<p>First.</p>")})
        order._log_with_tracking({order.id: Markup("<p>Second.</p>")})
        self._flush_tracking()
        message = self._new_messages(order, before)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.body, Markup("<p>First.</p><p>Second.</p>"))
        self.assertEqual(message.sudo().tracking_value_ids.field_id.name, "priority")
