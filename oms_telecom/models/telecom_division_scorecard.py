from odoo import fields, models
from odoo.tools import SQL, drop_view_if_exists

from .telecom_work_order import OPEN_WORK_ORDER_STATES

# The periods the scorecard looks back (or ahead, for the technicians' load) over.
THROUGHPUT_WEEKS = 4
LEAD_TIME_DAYS = 90
PLANNING_DAYS = 7
WORKING_DAYS_PER_WEEK = 5


class TelecomDivisionScorecard(models.Model):
    """One card per division, with its sub-divisions rolled up: open orders,
    throughput, lead time, SLA, escalations, backlog age and the technicians'
    load against their capacity."""

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
    late_order_count = fields.Integer(string="Late Open Orders", readonly=True)
    closed_recent_count = fields.Integer(
        string="Closed (4 weeks)", readonly=True, help=f"Orders closed in the last {THROUGHPUT_WEEKS} weeks."
    )
    closed_per_week = fields.Float(string="Closed per Week", aggregator="avg", readonly=True, digits=(16, 1))
    lead_time_avg = fields.Float(
        string="Average Lead Time (days)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help=f"Over the orders closed in the last {LEAD_TIME_DAYS} days.",
    )
    lead_time_p90 = fields.Float(
        string="90th Percentile Lead Time (days)",
        aggregator="max",
        readonly=True,
        digits=(16, 1),
        help=f"90% of the orders closed in the last {LEAD_TIME_DAYS} days took at most this long.",
    )
    sla_compliance = fields.Float(
        string="SLA Compliance (%)",
        aggregator="avg",
        readonly=True,
        digits=(16, 1),
        help=f"Share of the orders closed in the last {LEAD_TIME_DAYS} days with a deadline that met it.",
    )
    escalation_count = fields.Integer(
        string="Escalations", readonly=True, help=f"Escalation levels fired in the last {LEAD_TIME_DAYS} days."
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
        return SQL(
            """
            WITH now_utc AS (SELECT NOW() AT TIME ZONE 'UTC' AS now),
            subtree AS (
                SELECT anc.id AS division_id, child.id AS member_division_id
                  FROM telecom_division anc
                  JOIN telecom_division child ON child.parent_path LIKE anc.parent_path || %(any)s
            ),
            orders AS (
                SELECT t.division_id,
                       COUNT(*) FILTER (WHERE NOT o.is_closed) AS open_order_count,
                       COUNT(*) FILTER (WHERE NOT o.is_closed AND o.date_deadline < n.now) AS late_order_count,
                       COUNT(*) FILTER (WHERE o.date_closed >= n.now - %(weeks)s * INTERVAL '7 days')
                           AS closed_recent_count,
                       AVG(EXTRACT(EPOCH FROM o.date_closed - COALESCE(o.date_submitted, o.create_date)) / 86400.0)
                           FILTER (WHERE o.date_closed >= n.now - %(days)s * INTERVAL '1 day') AS lead_time_avg,
                       PERCENTILE_CONT(0.9) WITHIN GROUP (
                           ORDER BY EXTRACT(EPOCH FROM o.date_closed - COALESCE(o.date_submitted, o.create_date))
                                    / 86400.0)
                           FILTER (WHERE o.date_closed >= n.now - %(days)s * INTERVAL '1 day') AS lead_time_p90,
                       100.0 * AVG(CASE WHEN o.date_closed <= o.date_deadline THEN 1 ELSE 0 END)
                           FILTER (WHERE o.date_closed >= n.now - %(days)s * INTERVAL '1 day'
                                     AND o.date_deadline IS NOT NULL) AS sla_compliance,
                       AVG(EXTRACT(EPOCH FROM n.now - COALESCE(o.date_submitted, o.create_date)) / 86400.0)
                           FILTER (WHERE NOT o.is_closed) AS backlog_age_avg,
                       MAX(EXTRACT(EPOCH FROM n.now - COALESCE(o.date_submitted, o.create_date)) / 86400.0)
                           FILTER (WHERE NOT o.is_closed) AS backlog_age_max
                  FROM telecom_order o
                  JOIN subtree t ON t.member_division_id = o.division_id
                 CROSS JOIN now_utc n
                 WHERE NOT o.is_closed
                    OR o.date_closed >= n.now - GREATEST(%(days)s, %(weeks)s * 7) * INTERVAL '1 day'
              GROUP BY t.division_id
            ),
            escalations AS (
                SELECT t.division_id, COUNT(*) AS escalation_count
                  FROM telecom_escalation_event e
                  JOIN telecom_order o ON o.id = e.order_id
                  JOIN subtree t ON t.member_division_id = o.division_id
                 CROSS JOIN now_utc n
                 WHERE e.date >= n.now - %(days)s * INTERVAL '1 day'
              GROUP BY t.division_id
            ),
            planned AS (
                SELECT t.division_id, COUNT(*) AS planned_work_orders
                  FROM telecom_work_order w
                  JOIN subtree t ON t.member_division_id = w.division_id
                 CROSS JOIN now_utc n
                 WHERE w.state IN %(open_work_order_states)s
                   AND w.planned_start >= n.now
                   AND w.planned_start < n.now + %(planning)s * INTERVAL '1 day'
              GROUP BY t.division_id
            ),
            capacity AS (
                SELECT t.division_id,
                       COUNT(DISTINCT (m.division_id, m.user_id)) FILTER (WHERE d.kind = 'technical')
                           AS technician_count,
                       SUM(d.technician_daily_capacity * %(working_days)s) FILTER (WHERE d.kind = 'technical')
                           AS capacity_work_orders
                  FROM subtree t
                  JOIN telecom_division d ON d.id = t.member_division_id AND d.active
                  JOIN telecom_division_member_rel m ON m.division_id = d.id
              GROUP BY t.division_id
            )
            SELECT d.id AS id,
                   d.id AS division_id,
                   d.complete_name AS complete_name,
                   d.parent_id AS parent_id,
                   d.manager_id AS manager_id,
                   d.company_id AS company_id,
                   COALESCE(o.open_order_count, 0) AS open_order_count,
                   COALESCE(o.late_order_count, 0) AS late_order_count,
                   COALESCE(o.closed_recent_count, 0) AS closed_recent_count,
                   COALESCE(o.closed_recent_count, 0) / %(weeks)s::float AS closed_per_week,
                   o.lead_time_avg AS lead_time_avg,
                   o.lead_time_p90 AS lead_time_p90,
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
              FROM telecom_division d
         LEFT JOIN orders o ON o.division_id = d.id
         LEFT JOIN escalations e ON e.division_id = d.id
         LEFT JOIN planned p ON p.division_id = d.id
         LEFT JOIN capacity c ON c.division_id = d.id
             WHERE d.active
            """,
            any="%",
            weeks=THROUGHPUT_WEEKS,
            days=LEAD_TIME_DAYS,
            planning=PLANNING_DAYS,
            working_days=WORKING_DAYS_PER_WEEK,
            open_work_order_states=OPEN_WORK_ORDER_STATES,
        )

    def init(self):
        drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    def _orders_action(self, name, domain):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_report_action")
        action.update(
            name=name,
            domain=[("division_id", "child_of", self.division_id.id), *domain],
            context={},
            view_mode="list,pivot,graph",
            views=[(False, "list"), (False, "pivot"), (False, "graph")],
        )
        return action

    def action_open_orders(self):
        return self._orders_action(self.env._("Open Orders: %s", self.complete_name), [("is_closed", "=", False)])

    def action_late_orders(self):
        return self._orders_action(
            self.env._("Late Orders: %s", self.complete_name), [("is_closed", "=", False), ("is_late", "=", True)]
        )

    def action_closed_orders(self):
        since = fields.Datetime.subtract(fields.Datetime.now(), weeks=THROUGHPUT_WEEKS)
        return self._orders_action(
            self.env._("Recently Closed Orders: %s", self.complete_name), [("date_closed", ">=", since)]
        )

    def action_lead_time_orders(self):
        since = fields.Datetime.subtract(fields.Datetime.now(), days=LEAD_TIME_DAYS)
        return self._orders_action(
            self.env._(
                "Orders Closed in %(days)s Days: %(division)s", days=LEAD_TIME_DAYS, division=self.complete_name
            ),
            [("date_closed", ">=", since)],
        )

    def action_escalated_orders(self):
        since = fields.Datetime.subtract(fields.Datetime.now(), days=LEAD_TIME_DAYS)
        events = self.env["telecom.escalation.event"].search(
            [("order_id.division_id", "child_of", self.division_id.id), ("date", ">=", since)]
        )
        return self._orders_action(
            self.env._("Escalated Orders: %s", self.complete_name), [("id", "in", events.order_id.ids)]
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
