# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .telecom_order import ORDER_TYPES
from .telecom_order_step import ORDER_STEP_STATES
from .telecom_report_sql import SLA_STATUSES, create_report_view, sla_met_sql, sla_status_sql
from .telecom_scenario_step_branch import STEP_OUTCOMES


class TelecomOrderStepReport(models.Model):
    """One row per passage of an order through a scenario step: how long it
    took, how long it waited for the customer, whether it met its SLA; where
    orders get stuck. Odoo aggregates sums, averages, minima and maxima; the
    median and 90th percentile are computed by PostgreSQL per scenario step and
    division over the finished passages and repeated on each row (aggregated
    with max): they are exact when the analysis is grouped by step and division
    and only an upper bound of the groups' percentiles otherwise."""

    _name = "telecom.order.step.report"
    _description = "Step Analysis"
    _auto = False
    _rec_name = "name"
    _order = "date_start desc"

    order_step_id = fields.Many2one("telecom.order.step", readonly=True)
    order_id = fields.Many2one("telecom.order", readonly=True)
    name = fields.Char(string="Step", readonly=True)
    scenario_id = fields.Many2one("telecom.scenario", readonly=True)
    scenario_step_id = fields.Many2one("telecom.scenario.step", readonly=True)
    order_type = fields.Selection(ORDER_TYPES, readonly=True)
    division_id = fields.Many2one("telecom.division", readonly=True)
    user_id = fields.Many2one("res.users", string="Responsible", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    state = fields.Selection(ORDER_STEP_STATES, string="Status", readonly=True)
    outcome = fields.Selection([("done", "Done"), ("skipped", "Skipped"), *STEP_OUTCOMES], readonly=True)
    attempt = fields.Integer(string="Attempts", aggregator="max", readonly=True)
    date_start = fields.Datetime(string="Started on", readonly=True)
    date_end = fields.Datetime(string="Ended on", readonly=True)
    duration = fields.Float(
        string="Duration (hours)",
        aggregator="avg",
        readonly=True,
        help="From start to end, waiting included; up to now for the open steps.",
    )
    working_hours = fields.Float(aggregator="avg", readonly=True)
    waiting_hours = fields.Float(string="Waiting for Customer (hours)", aggregator="avg", readonly=True)
    sla_hours = fields.Float(string="SLA (working hours)", aggregator="avg", readonly=True)
    sla_status = fields.Selection(SLA_STATUSES, string="SLA", readonly=True)
    sla_met = fields.Float(
        string="SLA Met (%)",
        aggregator="avg",
        readonly=True,
        help="100 when the step ended by its deadline, 0 when it ended after it or is still running past it; "
        "steps without a deadline or not due yet do not count.",
    )
    is_late = fields.Boolean(string="SLA Breached", readonly=True)
    is_open = fields.Boolean(string="Open", readonly=True)
    escalation_level = fields.Integer(aggregator="max", readonly=True)
    median_duration = fields.Float(
        string="Median Duration (hours)",
        aggregator="max",
        readonly=True,
        help="Median duration of the finished passages of this step in this division.",
    )
    p90_duration = fields.Float(
        string="90th Percentile Duration (hours)",
        aggregator="max",
        readonly=True,
        help="90% of the finished passages of this step in this division took at most this long.",
    )

    def _query(self):
        return SQL("WITH %s SELECT %s FROM %s", self._with(), self._select(), self._from())

    def _with(self):
        """The duration percentiles of the finished passages, per scenario step and division."""
        return SQL(
            """
            percentiles AS (
                SELECT COALESCE(scenario_step_id, 0) AS scenario_step_key,
                       COALESCE(division_id, 0) AS division_key,
                       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY duration) AS median_duration,
                       PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY duration) AS p90_duration
                  FROM telecom_order_step
                 WHERE date_end IS NOT NULL
              GROUP BY 1, 2
            )
            """
        )

    def _select(self):
        sla_status = sla_status_sql(SQL("st.date_deadline"), SQL("st.date_end"))
        return SQL(
            """
            st.id AS id,
            st.id AS order_step_id,
            st.order_id AS order_id,
            st.name AS name,
            st.scenario_id AS scenario_id,
            st.scenario_step_id AS scenario_step_id,
            o.order_type AS order_type,
            st.division_id AS division_id,
            st.user_id AS user_id,
            st.company_id AS company_id,
            st.state AS state,
            st.outcome AS outcome,
            st.attempt AS attempt,
            st.date_start AS date_start,
            st.date_end AS date_end,
            CASE WHEN st.date_end IS NOT NULL THEN st.duration
                 ELSE EXTRACT(EPOCH FROM (NOW() AT TIME ZONE 'UTC') - st.date_start) / 3600.0
            END AS duration,
            st.working_hours AS working_hours,
            st.pending_duration AS waiting_hours,
            st.sla_hours AS sla_hours,
            %(sla_status)s AS sla_status,
            %(sla_met)s AS sla_met,
            COALESCE(%(sla_status)s = 'breached', FALSE) AS is_late,
            st.date_end IS NULL AS is_open,
            st.escalation_level AS escalation_level,
            pc.median_duration AS median_duration,
            pc.p90_duration AS p90_duration
            """,
            sla_status=sla_status,
            sla_met=sla_met_sql(sla_status),
        )

    def _from(self):
        return SQL(
            """
            telecom_order_step st
            JOIN telecom_order o ON o.id = st.order_id
            LEFT JOIN percentiles pc ON pc.scenario_step_key = COALESCE(st.scenario_step_id, 0)
                                    AND pc.division_key = COALESCE(st.division_id, 0)
            """
        )

    def init(self):
        create_report_view(self.env.cr, self._table, self._query())

    def action_open_order(self):
        self.ensure_one()
        return self.order_id.get_formview_action()
