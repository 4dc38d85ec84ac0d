# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell: an operator's volume on the bench database. Run by
bench.sh, not by hand.

A few dozen template orders of every type go through the real ORM paths
(create, action_submit, action_next_step): scenario, steps, work orders,
routing. Volume is then copied from them in SQL, a handful of INSERT ...
SELECT statements (orders, lines, steps, work orders), each copy with its own
subscriber, premises, division, state and dates; subscribers and helpdesk
tickets likewise. The ORM creates the rest, premises included (2,000, 50,000
at full scale): their address keys are computed as in production, and 5,000
took 2.2 s where copying them in SQL took 0.8 s.

Why not the ORM, or Odoo's `populate`, for the volume (measured on the small
scale, 2 cores): 1,000 connection orders created, submitted and half of them
moved one step by the ORM took 73 s, where the 10,000 orders, lines, steps and
work orders below take 8 s in SQL (the full scale's 100,000, extrapolated:
two hours against 80 s). `odoo-bin populate` (odoo/tools/populate.py) is SQL too
and fast (the 32 templates to 10,016 orders in 0.9 s), but it duplicates every
row of a table as it is: all copies keep the template's subscriber, premises
and state, steps and work orders are not copied (their one2many do not copy),
and it renames the existing rows. The portal, escalation, kanban and routing
measures need the spread set below (many and few orders per subscriber, 80%
open, 5% late, a current step and its escalation plan per order)."""

import json
import sys
import time
from datetime import timedelta

from odoo import Command, fields
from odoo.tools import SQL

SCALES = {
    "small": {"subscribers": 5_000, "orders": 10_000, "towns": 2},
    "full": {"subscribers": 50_000, "orders": 100_000, "towns": 50},
}
PREMISES_PER_TOWN = 1000
DIVISIONS = 20
# The portal is compared for a subscriber with few orders and one with many.
FEW_ORDERS, MANY_ORDERS = 50, 5000
# Twenty slots: what share of the orders is in which state (80% open).
STATE_CYCLE = ["in_progress"] * 8 + ["acknowledged"] * 4 + ["pending", "pending", "held", "held"]
STATE_CYCLE += ["completed", "completed", "cancelled", "failed"]
# One slot in twenty is late: 5% of the orders, 6.25% of the open ones.
LATE_SLOT = 1
STEP_STATE = {"pending": "pending", "held": "held", "failed": "failed"}
BENCH_PASSWORD = "bench-password"  # noqa: S105 (users of a throwaway database)
NO_TRACKING = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "mail_create_nosubscribe": True,
}


def seed(env, scale="small"):
    """Seed the database and print "SEED <json>": counts, seconds, fixtures."""
    sizes = SCALES[scale]
    started = time.perf_counter()
    env = env(context=dict(env.context, **NO_TRACKING))
    world = _phase("divisions, users, premises", _world, env, sizes["towns"])
    partner_ids = _phase("subscribers", _subscribers, env, sizes["subscribers"])
    portal = _portal_users(env, partner_ids[:2])
    templates = _phase("template orders", _template_orders, env, world)
    env.flush_all()
    orders = _phase("orders", _copy_orders, env, world, templates, partner_ids, sizes["orders"])
    tickets = _phase("helpdesk tickets", _helpdesk_tickets, env, partner_ids[:2]) if "helpdesk.ticket" in env else 0
    env.cr.commit()  # the bench's servers read the seed from their own transactions
    # Planner statistics, as a live database has them; committed, or the shell's
    # closing rollback drops them with the transaction.
    env.cr.execute("ANALYZE")
    env.cr.commit()
    result = {
        "scale": scale,
        "seed_seconds": round(time.perf_counter() - started, 1),
        "subscribers": len(partner_ids),
        "premises": len(world["premises"]),
        "divisions": len(world["divisions"]),
        "orders": orders + len(templates),
        "tickets": tickets,
        **_counts(env),
        "few_orders_login": portal[0],
        "many_orders_login": portal[1],
        "few_orders_partner": partner_ids[0],
        "many_orders_partner": partner_ids[1],
        "manager_login": world["manager_login"],
        "password": BENCH_PASSWORD,
    }
    sys.stdout.write("SEED " + json.dumps(result) + "\n")


def _phase(label, function, *args):
    started = time.perf_counter()
    result = function(*args)
    sys.stderr.write(f"seeded {label} in {time.perf_counter() - started:.1f} s\n")
    return result


def _counts(env):
    env.cr.execute(
        """SELECT (SELECT count(*) FROM telecom_order_step), (SELECT count(*) FROM telecom_work_order),
                  (SELECT count(*) FROM telecom_order WHERE NOT is_closed),
                  (SELECT count(*) FROM telecom_order_step WHERE date_next_escalation <= now() AT TIME ZONE 'UTC')"""
    )
    steps, work_orders, open_orders, late_steps = env.cr.fetchone()
    return {"steps": steps, "work_orders": work_orders, "open_orders": open_orders, "late_steps": late_steps}


def _user(env, login, name, groups, password=None):
    values = {
        "login": login,
        "name": name,
        "email": f"{login}@example.com",
        "groups_id": [Command.set([env.ref(group).id for group in groups])],
    }
    if password:  # hashing one takes a while: only the users who log in have one
        values["password"] = password
    return env["res.users"].with_context(no_reset_password=True).create(values)


def _world(env, towns):
    """Divisions (a root, sales, support and technical ones sharing the towns),
    their members, coverage by town, a catalogue and the premises."""
    Division = env["telecom.division"]
    groups = ["oms_telecom.group_oms_manager"]
    if "helpdesk.ticket" in env:
        groups.append("helpdesk_mgmt.group_helpdesk_manager")
    manager = _user(env, "bench_manager", "Bench Manager", groups, BENCH_PASSWORD)
    root = Division.create({"name": "Bench Operator", "kind": "sales", "manager_id": manager.id})
    kinds = ["sales"] * 9 + ["support"] * 5 + ["technical"] * 5
    divisions = root
    for index, kind in enumerate(kinds):
        group = "oms_telecom.group_oms_technician" if kind == "technical" else "oms_telecom.group_oms_operator"
        members = [
            _user(env, f"bench_{kind}_{index}_{member}", f"Bench {kind} {index}.{member}", [group])
            for member in range(2)
        ]
        divisions |= Division.create(
            {
                "name": f"Bench {kind.title()} {index}",
                "kind": kind,
                "parent_id": root.id,
                "manager_id": manager.id,
                "member_ids": [Command.set([user.id for user in members])],
            }
        )
    country = env.ref("base.be")
    by_kind = {
        kind: divisions.filtered(lambda division, kind=kind: division.kind == kind and division != root)
        for kind in set(kinds)
    }
    env["telecom.coverage.area"].create(
        [
            {
                "division_id": by_kind[kind][town % len(by_kind[kind])].id,
                "level": "city",
                "country_id": country.id,
                "city": f"Town {town}",
            }
            for town in range(towns)
            for kind in by_kind
        ]
    )
    premises = _premises(env, country, towns)
    fiber, phone = env["product.template"].create(
        [
            {
                "name": "Bench Fiber",
                "type": "service",
                "is_telecom_service": True,
                "telecom_family": "internet",
                "telecom_monthly_price": 30.0,
                "telecom_installation_fee": 50.0,
                "telecom_parameters_definition": [
                    {"name": "bandwidth", "string": "Bandwidth", "type": "integer", "default": 100}
                ],
            },
            {
                "name": "Bench Phone",
                "type": "service",
                "is_telecom_service": True,
                "telecom_family": "telephony",
                "telecom_monthly_price": 10.0,
                "telecom_needs_installation": False,
            },
        ]
    )
    return {
        "divisions": divisions,
        "by_kind": by_kind,
        "premises": premises,
        "fiber": fiber.product_variant_id,
        "phone": phone.product_variant_id,
        "manager_login": manager.login,
    }


def _subscribers(env, count):
    """Individual subscribers, inserted in one statement from one created by the ORM."""
    template = env["res.partner"].create(
        {
            "name": "Bench Subscriber",
            "email": "subscriber@example.com",
            "phone": "+32 470 000 000",
            "is_telecom_subscriber": True,
        }
    )
    env.flush_all()
    name = SQL("'Subscriber ' || lpad(g.n::text, 6, '0')")
    phone = SQL("'+32 47' || lpad(g.n::text, 7, '0')")
    ids = _insert_copies(
        env,
        "res_partner",
        SQL("generate_series(0, %s) AS g(n) JOIN res_partner src ON src.id = %s", count - 2, template.id),
        {
            "name": name,
            "complete_name": name,
            "email": SQL("'subscriber' || g.n || '@example.com'"),
            "email_normalized": SQL("'subscriber' || g.n || '@example.com'"),
            "phone_sanitized": SQL("'+3247' || lpad(g.n::text, 7, '0')"),
            "phone": phone,
            "phone_digits": SQL("'3247' || lpad(g.n::text, 7, '0')"),
            "subscriber_account": SQL("'BENCH' || lpad(g.n::text, 7, '0')"),
            "commercial_partner_id": SQL("NULL"),
        },
    )
    env.cr.execute(SQL("UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)", ids))
    env.invalidate_all()
    return [template.id, *ids]


def _portal_users(env, partner_ids):
    """Portal logins of the subscribers with few and with many orders."""
    logins = []
    for partner, label in zip(env["res.partner"].browse(partner_ids), ("few", "many"), strict=True):
        user = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "login": f"bench_portal_{label}",
                    "password": BENCH_PASSWORD,
                    "partner_id": partner.id,
                    "groups_id": [Command.set([env.ref("base.group_portal").id])],
                }
            )
        )
        logins.append(user.login)
    return logins


def _template_orders(env, world):
    """Orders of every type through the real paths: created, submitted, moved on
    one or two steps (which creates the work orders), by the manager."""
    manager = env["res.users"].search([("login", "=", world["manager_login"])])
    Order = env["telecom.order"].with_user(manager)
    partner = env["res.partner"].create(
        {"name": "Bench Template", "email": "template@example.com", "is_telecom_subscriber": True}
    )
    services = _active_services(env, partner, world)
    vals_list = []
    for index in range(8):
        premises = world["premises"][index]
        vals_list += [
            {
                "partner_id": partner.id,
                "premises_id": premises.id,
                "order_type": "connection",
                "line_ids": [
                    Command.create({"product_id": world["fiber"].id, "parameters": {"bandwidth": 500}}),
                    Command.create({"product_id": world["phone"].id}),
                ],
            },
            {
                "partner_id": partner.id,
                "premises_id": world["premises"][0].id,
                "order_type": "change",
                "line_ids": [
                    Command.create(
                        {
                            "action": "modify",
                            "service_id": services[0].id,
                            "product_id": world["fiber"].id,
                            "parameters": {"bandwidth": 1000},
                        }
                    )
                ],
            },
            {
                "partner_id": partner.id,
                "premises_id": world["premises"][0].id,
                "order_type": "disconnection",
                "line_ids": [
                    Command.create({"action": "delete", "service_id": services[1].id, "product_id": world["phone"].id})
                ],
            },
            {
                "partner_id": partner.id,
                "premises_id": world["premises"][0].id,
                "order_type": "problem",
                "affected_service_id": services[0].id,
                "description": "<p>No sync light since this morning.</p>",
            },
        ]
    orders = Order.create(vals_list)
    orders.action_submit()
    for moves in range(2):
        for order in orders[moves::2]:
            try:
                with env.cr.savepoint():
                    order.action_next_step()
            except Exception:  # noqa: BLE001 a step that cannot move on keeps the template where it is
                continue
    return orders


def _active_services(env, partner, world):
    """The installed base the change, disconnection and problem templates act on."""
    Service = env["telecom.subscriber.service"].sudo()
    values = {
        "partner_id": partner.id,
        "premises_id": world["premises"][0].id,
        "state": "active",
        "date_activated": fields.Date.today(),
    }
    return Service.create([{**values, "product_id": world["fiber"].id}, {**values, "product_id": world["phone"].id}])


def _copy_orders(env, world, templates, partner_ids, count):
    """`count` orders copied from the templates with their lines, steps and work
    orders: the first MANY_ORDERS for one subscriber, the next FEW_ORDERS for
    another, the rest spread over all subscribers."""
    now = fields.Datetime.now()
    stages = {stage.state: stage.id for stage in env["telecom.order.stage"].search([], order="sequence desc")}
    premises = world["premises"]
    sales = [
        world["by_kind"]["sales"][index // PREMISES_PER_TOWN % len(world["by_kind"]["sales"])].id
        for index in range(len(premises))
    ]
    support = [
        world["by_kind"]["support"][index // PREMISES_PER_TOWN % len(world["by_kind"]["support"])].id
        for index in range(len(premises))
    ]
    # Subscriber of order n: many, then few, then everyone in turn.
    subscriber = SQL(
        """CASE WHEN g.n < %(many)s THEN %(pmany)s WHEN g.n < %(both)s THEN %(pfew)s
                ELSE (%(partners)s::int[])[1 + mod(g.n, %(count)s)] END""",
        many=MANY_ORDERS,
        both=MANY_ORDERS + FEW_ORDERS,
        pmany=partner_ids[1],
        pfew=partner_ids[0],
        partners=partner_ids,
        count=len(partner_ids),
    )
    slot = SQL("mod(g.n, 20)")
    state = SQL("(%s::varchar[])[1 + %s]", STATE_CYCLE, slot)
    closed = SQL("(%s::varchar[])[1 + %s] IN ('completed', 'cancelled', 'failed')", STATE_CYCLE, slot)
    premises_index = SQL("(1 + mod(g.n, %s))", len(premises))
    # Two members per division: the first for even orders, the second for odd ones.
    members = {division.id: division.member_ids.sorted("id").ids for division in world["divisions"]}
    member_index = SQL("(2 * mod(g.n, %s) + 1 + mod(g.n, 2))", len(premises))
    age = SQL("make_interval(days => mod(g.n, 365), mins => mod(g.n, 1440))")
    ids = _insert_copies(
        env,
        "telecom_order",
        SQL(
            "generate_series(0, %s) AS g(n) JOIN telecom_order src ON src.id = (%s::int[])[1 + mod(g.n, %s)]",
            count - 1,
            templates.ids,
            len(templates),
        ),
        {
            "name": SQL("'BENCH/' || lpad(g.n::text, 7, '0')"),
            "partner_id": subscriber,
            "commercial_partner_id": subscriber,
            "premises_id": SQL("(%s::int[])[%s]", premises.ids, premises_index),
            "division_id": SQL(
                "CASE WHEN src.order_type = 'problem' THEN (%s::int[])[%s] ELSE (%s::int[])[%s] END",
                support,
                premises_index,
                sales,
                premises_index,
            ),
            # Responsible: one of the division's members in turn, as routing spreads them.
            "user_id": SQL(
                "CASE WHEN src.order_type = 'problem' THEN (%s::int[])[%s] ELSE (%s::int[])[%s] END",
                [member for division in support for member in members[division]],
                member_index,
                [member for division in sales for member in members[division]],
                member_index,
            ),
            "state": state,
            "stage_id": SQL("(%s::int[])[1 + %s]", [stages[name] for name in STATE_CYCLE], slot),
            "is_closed": closed,
            "date_closed": SQL("CASE WHEN %s THEN %s - %s END", closed, now, age),
            "create_date": SQL("%s - %s - interval '3 days'", now, age),
            "date_submitted": SQL("%s - %s - interval '3 days'", now, age),
            "date_deadline": SQL(
                """CASE WHEN %s THEN src.date_deadline WHEN %s = %s THEN %s - interval '2 hours'
                        ELSE %s + interval '3 days' END""",
                closed,
                slot,
                LATE_SLOT,
                now,
                now,
            ),
            "external_reference": SQL("NULL"),
            "access_token": SQL("NULL"),
            "current_order_step_id": SQL("NULL"),
            "message_main_attachment_id": SQL("NULL"),
            **({"form_token": SQL("NULL")} if "form_token" in env["telecom.order"]._fields else {}),
        },
        returning=SQL("id, (substr(name, 7))::int, src_id"),
        extra_source=SQL("src.id AS src_id"),
    )
    return _copy_children(env, ids, now)


def _copy_children(env, rows, now):
    """Lines, steps and work orders of each copied order, from its template's."""
    cr = env.cr
    cr.execute("CREATE TEMP TABLE bench_copy (new_id int PRIMARY KEY, n int, src_id int) ON COMMIT DROP")
    cr.execute(
        SQL(
            "INSERT INTO bench_copy SELECT * FROM unnest(%s::int[], %s::int[], %s::int[])",
            [row[0] for row in rows],
            [row[1] for row in rows],
            [row[2] for row in rows],
        )
    )
    copy = SQL("bench_copy m JOIN telecom_order o ON o.id = m.new_id JOIN telecom_order t ON t.id = m.src_id")
    _insert_copies(
        env,
        "telecom_order_line",
        SQL("%s JOIN telecom_order_line src ON src.order_id = m.src_id", copy),
        {
            "order_id": SQL("m.new_id"),
            "state": SQL(
                "CASE WHEN o.state = 'completed' THEN 'done' WHEN o.is_closed THEN 'cancelled' ELSE src.state END"
            ),
        },
    )
    current = SQL("src.id = t.current_order_step_id")
    late = SQL("mod(m.n, 20) = %s", LATE_SLOT)
    past = [fields.Datetime.to_string(now - timedelta(hours=hours)) for hours in (3, 2, 1)]
    rules = [env.ref(f"oms_telecom.escalation_rule_{name}").id for name in ("jeopardy", "breach", "parent")]
    late_plan = json.dumps(
        {str(level): [when, rule] for level, (when, rule) in enumerate(zip(past, rules, strict=True), 1)}
    )
    _insert_copies(
        env,
        "telecom_order_step",
        SQL("%s JOIN telecom_order_step src ON src.order_id = m.src_id", copy),
        {
            "order_id": SQL("m.new_id"),
            "division_id": SQL("o.division_id"),
            "state": SQL(
                """CASE WHEN NOT %s THEN src.state WHEN o.is_closed THEN 'done'
                        ELSE COALESCE((%s::jsonb)->>o.state, 'running') END""",
                current,
                json.dumps(STEP_STATE),
            ),
            "date_deadline": SQL("CASE WHEN %s THEN o.date_deadline ELSE src.date_deadline END", current),
            "escalation_level": SQL("0"),
            "escalation_plan": SQL(
                "CASE WHEN %s AND %s THEN %s::jsonb WHEN %s AND o.is_closed THEN NULL ELSE src.escalation_plan END",
                current,
                late,
                late_plan,
                current,
            ),
            "date_next_escalation": SQL(
                "CASE WHEN %s AND %s THEN %s WHEN %s AND NOT o.is_closed THEN o.date_deadline END",
                current,
                late,
                past[0],
                current,
            ),
            "date_start": SQL("o.date_submitted"),
            "notification_message_id": SQL("NULL"),
        },
    )
    cr.execute(
        """UPDATE telecom_order o SET current_order_step_id = s.id
             FROM (SELECT DISTINCT ON (order_id) id, order_id FROM telecom_order_step
                    WHERE order_id IN (SELECT new_id FROM bench_copy) ORDER BY order_id, id DESC) s
            WHERE s.order_id = o.id"""
    )
    _insert_copies(
        env,
        "telecom_work_order",
        SQL("%s JOIN telecom_work_order src ON src.order_id = m.src_id", copy),
        {
            "name": SQL("'WO/' || m.n || '/' || src.id"),
            "order_id": SQL("m.new_id"),
            "premises_id": SQL("o.premises_id"),
            "order_step_id": SQL("o.current_order_step_id"),
            "line_id": SQL(
                """(SELECT nl.id FROM telecom_order_line nl JOIN telecom_order_line ol ON ol.id = src.line_id
                     WHERE nl.order_id = m.new_id AND nl.product_id = ol.product_id LIMIT 1)"""
            ),
            "state": SQL(
                "CASE WHEN o.state = 'completed' THEN 'done' WHEN o.is_closed THEN 'cancelled' ELSE src.state END"
            ),
        },
    )
    env.invalidate_all()
    return len(rows)


def _helpdesk_tickets(env, partner_ids):
    """OCA helpdesk_mgmt tickets: as many for each portal subscriber as it has orders."""
    Ticket = env["helpdesk.ticket"]
    template = Ticket.create(
        {"name": "Bench ticket", "description": "<p>No sync light.</p>", "partner_id": partner_ids[0]}
    )
    env.flush_all()
    count = FEW_ORDERS + MANY_ORDERS
    partner = SQL("CASE WHEN g.n < %s THEN %s ELSE %s END", MANY_ORDERS, partner_ids[1], partner_ids[0])
    overrides = {
        "name": SQL("'Ticket ' || g.n"),
        "partner_id": partner,
        "commercial_partner_id": partner,
        "access_token": SQL("NULL"),
    }
    overrides = {column: value for column, value in overrides.items() if column in Ticket._fields}
    if "number" in Ticket._fields:
        overrides["number"] = SQL("'HT' || lpad(g.n::text, 6, '0')")
    ids = _insert_copies(
        env,
        "helpdesk_ticket",
        SQL("generate_series(0, %s) AS g(n) JOIN helpdesk_ticket src ON src.id = %s", count - 2, template.id),
        overrides,
    )
    env.invalidate_all()
    return len(ids) + 1


def _insert_copies(env, table, source, overrides, returning=None, extra_source=None):
    """INSERT INTO table SELECT ... FROM source: every stored column copied from
    `src` unless `overrides` gives its SQL expression. Returns the rows of
    `returning` (ids by default)."""
    env.cr.execute(
        SQL(
            """SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute
                WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped AND attname != 'id'
                ORDER BY attnum""",
            table,
        )
    )
    columns, types = zip(*env.cr.fetchall(), strict=True)
    # Cast, so that a NULL keeps its column's type through the CTE below.
    values = [
        SQL("CAST(%s AS %s)", overrides.get(column, SQL("src.%s", SQL.identifier(column))), SQL(kind))
        for column, kind in zip(columns, types, strict=True)
    ]
    select = SQL("SELECT %s FROM %s", SQL(", ").join(values), source)
    target = SQL(
        "INSERT INTO %s (%s)", SQL.identifier(table), SQL(", ").join(SQL.identifier(column) for column in columns)
    )
    if extra_source:
        # RETURNING sees only the inserted row: carry the source id through a CTE.
        query = SQL(
            """WITH copied AS (SELECT %s, %s FROM %s),
                    inserted AS (%s SELECT %s FROM copied RETURNING *)
               SELECT %s FROM inserted JOIN copied USING (name)""",
            SQL(", ").join(
                SQL("%s AS %s", value, SQL.identifier(column)) for value, column in zip(values, columns, strict=True)
            ),
            extra_source,
            source,
            target,
            SQL(", ").join(SQL.identifier(column) for column in columns),
            returning,
        )
    else:
        query = SQL("%s %s RETURNING %s", target, select, returning or SQL("id"))
    env.cr.execute(query)
    rows = env.cr.fetchall()
    return rows if extra_source else [row[0] for row in rows]


def _premises(env, country, towns):
    """PREMISES_PER_TOWN premises in each town, town after town: the divisions
    of a premises follow from its place in the list."""
    return env["telecom.premises"].create(
        [
            {
                "country_id": country.id,
                "city": f"Town {town}",
                "zip": str(1000 + town),
                "street": f"Street {number // 40}",
                "house_number": str(number % 40 + 1),
            }
            for town in range(towns)
            for number in range(PREMISES_PER_TOWN)
        ]
    )
