"""SQL shared by the analysis views, so that they measure the same way."""

from odoo.tools import SQL, drop_view_if_exists


def sla_met_sql(deadline, end):
    """100 when `end` (now while it is empty) is not after `deadline`, 0 otherwise,
    NULL without a deadline: averaged, it gives the share that met its SLA."""
    return SQL(
        """CASE WHEN %(deadline)s IS NULL THEN NULL
                WHEN COALESCE(%(end)s, NOW() AT TIME ZONE 'UTC') <= %(deadline)s THEN 100.0
                ELSE 0.0
           END""",
        deadline=deadline,
        end=end,
    )


def is_late_sql(deadline, end):
    """Whether `end` (now while it is empty) is past `deadline`; never without one."""
    return SQL(
        "COALESCE(%(deadline)s < COALESCE(%(end)s, NOW() AT TIME ZONE 'UTC'), FALSE)",
        deadline=deadline,
        end=end,
    )


def create_report_view(cr, table, query):
    """(Re)create the view `table` over `query`."""
    drop_view_if_exists(cr, table)
    cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(table), query))
