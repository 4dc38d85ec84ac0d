# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .telecom_report_sql import PERIOD_DAYS, THROUGHPUT_WEEKS, create_report_view, within_days_sql
from .telecom_work_order import OPEN_WORK_ORDER_STATES

# The technicians' load is planned ahead over a week of working days.
PLANNING_DAYS = 7
WORKING_DAYS_PER_WEEK = 5


class TelecomDivisionScorecard(models.Model):
    """One card per division, with its sub-divisions rolled up: open orders,
    throughput, lead time, SLA, escalations, backlog age and the technicians'
    load against their capacity. The order figures aggregate the order
    analysis' rows (telecom.order.report), so that each figure is the count or
    average of the rows its drill-down lists."""

    _name = "telecom.division.scorecard"
    _description = "Division Scorecard"
    _auto = False
    _rec_name = "division_id"
    _order = "complete_name"

    division_id = fields.Many2one("telecom.division", readonly=True)
    complete_name = fields.Char(string="Division Name", readonly=True)
    parent_id = fields.Many2one("telecom.division", string="Parent Division", readonly=True)
    manager_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    open_order_count = fields.Integer(string="Open Orders", readonly=True)
    late_order_count = fields.Integer(string="Late Orders", readonly=True, help="Open orders past their deadline.")
    closed_recent_count = fields.Integer(
        string=f"Closed ({THROUGHPUT_WEEKS} weeks)",
        readonly=True,
        help=f"Orders closed in the last {THROUGHPUT_WEEKS} weeks.",
    )
    closed_per_week = fields.Float(string="Closed per Week", aggregator="avg", readonly=True, digits=(16, 1))
    lead_time_order_count = fields.Integer(
        string="Orders Finished",
        readonly=True,
        help=f"Orders closed in the last {PERIOD_DAYS} days, rejected and cancelled ones aside: "
        "the lead time is measured on them.",
    )
    lead_time_avg = fields.Float(
        string="Average Lead Time (days)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help=f"Over the orders finished in the last {PERIOD_DAYS} days.",
    )
    lead_time_p90 = fields.Float(
        string="90th Percentile Lead Time (days)",
        aggregator="max",
        readonly=True,
        digits=(16, 1),
        help=f"90% of the orders finished in the last {PERIOD_DAYS} days took at most this long.",
    )
    sla_order_count = fields.Integer(
        string="Orders with an SLA Outcome",
        readonly=True,
        help=f"Open or closed in the last {PERIOD_DAYS} days, with a deadline that was met or breached.",
    )
    sla_met_count = fields.Integer(string="SLA Met", readonly=True)
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help="Share of the orders with an SLA outcome that met their deadline.",
    )
    escalation_count = fields.Integer(
        string="Escalations", readonly=True, help=f"Escalation levels fired in the last {PERIOD_DAYS} days."
    )
    backlog_age_avg = fields.Float(string="Average Backlog Age (days)", aggregator="avg", readonly=True, digits=(16, 1))
    backlog_age_max = fields.Float(string="Oldest Open Order (days)", aggregator="max", readonly=True, digits=(16, 1))
    technician_count = fields.Integer(string="Technicians", readonly=True)
    planned_work_orders = fields.Integer(
        readonly=True,
        help=f"Open work orders planned in the next {PLANNING_DAYS} days.",
    )
    capacity_work_orders = fields.Integer(
        string="Capacity (work orders)",
        readonly=True,
        help=f"Technicians x work orders per technician and day x {WORKING_DAYS_PER_WEEK} working days; "
        "0 when the division sets no daily limit.",
    )
    utilisation = fields.Float(string="Utilisation (%)", aggregator="avg", readonly=True, digits=(16, 1))

    def _query(self):
        return SQL("WITH %s SELECT %s FROM %s WHERE %s", self._with(), self._select(), self._from(), self._where())

    def _with(self):
        """Per division, the figures of its subtree: one part per source."""
        return SQL(
            """
            subtree AS (%(subtree)s),
            orders AS (%(orders)s),
            escalations AS (%(escalations)s),
            planned AS (%(planned)s),
            capacity AS (%(capacity)s)
            """,
            subtree=self._with_subtree(),
            orders=self._with_orders(),
            escalations=self._with_escalations(),
            planned=self._with_planned(),
            capacity=self._with_capacity(),
        )

    def _with_subtree(self):
        """Each division with itself and its descendants as members."""
        return SQL(
            """
            SELECT anc.id AS division_id, child.id AS member_division_id
              FROM telecom_division anc
              JOIN telecom_division child ON child.parent_path LIKE anc.parent_path || %s
            """,
            "%",
        )

    def _with_orders(self):
        """The order analysis' rows of the period, aggregated."""
        return SQL(
            """
            SELECT t.division_id,
                   COUNT(*) FILTER (WHERE NOT r.is_closed) AS open_order_count,
                   COUNT(*) FILTER (WHERE r.is_late) AS late_order_count,
                   COUNT(*) FILTER (WHERE r.closed_recently) AS closed_recent_count,
                   COUNT(*) FILTER (WHERE r.finished_in_period) AS lead_time_order_count,
                   AVG(r.lead_time) FILTER (WHERE r.finished_in_period) AS lead_time_avg,
                   PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY r.lead_time)
                       FILTER (WHERE r.finished_in_period) AS lead_time_p90,
                   COUNT(r.sla_met) AS sla_order_count,
                   COUNT(*) FILTER (WHERE r.sla_status = 'met') AS sla_met_count,
                   AVG(r.sla_met) AS sla_compliance,
                   AVG(r.backlog_age) AS backlog_age_avg,
                   MAX(r.backlog_age) AS backlog_age_max
              FROM (%s) r
              JOIN subtree t ON t.member_division_id = r.division_id
             WHERE r.in_period
          GROUP BY t.division_id
            """,
            self.env["telecom.order.report"]._query(),
        )

    def _with_escalations(self):
        return SQL(
            """
            SELECT t.division_id, COUNT(*) AS escalation_count
              FROM telecom_escalation_event e
              JOIN telecom_order o ON o.id = e.order_id
              JOIN subtree t ON t.member_division_id = o.division_id
             WHERE %s
          GROUP BY t.division_id
            """,
            within_days_sql(SQL("e.date"), PERIOD_DAYS),
        )

    def _with_planned(self):
        return SQL(
            """
            SELECT t.division_id, COUNT(*) AS planned_work_orders
              FROM telecom_work_order w
              JOIN subtree t ON t.member_division_id = w.division_id
             WHERE w.state IN %(open_work_order_states)s
               AND w.planned_start >= NOW() AT TIME ZONE 'UTC'
               AND w.planned_start < NOW() AT TIME ZONE 'UTC' + %(planning)s * INTERVAL '1 day'
          GROUP BY t.division_id
            """,
            open_work_order_states=OPEN_WORK_ORDER_STATES,
            planning=PLANNING_DAYS,
        )

    def _with_capacity(self):
        return SQL(
            """
            SELECT t.division_id,
                   COUNT(DISTINCT (m.division_id, m.user_id)) FILTER (WHERE d.kind = 'technical')
                       AS technician_count,
                   SUM(d.technician_daily_capacity * %s) FILTER (WHERE d.kind = 'technical')
                       AS capacity_work_orders
              FROM subtree t
              JOIN telecom_division d ON d.id = t.member_division_id AND d.active
              JOIN telecom_division_member_rel m ON m.division_id = d.id
          GROUP BY t.division_id
            """,
            WORKING_DAYS_PER_WEEK,
        )

    def _select(self):
        return SQL(
            """
            d.id AS id,
            d.id AS division_id,
            d.complete_name AS complete_name,
            d.parent_id AS parent_id,
            d.manager_id AS manager_id,
            d.company_id AS company_id,
            COALESCE(o.open_order_count, 0) AS open_order_count,
            COALESCE(o.late_order_count, 0) AS late_order_count,
            COALESCE(o.closed_recent_count, 0) AS closed_recent_count,
            COALESCE(o.closed_recent_count, 0) / %s::float AS closed_per_week,
            COALESCE(o.lead_time_order_count, 0) AS lead_time_order_count,
            o.lead_time_avg AS lead_time_avg,
            o.lead_time_p90 AS lead_time_p90,
            COALESCE(o.sla_order_count, 0) AS sla_order_count,
            COALESCE(o.sla_met_count, 0) AS sla_met_count,
            o.sla_compliance AS sla_compliance,
            COALESCE(e.escalation_count, 0) AS escalation_count,
            o.backlog_age_avg AS backlog_age_avg,
            o.backlog_age_max AS backlog_age_max,
            COALESCE(c.technician_count, 0) AS technician_count,
            COALESCE(p.planned_work_orders, 0) AS planned_work_orders,
            COALESCE(c.capacity_work_orders, 0) AS capacity_work_orders,
            CASE WHEN c.capacity_work_orders > 0
                 THEN 100.0 * COALESCE(p.planned_work_orders, 0) / c.capacity_work_orders
            END AS utilisation
            """,
            THROUGHPUT_WEEKS,
        )

    def _from(self):
        return SQL(
            """
            telecom_division d
            LEFT JOIN orders o ON o.division_id = d.id
            LEFT JOIN escalations e ON e.division_id = d.id
            LEFT JOIN planned p ON p.division_id = d.id
            LEFT JOIN capacity c ON c.division_id = d.id
            """
        )

    def _where(self):
        return SQL("d.active")

    def init(self):
        create_report_view(self.env.cr, self._table, self._query())

    def _drill_down(self, xmlid, name, filters, group_by=None):
        """The action `xmlid` on this division's subtree, its filters shown as facets the user can remove."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        context = {"search_default_division_id": self.division_id.id}
        context.update({f"search_default_{name}": 1 for name in filters})
        if group_by:
            context[f"search_default_{group_by}"] = 1
        title = self.env._("%(figure)s: %(division)s", figure=name, division=self.complete_name)
        action.update(name=title, display_name=title)
        action["context"] = context
        return action

    def _orders_action(self, name, filters, group_by=None):
        action = self._drill_down("oms_telecom.telecom_order_report_action", name, filters, group_by)
        # A list of the orders counted, then their analysis.
        action.update(view_mode="list,pivot,graph", views=[(False, "list"), (False, "pivot"), (False, "graph")])
        return action

    def action_open_orders(self):
        return self._orders_action(self.env._("Open Orders"), ["open"])

    def action_late_orders(self):
        return self._orders_action(self.env._("Late Orders"), ["late"])

    def action_backlog_orders(self):
        return self._orders_action(self.env._("Backlog Age"), ["open"])

    def action_closed_orders(self):
        return self._orders_action(self.env._("Recently Closed Orders"), ["closed_recently"])

    def action_lead_time_orders(self):
        return self._orders_action(self.env._("Lead Time"), ["finished_in_period"])

    def action_sla_orders(self):
        return self._orders_action(
            self.env._("SLA Compliance"), ["last_90_days", "sla_met", "sla_breached"], group_by="group_sla_status"
        )

    def action_escalations(self):
        return self._drill_down(
            "oms_telecom.telecom_escalation_event_action", self.env._("Escalations"), ["last_90_days"]
        )

    def action_planned_work_orders(self):
        self.ensure_one()
        now = fields.Datetime.now()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_work_order_action")
        action.update(
            name=self.env._("Planned Work Orders: %s", self.complete_name),
            domain=[
                ("division_id", "child_of", self.division_id.id),
                ("state", "in", OPEN_WORK_ORDER_STATES),
                ("planned_start", ">=", now),
                ("planned_start", "<", fields.Datetime.add(now, days=PLANNING_DAYS)),
            ],
            context={},
        )
        return action
