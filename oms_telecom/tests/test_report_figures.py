# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from statistics import mean

from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.oms_telecom.models.telecom_private_context import SKIP_SCENARIO_SYNC, private_context

from .reporting_common import DAY, ReportingCase

WITHDRAWN = ("rejected", "cancelled")


@tagged("post_install", "-at_install")
class TestReportFigures(ReportingCase):
    """Every figure of the division scorecard computed three ways on the same
    orders: by the scorecard, by the order analysis its drill-down opens, and
    from the orders themselves as the order list searches and shows them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        now = fields.Datetime.now()
        sales, technical = cls.division_sales, cls.division_technical
        cls.division_empty = cls.env["telecom.division"].create({"name": "Test Empty Field Team", "kind": "technical"})

        def order(division, **values):
            return cls.env["telecom.order"].create(
                cls._order_values(
                    cls.individual, cls.premises_home, division_id=division.id, no_scenario=True, **values
                )
            )

        # Rejected with a deadline; closed 40 and 120 days ago, both late; open, not due yet.
        cls.order_h = order(sales, date_deadline=now - 10 * DAY)
        cls.order_i = order(sales, date_deadline=now - 45 * DAY)
        cls.order_j = order(technical, date_deadline=now - 130 * DAY)
        cls.order_k = order(technical, date_deadline=now + 3 * DAY)
        synced = cls.env["telecom.order"].with_context(**private_context(SKIP_SCENARIO_SYNC))
        synced.browse((cls.order_h | cls.order_i | cls.order_j | cls.order_k).ids).write({"state": "acknowledged"})
        synced.browse(cls.order_h.ids).write({"state": "rejected"})
        synced.browse((cls.order_i | cls.order_j).ids).write({"state": "in_progress"})
        synced.browse((cls.order_i | cls.order_j).ids).write({"state": "completed"})
        for record, submitted, closed in (
            (cls.order_h, 15, 12),
            (cls.order_i, 50, 40),
            (cls.order_j, 140, 120),
            (cls.order_k, 2, None),
        ):
            record.date_submitted = now - submitted * DAY
            if closed:
                record.date_closed = now - closed * DAY
        step_j = cls.env["telecom.order.step"].create(
            {"order_id": cls.order_j.id, "name": "Test Old Step", "division_id": technical.id, "state": "done"}
        )
        cls.env["telecom.escalation.event"].create(
            {"order_step_id": step_j.id, "order_id": cls.order_j.id, "level": 1, "date": now - 125 * DAY}
        )
        cls.env.flush_all()

    def _from_orders(self, division):
        """The figures from the orders, as the order list finds and shows them."""
        Order = self.env["telecom.order"]
        now = fields.Datetime.now()
        subtree = [("division_id", "child_of", division.id)]
        orders = Order.search(subtree)

        def days(delta):
            return delta.total_seconds() / 86400

        def start(order):
            return order.date_submitted or order.create_date

        in_period = orders.filtered(lambda o: not o.is_closed or (o.date_closed and o.date_closed >= now - 90 * DAY))
        counted = in_period.filtered(lambda o: o.date_deadline and o.state not in WITHDRAWN)
        met = counted.filtered(lambda o: o.is_closed and o.date_closed <= o.date_deadline)
        breached = counted.filtered(lambda o: o.date_closed > o.date_deadline if o.is_closed else o.is_late)
        finished = in_period.filtered(lambda o: o.is_closed and o.state not in WITHDRAWN)
        backlog = orders.filtered(lambda o: not o.is_closed)
        return {
            "open_order_count": Order.search_count([*subtree, ("is_closed", "=", False)]),
            "late_order_count": Order.search_count([*subtree, ("is_late", "=", True)]),
            "closed_recent_count": Order.search_count([*subtree, ("date_closed", ">=", now - 28 * DAY)]),
            "lead_time_order_count": len(finished),
            "lead_time_avg": finished and mean(days(o.date_closed - start(o)) for o in finished),
            "sla_order_count": len(met | breached),
            "sla_met_count": len(met),
            "sla_compliance": (met | breached) and 100.0 * len(met) / len(met | breached),
            "backlog_age_avg": backlog and mean(days(now - start(o)) for o in backlog),
            "escalation_count": self.env["telecom.escalation.event"].search_count(
                [("order_id.division_id", "child_of", division.id), ("date", ">=", now - 90 * DAY)]
            ),
        }

    def _from_drill_downs(self, card):
        """The figures as the drill-downs of the card list and average them."""
        Report = self.env["telecom.order.report"]

        def average(action, measure):
            [group] = Report.read_group(self._drill_down_domain(action), [f"{measure}:avg"], [])
            return group[measure] or 0.0

        sla = self._drill_down(card.action_sla_orders())
        return {
            "open_order_count": len(self._drill_down(card.action_open_orders())),
            "late_order_count": len(self._drill_down(card.action_late_orders())),
            "closed_recent_count": len(self._drill_down(card.action_closed_orders())),
            "lead_time_order_count": len(self._drill_down(card.action_lead_time_orders())),
            "lead_time_avg": average(card.action_lead_time_orders(), "lead_time"),
            "sla_order_count": len(sla),
            "sla_met_count": len(sla.filtered(lambda row: row.sla_status == "met")),
            "sla_compliance": average(card.action_sla_orders(), "sla_met"),
            "backlog_age_avg": average(card.action_backlog_orders(), "backlog_age"),
            "escalation_count": len(self._drill_down(card.action_escalations())),
        }

    def _card(self, division):
        return self.env["telecom.division.scorecard"].search([("division_id", "=", division.id)])

    def test_figures_agree(self):
        for division in (self.division_sales, self.division_technical, self.division_other):
            card = self._card(division)
            from_card = {name: card[name] for name in self._from_orders(division)}
            for way, figures in (
                ("orders", self._from_orders(division)),
                ("drill-downs", self._from_drill_downs(card)),
            ):
                for name, value in figures.items():
                    with self.subTest(division=division.name, figure=name, way=way):
                        # Ages run on while the test runs: a minute is 0.0007 days.
                        self.assertAlmostEqual(from_card[name], value or 0.0, delta=0.01)

    def test_figures_of_the_fixture(self):
        sales, technical = self._card(self.division_sales), self._card(self.division_technical)
        # Sales with its technical sub-division: A met; B, E and I breached; H withdrawn, J too old, K not due.
        self.assertEqual((sales.sla_met_count, sales.sla_order_count), (1, 4))
        self.assertAlmostEqual(sales.sla_compliance, 25.0)
        self.assertEqual(sales.lead_time_order_count, 4, "A, B, C and I; H was rejected, J closed too long ago.")
        self.assertAlmostEqual(sales.lead_time_avg, (2 + 4 + 6 + 10) / 4)
        self.assertEqual((sales.open_order_count, sales.late_order_count), (2, 1))
        self.assertEqual((technical.open_order_count, technical.late_order_count), (1, 0))
        self.assertEqual(sales.escalation_count, 1, "J's escalation is older than the period.")

    def test_no_orders_no_figures(self):
        card = self._card(self.division_empty)
        self.assertEqual(
            (card.open_order_count, card.lead_time_order_count, card.sla_order_count, card.escalation_count),
            (0, 0, 0, 0),
        )
        self.assertFalse(card.sla_compliance)
        self.assertFalse(card.lead_time_avg)
        # What the card shows then: n/a, not 0 %.
        arch = self.env["telecom.division.scorecard"].get_view(view_type="kanban")["arch"]
        for count in ("sla_order_count", "lead_time_order_count", "open_order_count"):
            self.assertIn(f'<t t-if="record.{count}.raw_value">', arch)
        self.assertEqual(etree.fromstring(arch).xpath("count(//t[@t-else][normalize-space(.)='n/a'])"), 3)

    def test_drill_downs_show_their_filters(self):
        card = self._card(self.division_sales)
        for action in (
            card.action_open_orders(),
            card.action_late_orders(),
            card.action_backlog_orders(),
            card.action_closed_orders(),
            card.action_lead_time_orders(),
            card.action_sla_orders(),
            card.action_escalations(),
        ):
            with self.subTest(action=action["name"]):
                # No hidden domain; every default is a facet of the search view.
                self._drill_down_domain(action)
                self.assertIn(self.division_sales.name, action["name"])
                self.assertEqual(action["context"]["search_default_division_id"], self.division_sales.id)

    def test_escalations_are_real(self):
        card = self._card(self.division_sales)
        action = card.action_escalations()
        self.assertEqual(action["res_model"], "telecom.escalation.event")
        events = self._drill_down(action)
        self.assertEqual(events.order_id, self.order_b)
        self.assertEqual(len(events), card.escalation_count)
        Event = self.env["telecom.escalation.event"]
        for view_type in ("list", "pivot"):
            arch = etree.fromstring(Event.get_view(view_type=view_type)["arch"])
            self.assertFalse(arch.get("sample"), "Escalations show the real ones, or none.")
        self.assertEqual(
            self.env.ref("oms_telecom.menu_oms_escalation_event").action,
            self.env.ref("oms_telecom.telecom_escalation_event_action"),
        )
        # A division manager sees the escalations of their subtree only; operators none.
        self.assertEqual(
            Event.with_user(self.user_division_manager)
            .search([("order_id", "in", self.orders.ids + self.order_j.ids)])
            .order_id,
            self.order_b | self.order_j,
        )
        self.assertEqual(Event.with_user(self.user_oms_manager).search_count([("order_id", "=", self.order_j.id)]), 1)
        with self.assertRaises(AccessError):
            Event.with_user(self.user_operator).search([])

    def test_step_rows_name_their_scenario(self):
        Step = self.env["telecom.order.step"]
        registrations = self.env.ref("oms_telecom.scenario_connection_individual_step_registration") | self.env.ref(
            "oms_telecom.scenario_connection_company_step_registration"
        )
        start = fields.Datetime.now() - timedelta(hours=5)
        steps = Step.create(
            [
                {
                    "order_id": self.order_a.id,
                    "scenario_step_id": registration.id,
                    "name": registration.name,
                    "state": "done",
                    "date_start": start,
                    "date_end": start + timedelta(hours=1),
                    "duration": 1.0,
                }
                for registration in registrations
            ]
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_step_report_action")
        context = safe_eval(action["context"]) if isinstance(action["context"], str) else action["context"]
        Report = self.env["telecom.order.step.report"].with_context(**context)
        groups = Report.read_group([("order_step_id", "in", steps.ids)], ["duration:avg"], ["scenario_step_id"])
        labels = sorted(group["scenario_step_id"][1] for group in groups)
        self.assertEqual(len(set(labels)), 2, "Same step name, two scenarios: two distinct rows.")
        for label, scenario in zip(labels, registrations.scenario_id.sorted("name"), strict=True):
            self.assertIn(scenario.name, label)
            self.assertIn("Registration", label)

    def test_scorecard_reads_in_constant_queries(self):
        """The cards are one SQL view: reading them costs the same whatever the orders."""
        Scorecard = self.env["telecom.division.scorecard"].with_user(self.user_division_manager)
        names = ["complete_name", "open_order_count", "late_order_count", "lead_time_avg", "sla_compliance"]
        Scorecard.search_read([], names)  # warm the caches of the record rules
        with self.assertQueryCount(2):
            Scorecard.search_read([], names)


@tagged("post_install", "-at_install")
class TestScorecardTour(HttpCase, ReportingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["telecom.division"].create(
            {"name": "Test Empty Crew", "kind": "technical", "parent_id": cls.division_sales.id}
        )

    def test_scorecard_figures_equal_drill_downs(self):
        """The division manager reads each figure of their card and counts the rows of its drill-down."""
        self.start_tour(
            "/odoo/telecom-division-scorecard",
            "oms_telecom_division_scorecard",
            login=self.user_division_manager.login,
        )
