# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one definition of the managers' figures, shared by the analyses and the
division scorecard (which aggregates the order analysis' rows):

- late: an open order (or a running step) past its deadline, as the order list's "Late";
- SLA met / breached: met when it ended by its deadline, breached when it ended after
  it or, still open, is past it; not decided yet while open before its deadline, and
  not counted without a deadline or when the order was withdrawn (rejected, cancelled);
- lead time: from submission (or creation) to closing, withdrawn orders aside;
- the period: the orders still open and those closed in the last PERIOD_DAYS days.

Each report's `_query` assembles small methods, as core's sale.report does: `_with`
(its common table expressions), `_select`, `_from` and `_where`. Another addon adds a
column by extending `_select` (and `_from` for what it joins), e.g.
`SQL("%s, o.priority AS priority", super()._select())` on the order analysis.
"""

from odoo.tools import SQL, drop_view_if_exists

PERIOD_DAYS = 90
THROUGHPUT_WEEKS = 4
# Orders withdrawn before delivery: no SLA outcome, no lead time.
WITHDRAWN_STATES = ("rejected", "cancelled")

SLA_STATUSES = [("met", "Met"), ("breached", "Breached"), ("running", "Not Due Yet")]


def now_sql():
    return SQL("(NOW() AT TIME ZONE 'UTC')")


def sla_status_sql(deadline, end, counted=None):
    """'met', 'breached' or 'running' (open before its deadline); NULL without a
    deadline or when `counted` (an SQL condition) is false."""
    return SQL(
        """CASE WHEN %(deadline)s IS NULL OR NOT %(counted)s THEN NULL
                WHEN %(end)s IS NOT NULL AND %(end)s <= %(deadline)s THEN 'met'
                WHEN COALESCE(%(end)s, %(now)s) > %(deadline)s THEN 'breached'
                ELSE 'running'
           END""",
        deadline=deadline,
        end=end,
        counted=counted or SQL("TRUE"),
        now=now_sql(),
    )


def sla_met_sql(status):
    """100 when met, 0 when breached, NULL otherwise: averaged, the share that met its SLA."""
    return SQL(
        "CASE %(status)s WHEN 'met' THEN 100.0 WHEN 'breached' THEN 0.0 END",
        status=status,
    )


def is_late_sql(deadline, is_open):
    """Open and past the deadline (the order's is_late)."""
    return SQL(
        "COALESCE(%(is_open)s AND %(deadline)s < %(now)s, FALSE)",
        deadline=deadline,
        is_open=is_open,
        now=now_sql(),
    )


def days_between_sql(start, end):
    return SQL("EXTRACT(EPOCH FROM %(end)s - %(start)s) / 86400.0", start=start, end=end)


def within_days_sql(date, days):
    """`date` is in the last `days` days."""
    return SQL(
        "COALESCE(%(date)s >= %(now)s - %(days)s * INTERVAL '1 day', FALSE)", date=date, days=days, now=now_sql()
    )


def create_report_view(cr, table, query):
    """(Re)create the view `table` over `query`."""
    drop_view_if_exists(cr, table)
    cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(table), query))
