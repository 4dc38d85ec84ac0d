# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order states are stored under snake_case keys, no longer under TMF622's
camelCase names (which the API still speaks). Run before the models load, so
that no stored value is outside the new selection.

The reports are SQL views, rebuilt on upgrade. Tracking values hold the states'
labels, which are unchanged."""

from odoo.tools import SQL

RENAMED_STATES = {
    "inProgress": "in_progress",
    "assessingCancellation": "assessing_cancellation",
    "pendingCancellation": "pending_cancellation",
}
# Every stored column holding an order state.
STATE_COLUMNS = [
    ("telecom_order", "state"),
    ("telecom_order", "state_before_cancellation"),
    ("telecom_order_stage", "state"),
]
# Models whose domains may name order states.
FILTERED_MODELS = ("telecom.order", "telecom.order.report", "telecom.order.stage")
# Domains a user or a customisation may have saved: (table, domain column, the
# condition selecting rows on FILTERED_MODELS).
DOMAIN_COLUMNS = [
    ("ir_filters", "domain", SQL("model_id IN %s", FILTERED_MODELS)),
    (
        "ir_rule",
        "domain_force",
        SQL("model_id IN (SELECT id FROM ir_model WHERE model IN %s)", FILTERED_MODELS),
    ),
    ("ir_act_window", "domain", SQL("res_model IN %s", FILTERED_MODELS)),
]


def migrate(cr, version):
    for table, column in STATE_COLUMNS:
        for old, new in RENAMED_STATES.items():
            cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(column)s = %(new)s WHERE %(column)s = %(old)s",
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    new=new,
                    old=old,
                )
            )
    for table, column, on_models in DOMAIN_COLUMNS:
        for old, new in RENAMED_STATES.items():
            # Only the quoted name: a value in a domain, not part of a longer word.
            for quote in ("'", '"'):
                cr.execute(
                    SQL(
                        "UPDATE %(table)s SET %(column)s = replace(%(column)s, %(old)s, %(new)s) "
                        "WHERE %(on_models)s AND strpos(%(column)s, %(old)s) > 0",
                        table=SQL.identifier(table),
                        column=SQL.identifier(column),
                        old=f"{quote}{old}{quote}",
                        new=f"{quote}{new}{quote}",
                        on_models=on_models,
                    )
                )
