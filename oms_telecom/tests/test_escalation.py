# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tools import SQL

from odoo.addons.oms_telecom.models.telecom_order_step import TelecomOrderStep

from .scenario_common import EscalationCase

# Queries of one batch of the escalation cron, whatever its size (the notes'
# deadlines at the orders' addresses read their zones: 23 before).
QUERIES_PER_ESCALATION_BATCH = 24


class TestEscalation(EscalationCase):
    """The scheduled escalation: levels by share of the SLA, each fired exactly
    once per order step (cron run twice, crash between batches, another worker),
    in batches of a constant number of queries."""

    @classmethod
    def _escalation_rule_values(cls):
        """The work step has 10 working hours: level 1 at 8 h, 2 at 10 h, 3 at 15 h."""
        jeopardy, breach = super()._escalation_rule_values()
        long_breach = {
            "division_id": cls.division_technical.id,
            "name": "Long breach",
            "level": 3,
            "threshold_percent": 150,
            "notify_parent_manager": True,
            "reassign_to": "parent_manager",
            "needs_attention": True,
        }
        return [jeopardy, {**breach, "raise_priority": True}, long_breach]

    def _orders_at_work(self, count):
        with freeze_time("2030-05-06 08:00:00"):
            orders = self.env["telecom.order"].create(
                [
                    self._order_values(
                        self.individual,
                        self.premises_home,
                        lines=[{"product_id": self.fiber_100.id}],
                        scenario_id=self.scenario.id,
                        user_id=self.user_operator.id,
                    )
                    for _index in range(count)
                ]
            )
            orders.action_submit()
            orders.action_next_step()
        return orders

    def _mails(self, partner=None):
        domain = [("subject", "ilike", "escalation level")]
        if partner:
            domain.append(("recipient_ids", "in", partner.ids))
        return self.env["mail.mail"].sudo().search(domain)

    def test_levels_fire_once_each(self):
        order = self._orders_at_work(1)
        step = order.current_order_step_id
        self.assertEqual(step.division_id, self.division_technical)
        self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-06T17:00:00")

        with freeze_time("2030-05-06 12:00:00"):
            self._run_cron()
        self.assertFalse(self._events(order))

        with freeze_time("2030-05-06 17:30:00"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(self._events(order).mapped("level"), [1])
        self.assertEqual(step.escalation_level, 1)
        self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-07T10:00:00")
        jeopardy = self._mails(self.user_operator.partner_id)
        self.assertEqual(len(jeopardy), 1, "the responsible is warned once")
        self.assertIn(order.name, jeopardy.body_html)
        self.assertIn("jeopardy", jeopardy.subject)
        self.assertEqual(order.priority, "0")
        self.assertIn("Escalation level 1", order.message_ids[0].body)

        # Levels 2 and 3 are both due the next afternoon: each fires, once.
        with freeze_time("2030-05-07 16:30:00"):
            self._run_cron()
            self._run_cron()
        self.assertEqual(sorted(self._events(order).mapped("level")), [1, 2, 3])
        self.assertEqual(step.escalation_level, 3)
        self.assertFalse(step.date_next_escalation)
        self.assertEqual(order.priority, "1", "the breach raised the priority once")
        self.assertEqual(order.user_id, self.user_division_manager, "reassigned to the parent division's manager")
        self.assertTrue(order.needs_attention)
        self.assertEqual(len(self._mails(self.user_tech_lead.partner_id)), 1)
        self.assertEqual(len(self._mails(self.user_division_manager.partner_id)), 1)
        self.assertEqual(len(self._mails(self.user_operator.partner_id)), 1)
        self.assertIn(order, self.env["telecom.order"].search([("needs_attention", "=", True)]))
        order.with_user(self.user_division_manager).action_clear_attention()
        self.assertFalse(order.needs_attention)

    def test_crash_between_batches(self):
        orders = self._orders_at_work(6)
        with freeze_time("2030-05-06 17:30:00"):
            self.assertEqual(self.Step._cron_escalate(batch_size=2), 2)
            self.assertEqual(len(self._events(orders)), 2)

            def crash(self, mails):
                raise RuntimeError("worker killed")

            # The second batch dies after claiming its levels: nothing of it stays.
            with patch.object(TelecomOrderStep, "_send_escalation_mails", crash), self.assertRaises(RuntimeError):
                self.Step._cron_escalate(batch_size=2)
            self.assertEqual(len(self._events(orders)), 2)

            self.assertEqual(self._run_cron(batch_size=2), 4)
            self.assertEqual(self._run_cron(batch_size=2), 0)
        events = self._events(orders)
        self.assertEqual(len(events), 6)
        self.assertEqual(events.order_step_id, orders.current_order_step_id)
        self.assertEqual(set(events.mapped("level")), {1})
        mails = self._mails(self.user_operator.partner_id)
        for order in orders:
            self.assertEqual(
                len(mails.filtered(lambda mail, order=order: order.name in mail.body_html)),
                1,
                f"{order.name} is announced once",
            )

    def test_level_claimed_by_another_worker(self):
        order = self._orders_at_work(1)
        step = order.current_order_step_id
        # Another worker fired level 1 and committed, this one still saw it due.
        self.env["telecom.escalation.event"].create({"order_step_id": step.id, "order_id": order.id, "level": 1})
        with freeze_time("2030-05-06 17:30:00"):
            self._run_cron()
        self.assertEqual(len(self._events(order)), 1)
        self.assertFalse(self._mails(self.user_operator.partner_id), "what another worker claimed is not fired again")
        self.assertEqual(step.escalation_level, 1)
        self.assertEqual(step.date_next_escalation.isoformat(), "2030-05-07T10:00:00")

    def test_pending_order_is_not_escalated(self):
        order = self._orders_at_work(1)
        with freeze_time("2030-05-06 09:00:00"):
            order.action_set_pending("Waiting for the landlord")
        with freeze_time("2030-05-09 09:00:00"):
            self._run_cron()
        self.assertFalse(self._events(order))

    def test_division_rules_replace_the_general_ones(self):
        rules = self.env["telecom.escalation.rule"]._rules_for_divisions(self.division_technical | self.division_sales)
        self.assertEqual(rules[self.division_technical].mapped("name"), ["Jeopardy", "Breach", "Long breach"])
        self.assertEqual(
            rules[self.division_sales],
            self.env["telecom.escalation.rule"].search([("division_id", "=", False)]),
            "a division without rules follows the general ones",
        )
        child = self.env["telecom.division"].create(
            {"name": "Night shift", "kind": "technical", "parent_id": self.division_technical.id}
        )
        child_rules = self.env["telecom.escalation.rule"]._rules_for_divisions(child)[child]
        self.assertEqual(child_rules, rules[self.division_technical], "else those of its nearest ancestor")

    def test_who_edits_escalation_rules(self):
        Rule = self.env["telecom.escalation.rule"]
        own = Rule.search([("division_id", "=", self.division_technical.id), ("level", "=", 1)])
        general = Rule.search([("division_id", "=", False)], limit=1)
        lead_rules = Rule.with_user(self.user_tech_lead)
        own.with_user(self.user_tech_lead).threshold_percent = 70
        self.assertEqual(own.threshold_percent, 70, "a division manager tunes their division's levels")
        lead_rules.create(
            {"name": "Night", "division_id": self.division_technical.id, "level": 4, "threshold_percent": 200}
        )
        with self.assertRaises(AccessError):
            general.with_user(self.user_tech_lead).threshold_percent = 10
        with self.assertRaises(AccessError):
            lead_rules.create({"name": "Theirs", "division_id": self.division_sales.id, "level": 1})
        with self.assertRaises(AccessError):
            Rule.with_user(self.user_operator).search([])
        # Scenarios: operators read them, only OMS managers change them.
        scenario = self.scenario.with_user(self.user_operator)
        self.assertEqual(scenario.name, "Test scenario")
        with self.assertRaises(AccessError):
            scenario.name = "Mine"
        self.scenario.with_user(self.user_oms_manager).name = "Renamed"

    def test_scheduled_action(self):
        order = self._orders_at_work(1)
        cron = self.env.ref("oms_telecom.ir_cron_telecom_escalation")
        self.assertEqual(cron.model_id.model, "telecom.order.step")
        with freeze_time("2030-05-06 17:30:00"):
            cron.method_direct_trigger()
        self.assertEqual(self._events(order).mapped("level"), [1])

    def test_queries_per_batch_do_not_depend_on_its_size(self):
        orders = self._orders_at_work(30)
        self.env.flush_all()
        with freeze_time("2030-05-06 17:30:00"):
            # Caches of the registry (templates, access rules) warm.
            self.Step._cron_escalate(batch_size=3)
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_PER_ESCALATION_BATCH):
                self.assertEqual(self.Step._cron_escalate(batch_size=5), 5)
                self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(QUERIES_PER_ESCALATION_BATCH):
                self.assertEqual(self.Step._cron_escalate(batch_size=20), 20)
                self.env.flush_all()
        self.assertEqual(len(self._events(orders)), 28)

    def test_deadline_fields_are_indexed(self):
        rows = self.env.execute_query(SQL("SELECT indexdef FROM pg_indexes WHERE tablename = %s", "telecom_order_step"))
        definitions = " ".join(row[0] for row in rows)
        self.assertIn("(date_next_escalation)", definitions)
        self.assertIn("WHERE (date_next_escalation IS NOT NULL)", definitions)
        self.assertIn("(date_deadline)", definitions)
        order_rows = self.env.execute_query(
            SQL("SELECT indexdef FROM pg_indexes WHERE tablename = %s", "telecom_order")
        )
        self.assertIn("(date_deadline)", " ".join(row[0] for row in order_rows))

    def test_unique_claim_constraint(self):
        order = self._orders_at_work(1)
        step = order.current_order_step_id
        Event = self.env["telecom.escalation.event"]
        Event.create({"order_step_id": step.id, "order_id": order.id, "level": 2})
        claimed = self.Step._claim_escalations([(step, 2, None), (step, 3, None)], step.date_start)
        self.assertEqual(claimed, {(step.id, 3)})
        self.assertEqual(len(Event.search([("order_step_id", "=", step.id)])), 2)
