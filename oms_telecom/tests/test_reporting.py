# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .reporting_common import DAY, HOUR, ReportingCase


@tagged("post_install", "-at_install")
class TestReporting(ReportingCase):
    def _order_report(self, user=None):
        Report = self.env["telecom.order.report"]
        return (Report.with_user(user) if user else Report).search([("order_id", "in", self.orders.ids)])

    def _by_order(self):
        return {row.order_id: row for row in self._order_report()}

    # Order analysis

    def test_order_measures(self):
        rows = self._by_order()
        self.assertAlmostEqual(rows[self.order_a].lead_time, 2.0, places=6)
        self.assertAlmostEqual(rows[self.order_b].lead_time, 4.0, places=6)
        self.assertFalse(rows[self.order_e].lead_time, "An open order has no lead time yet.")
        self.assertEqual(rows[self.order_a].sla_met, 100.0)
        self.assertEqual(rows[self.order_b].sla_met, 0.0)
        self.assertEqual(rows[self.order_b].sla_status, "breached", "Closed after its deadline.")
        self.assertFalse(rows[self.order_b].is_late, "Late is for open orders, as in the order list.")
        self.assertTrue(rows[self.order_e].is_late)
        self.assertEqual(rows[self.order_e].sla_status, "breached", "An open order past its deadline breaches the SLA.")
        self.assertEqual(rows[self.order_e].sla_met, 0.0)
        self.assertFalse(rows[self.order_a].is_late)
        self.assertEqual(rows[self.order_a].sla_status, "met")
        self.assertFalse(rows[self.order_c].sla_status, "No deadline, no SLA outcome.")
        self.assertAlmostEqual(rows[self.order_e].backlog_age, 20.0, delta=0.05)
        self.assertFalse(rows[self.order_a].backlog_age, "A closed order is no backlog.")
        self.assertAlmostEqual(rows[self.order_a].waiting_hours, 3.0)
        self.assertEqual(rows[self.order_b].escalation_level, 2)
        self.assertEqual(rows[self.order_b].escalation_count, 1)
        self.assertEqual(rows[self.order_b].work_order_count, 2)
        self.assertEqual(rows[self.order_a].work_order_count, 1)
        self.assertEqual(rows[self.order_b].first_time_right, 0.0, "Its line test failed.")
        self.assertEqual(rows[self.order_a].first_time_right, 100.0)
        self.assertEqual(rows[self.order_a].city, "Testville")
        self.assertEqual(rows[self.order_a].district, "Centre")

    def test_order_grouped_by_division(self):
        groups = self.env["telecom.order.report"].read_group(
            [("order_id", "in", self.orders.ids)],
            ["lead_time:avg", "sla_met:avg", "escalation_count:sum"],
            ["division_id"],
        )
        by_division = {group["division_id"][0]: group for group in groups}
        sales = by_division[self.division_sales.id]
        self.assertEqual(sales["division_id_count"], 3)
        self.assertAlmostEqual(sales["lead_time"], 4.0, places=6, msg="Orders A and C: 2 and 6 days.")
        self.assertAlmostEqual(sales["sla_met"], 50.0, msg="A met, E breached, C has no deadline.")
        self.assertEqual(by_division[self.division_technical.id]["escalation_count"], 1)

    def test_order_filters(self):
        Report = self.env["telecom.order.report"]
        late = Report.search([("order_id", "in", self.orders.ids), ("is_late", "=", True)])
        self.assertEqual(late.order_id, self.order_e)
        self.assertEqual(
            late.order_id, self.env["telecom.order"].search([("id", "in", self.orders.ids), ("is_late", "=", True)])
        )
        breached = Report.search([("order_id", "in", self.orders.ids), ("sla_status", "=", "breached")])
        self.assertEqual(breached.order_id, self.order_b | self.order_e)
        subtree = Report.search(
            [("order_id", "in", self.orders.ids), ("division_id", "child_of", self.division_sales.id)]
        )
        self.assertEqual(subtree.order_id, self.order_a | self.order_b | self.order_c | self.order_e)

    def test_drill_down_to_order(self):
        row = self._by_order()[self.order_a]
        action = row.action_open_order()
        self.assertEqual((action["res_model"], action["res_id"]), ("telecom.order", self.order_a.id))

    # Step analysis

    def test_step_measures(self):
        Report = self.env["telecom.order.step.report"]
        rows = Report.search([("order_step_id", "in", self.steps.ids)])
        self.assertEqual(len(rows), 5)
        # percentile_cont over 1, 2, 3, 4, 10 hours
        self.assertEqual(set(rows.mapped("median_duration")), {3.0})
        self.assertEqual({round(value, 6) for value in rows.mapped("p90_duration")}, {7.6})
        [group] = Report.read_group(
            [("order_step_id", "in", self.steps.ids)],
            ["duration:avg", "sla_met:avg", "median_duration:max", "p90_duration:max", "waiting_hours:sum"],
            ["division_id"],
        )
        self.assertAlmostEqual(group["duration"], 4.0)
        self.assertAlmostEqual(group["sla_met"], 75.0, msg="3 of the 4 steps with a deadline met it.")
        self.assertAlmostEqual(group["median_duration"], 3.0)
        self.assertAlmostEqual(group["p90_duration"], 7.6)
        self.assertAlmostEqual(group["waiting_hours"], 3.0)

    # Division scorecard

    def test_division_scorecard(self):
        cards = self.env["telecom.division.scorecard"].search(
            [("division_id", "in", (self.division_sales | self.division_technical).ids)]
        )
        sales = cards.filtered(lambda card: card.division_id == self.division_sales)
        technical = cards.filtered(lambda card: card.division_id == self.division_technical)
        # The sales division rolls its technical sub-division up: A, B and C closed, E open.
        self.assertEqual(sales.open_order_count, 1)
        self.assertEqual(sales.late_order_count, 1)
        self.assertEqual(sales.closed_recent_count, 3)
        self.assertAlmostEqual(sales.closed_per_week, 0.75)
        self.assertAlmostEqual(sales.lead_time_avg, 4.0, places=6)
        self.assertAlmostEqual(sales.lead_time_p90, 5.6, places=6)
        # A met, B (in the technical sub-division) closed late, E open past its deadline; C has none.
        self.assertAlmostEqual(sales.sla_compliance, 100.0 / 3)
        self.assertEqual((sales.sla_met_count, sales.sla_order_count), (1, 3))
        self.assertEqual(sales.escalation_count, 1)
        self.assertAlmostEqual(sales.backlog_age_avg, 20.0, delta=0.05)
        self.assertAlmostEqual(technical.lead_time_avg, 4.0, places=6)
        self.assertAlmostEqual(technical.sla_compliance, 0.0)
        self.assertEqual(technical.sla_order_count, 1)
        self.assertEqual(technical.open_order_count, 0)
        # The technician of the technical division can do 4 work orders a day, 5 days a week.
        self.assertEqual(technical.technician_count, 1)
        self.assertEqual(technical.capacity_work_orders, 20)
        self.assertEqual(self._drill_down(sales.action_open_orders()).order_id, self.order_e)
        self.assertEqual(
            self._drill_down(sales.action_lead_time_orders()).order_id, self.order_a | self.order_b | self.order_c
        )
        self.assertEqual(
            self._drill_down(sales.action_sla_orders()).order_id, self.order_a | self.order_b | self.order_e
        )
        self.assertEqual(self._drill_down(sales.action_escalations()).order_id, self.order_b)

    def test_scorecard_utilisation(self):
        tomorrow = fields.Datetime.now() + DAY
        self.env["telecom.work.order"].create(
            [
                {
                    "order_id": self.order_e.id,
                    "kind": "installation",
                    "division_id": self.division_technical.id,
                    "technician_id": self.user_technician.id,
                    "planned_start": tomorrow + index * 3 * HOUR,
                    "state": "planned",
                }
                for index in range(5)
            ]
        )
        self.env.flush_all()
        card = self.env["telecom.division.scorecard"].search([("division_id", "=", self.division_technical.id)])
        self.assertEqual(card.planned_work_orders, 5)
        self.assertAlmostEqual(card.utilisation, 25.0)
        planned = self.env["telecom.work.order"].search(card.action_planned_work_orders()["domain"])
        self.assertEqual(len(planned), 5)

    # Address statistics

    def test_address_statistics(self):
        Report = self.env["telecom.address.report"]
        domain = [("premises_id", "in", (self.premises_home | self.premises_office | self.premises_cottage).ids)]
        groups = Report.read_group(
            domain,
            [
                "order_count:sum",
                "connection_count:sum",
                "unserved_count:sum",
                "active_service_count:sum",
                "churn_count:sum",
            ],
            ["street"],
        )
        by_street = {group["street"]: group for group in groups}
        home = by_street["Rue des Tests"]
        self.assertEqual(
            (home["order_count"], home["connection_count"], home["active_service_count"], home["churn_count"]),
            (4, 3, 2, 1),
        )
        cottage = by_street["Chemin du Moulin"]
        self.assertEqual((cottage["order_count"], cottage["unserved_count"]), (2, 1))
        office = by_street["Avenue du Commerce"]
        self.assertEqual((office["active_service_count"], office["unserved_count"]), (0, 0))
        row = Report.search([*domain, ("unserved_count", ">", 0)])
        orders = self.env["telecom.order.report"].search(row.action_open_orders()["domain"])
        self.assertEqual(orders.order_id, self.order_d | self.order_f)

    # Access

    def test_access_per_role(self):
        self.assertEqual(
            self._order_report(self.user_operator).order_id,
            self.order_a | self.order_b | self.order_e,
            "An operator sees the orders they are responsible for only.",
        )
        self.assertEqual(
            self._order_report(self.user_division_manager).order_id,
            self.order_a | self.order_b | self.order_c | self.order_e,
            "A division manager sees the subtree of the divisions they manage.",
        )
        self.assertEqual(self._order_report(self.user_oms_manager).order_id, self.orders)
        steps = self.env["telecom.order.step.report"].with_user(self.user_operator).search([])
        self.assertEqual(steps.order_step_id, self.steps | self.step_b)
        cards = self.env["telecom.division.scorecard"].with_user(self.user_division_manager).search([])
        self.assertEqual(cards.division_id, self.division_sales | self.division_technical)
        addresses = (
            self.env["telecom.address.report"]
            .with_user(self.user_division_manager)
            .search([("premises_id", "=", self.premises_cottage.id)])
        )
        self.assertFalse(addresses, "The cottage's orders belong to another division.")
        self.assertEqual(
            self.env["telecom.division.scorecard"]
            .with_user(self.user_oms_manager)
            .search_count([("division_id", "=", self.division_other.id)]),
            1,
        )
        for model in ("telecom.division.scorecard", "telecom.address.report"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_operator).search([])
        for model in ("telecom.order.report", "telecom.order.step.report"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_technician).search([])
