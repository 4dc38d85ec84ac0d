# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell, on the database the two servers will share (after
seed.py): 10,000 steps with three escalation levels due, events waiting for a
local listener, and copies of the scheduled actions (a second one of each;
of the escalation, one per cron worker), so that both servers run the same
job at the same time. The jobs stay inactive until the
check switches them on. Run by tools/two_servers.sh, not by hand."""

import json
import os
import sys
from datetime import timedelta

from odoo import fields
from odoo.tools import SQL

from .seed import BENCH_PASSWORD

LATE_STEPS = int(os.environ.get("TWO_SERVERS_LATE_STEPS", 10_000))
EVENTS = int(os.environ.get("TWO_SERVERS_EVENTS", 2_000))
ESCALATION_BATCH = 250
EVENT_TYPE = "ProductOrderStateChangeEvent"


def setup(env, listener_url, cron_workers=4):
    now = fields.Datetime.now()
    rules = [env.ref(f"oms_telecom.escalation_rule_{name}").id for name in ("jeopardy", "breach", "parent")]
    plan = {
        str(level): [fields.Datetime.to_string(now - timedelta(hours=4 - level)), rule]
        for level, rule in enumerate(rules, 1)
    }
    env.cr.execute(
        SQL(
            """UPDATE telecom_order_step
                  SET escalation_plan = %s::jsonb, escalation_level = 0, date_next_escalation = %s
                WHERE id IN (SELECT current_order_step_id FROM telecom_order
                              WHERE current_order_step_id IS NOT NULL ORDER BY id LIMIT %s)""",
            json.dumps(plan),
            now - timedelta(hours=3),
            LATE_STEPS,
        )
    )
    # What must fire: every level due of every step due, ours and the seed's own.
    env.cr.execute(
        SQL(
            """SELECT count(*), count(DISTINCT s.id)
                 FROM telecom_order_step s, jsonb_each(s.escalation_plan) AS level(key, due)
                WHERE s.date_next_escalation <= %(now)s AND level.key::int > s.escalation_level
                  AND (level.due->>0)::timestamp <= %(now)s""",
            now=now,
        )
    )
    due_levels, late_steps = env.cr.fetchone()
    env["ir.config_parameter"].set_param("oms_telecom.escalation_batch_size", ESCALATION_BATCH)
    env["ir.config_parameter"].set_param("oms_telecom_api.hub_allowed_hosts", "127.0.0.1")
    env.ref("base.user_admin").password = BENCH_PASSWORD

    listener = env["telecom.api.listener"].create(
        {"name": "Two servers", "callback": listener_url, "event_types": EVENT_TYPE, "backoff_seconds": 1}
    )
    orders = env["telecom.order"].search([("name", "=like", "BENCH/%")], limit=EVENTS)
    events = env["telecom.api.event"]._emit(EVENT_TYPE, orders)

    # The escalation: one copy of the job per cron worker of the two servers, so
    # that each worker runs one and both servers run it, whichever wakes first.
    escalation = env.ref("oms_telecom.ir_cron_telecom_escalation")
    escalation_crons = escalation
    for copy in range(2, cron_workers + 1):
        escalation_crons |= escalation.copy({"name": f"{escalation.name} (copy {copy})"})
    crons = env["ir.cron"]
    for xmlid in ("oms_telecom_api.ir_cron_deliver_events", "oms_telecom.ir_cron_telecom_plan_received_orders"):
        cron = env.ref(xmlid)
        crons |= cron | cron.copy({"name": f"{cron.name} (second job)"})
    (escalation_crons | crons).write({"active": False})
    env.cr.commit()
    result = {
        "late_steps": late_steps,
        "due_levels": due_levels,
        "events": len(events),
        "listener": listener.id,
        "escalation_crons": escalation_crons.ids,
        "delivery_crons": crons[:2].ids,
        "intake_crons": crons[2:].ids,
        "password": BENCH_PASSWORD,
    }
    sys.stdout.write("TWOSERVERS " + json.dumps(result) + "\n")
