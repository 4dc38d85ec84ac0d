# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .telecom_order import CHANNELS, ORDER_TYPES
from .telecom_order_state import ORDER_STATES
from .telecom_report_sql import (
    PERIOD_DAYS,
    SLA_STATUSES,
    THROUGHPUT_WEEKS,
    WITHDRAWN_STATES,
    create_report_view,
    days_between_sql,
    is_late_sql,
    now_sql,
    sla_met_sql,
    sla_status_sql,
    within_days_sql,
)

# Outcomes and failed work orders that mean the order was not right the first time.
REWORK_STEP_OUTCOMES = ("line_test_failed",)
REWORK_WORK_ORDER_KINDS = ("line_test", "repair")


class TelecomOrderReport(models.Model):
    """One row per order with the figures managers analyse: lead time, time
    waiting for the customer, SLA, escalations, work orders, first-time-right.
    A view over the orders, always up to date; the step and work order figures
    are aggregated per order in subqueries PostgreSQL drops when a query does
    not use them (counting orders per division and month reads the orders only)."""

    _name = "telecom.order.report"
    _description = "Order Analysis"
    _auto = False
    _rec_name = "name"
    _order = "date_created desc"

    order_id = fields.Many2one("telecom.order", readonly=True)
    name = fields.Char(string="Reference", readonly=True)
    order_type = fields.Selection(ORDER_TYPES, string="Type", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    scenario_id = fields.Many2one("telecom.scenario", readonly=True)
    state = fields.Selection(ORDER_STATES, string="Status", readonly=True)
    is_closed = fields.Boolean(string="Closed", readonly=True)
    division_id = fields.Many2one("telecom.division", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Subscriber", readonly=True)
    premises_id = fields.Many2one("telecom.premises", readonly=True)
    city = fields.Char(readonly=True)
    district = fields.Char(readonly=True)
    street = fields.Char(readonly=True)
    subscriber_kind = fields.Selection([("individual", "Individual"), ("company", "Legal Entity")], readonly=True)
    uncovered_address = fields.Boolean(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_created = fields.Datetime(string="Created on", readonly=True)
    date_submitted = fields.Datetime(string="Submitted on", readonly=True)
    date_closed = fields.Datetime(string="Closed on", readonly=True)
    date_deadline = fields.Datetime(string="Deadline", readonly=True)
    lead_time = fields.Float(
        string="Lead Time (days)",
        aggregator="avg",
        readonly=True,
        help="From submission (or creation) to closing; empty while the order is open or when it was withdrawn.",
    )
    backlog_age = fields.Float(
        string="Backlog Age (days)",
        aggregator="avg",
        readonly=True,
        help="Since submission (or creation), for the open orders.",
    )
    waiting_hours = fields.Float(
        string="Waiting for Customer (hours)",
        aggregator="avg",
        readonly=True,
        help="Time the steps waited for the customer, the SLA clock stopped.",
    )
    held_hours = fields.Float(
        string="Time Held (hours)",
        aggregator="avg",
        readonly=True,
        help="Time the order was held inside (state held), summed over its steps.",
    )
    sla_status = fields.Selection(
        SLA_STATUSES,
        string="SLA",
        readonly=True,
        help="Met: closed by its deadline. Breached: closed after it, or open and past it. "
        "Not Due Yet: open before its deadline. Empty without a deadline or when the order was withdrawn.",
    )
    sla_met = fields.Float(
        string="SLA Met (%)",
        aggregator="avg",
        readonly=True,
        help="100 when the SLA was met, 0 when it was breached; empty (not counted) otherwise.",
    )
    is_late = fields.Boolean(string="Late", readonly=True, help="Open and past its deadline.")
    in_period = fields.Boolean(
        string=f"Open or Closed in the Last {PERIOD_DAYS} Days",
        readonly=True,
        help="The orders the division scorecard measures.",
    )
    closed_recently = fields.Boolean(string=f"Closed in the Last {THROUGHPUT_WEEKS} Weeks", readonly=True)
    finished_in_period = fields.Boolean(
        string=f"Finished in the Last {PERIOD_DAYS} Days",
        readonly=True,
        help=f"Closed in the last {PERIOD_DAYS} days and not withdrawn: the orders whose lead time counts.",
    )
    escalation_level = fields.Integer(aggregator="max", readonly=True)
    escalation_count = fields.Integer(string="Escalations", readonly=True)
    work_order_count = fields.Integer(string="Work Orders", readonly=True)
    first_time_right = fields.Float(
        string="First Time Right (%)",
        aggregator="avg",
        readonly=True,
        help="100 when no line test or repair failed and no step ended with a failed line test.",
    )

    def _query(self):
        """One row per order; the division scorecard aggregates these rows."""
        return SQL("SELECT %s FROM %s", self._select(), self._from())

    def _select(self):
        return SQL("%s, %s", self._select_order(), self._select_figures())

    def _select_order(self):
        """The order's own columns and its address."""
        return SQL(
            """
            o.id AS id,
            o.id AS order_id,
            o.name AS name,
            o.order_type AS order_type,
            o.channel AS channel,
            o.scenario_id AS scenario_id,
            o.state AS state,
            o.is_closed AS is_closed,
            o.division_id AS division_id,
            o.user_id AS user_id,
            o.partner_id AS partner_id,
            o.premises_id AS premises_id,
            p.city AS city,
            p.district AS district,
            p.street AS street,
            o.subscriber_kind AS subscriber_kind,
            o.uncovered_address AS uncovered_address,
            o.company_id AS company_id,
            o.create_date AS date_created,
            o.date_submitted AS date_submitted,
            o.date_closed AS date_closed,
            o.date_deadline AS date_deadline
            """
        )

    def _select_figures(self):
        """The figures as telecom_report_sql defines them, and those of the steps and work orders."""
        start = SQL("COALESCE(o.date_submitted, o.create_date)")
        counted = SQL("o.state NOT IN %s", WITHDRAWN_STATES)
        sla_status = sla_status_sql(SQL("o.date_deadline"), SQL("o.date_closed"), counted)
        return SQL(
            """
            CASE WHEN o.is_closed AND %(counted)s THEN %(lead_time)s END AS lead_time,
            CASE WHEN NOT o.is_closed THEN %(backlog_age)s END AS backlog_age,
            COALESCE(s.waiting_hours, 0.0) AS waiting_hours,
            COALESCE(s.held_hours, 0.0) AS held_hours,
            %(sla_status)s AS sla_status,
            %(sla_met)s AS sla_met,
            %(is_late)s AS is_late,
            NOT o.is_closed OR %(closed_in_period)s AS in_period,
            o.is_closed AND %(closed_recently)s AS closed_recently,
            o.is_closed AND %(counted)s AND %(closed_in_period)s AS finished_in_period,
            COALESCE(s.escalation_level, 0) AS escalation_level,
            COALESCE(e.escalation_count, 0) AS escalation_count,
            COALESCE(w.work_order_count, 0) AS work_order_count,
            CASE WHEN COALESCE(s.rework, FALSE) OR COALESCE(w.rework, FALSE) THEN 0.0 ELSE 100.0
            END AS first_time_right
            """,
            counted=counted,
            lead_time=days_between_sql(start, SQL("o.date_closed")),
            backlog_age=days_between_sql(start, now_sql()),
            sla_status=sla_status,
            sla_met=sla_met_sql(sla_status),
            is_late=is_late_sql(SQL("o.date_deadline"), SQL("NOT o.is_closed")),
            closed_in_period=within_days_sql(SQL("o.date_closed"), PERIOD_DAYS),
            closed_recently=within_days_sql(SQL("o.date_closed"), THROUGHPUT_WEEKS * 7),
        )

    def _from(self):
        return SQL(
            """
            telecom_order o
            LEFT JOIN telecom_premises p ON p.id = o.premises_id
            LEFT JOIN (%(steps)s) s ON s.order_id = o.id
            LEFT JOIN (%(escalations)s) e ON e.order_id = o.id
            LEFT JOIN (%(work_orders)s) w ON w.order_id = o.id
            """,
            steps=self._from_step_figures(),
            escalations=self._from_escalation_figures(),
            work_orders=self._from_work_order_figures(),
        )

    # One row per order in each subquery, so that PostgreSQL drops its join when
    # a query reads none of its columns.

    def _from_step_figures(self):
        return SQL(
            """
            SELECT order_id,
                   SUM(pending_duration) AS waiting_hours,
                   SUM(COALESCE(held_duration, 0)) AS held_hours,
                   MAX(escalation_level) AS escalation_level,
                   BOOL_OR(outcome IN %s) AS rework
              FROM telecom_order_step
          GROUP BY order_id
            """,
            REWORK_STEP_OUTCOMES,
        )

    def _from_escalation_figures(self):
        return SQL("SELECT order_id, COUNT(*) AS escalation_count FROM telecom_escalation_event GROUP BY order_id")

    def _from_work_order_figures(self):
        return SQL(
            """
            SELECT order_id,
                   COUNT(*) FILTER (WHERE state != 'cancelled') AS work_order_count,
                   BOOL_OR(state = 'failed' AND kind IN %s) AS rework
              FROM telecom_work_order
          GROUP BY order_id
            """,
            REWORK_WORK_ORDER_KINDS,
        )

    def init(self):
        # What the analysis groups by most: division and creation month, closing date.
        tools.create_index(
            self.env.cr, "telecom_order_report_division_create_idx", "telecom_order", ["division_id", "create_date"]
        )
        tools.create_index(self.env.cr, "telecom_order_report_create_idx", "telecom_order", ["create_date"])
        create_report_view(self.env.cr, self._table, self._query())

    def action_open_order(self):
        self.ensure_one()
        return self.order_id.get_formview_action()
