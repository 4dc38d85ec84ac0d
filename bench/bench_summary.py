# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Turn the measures of one bench run (lines "KEY <json>" in a file) into the
"BENCH" lines `make bench` summarises: per group, a baseline measured in this
same run, ratios against it (higher is faster), checks (a failed one fails the
bench) and targets (reported, as measured).
Usage: bench_summary.py MEASURES_FILE WORKERS"""

import json
import sys

# The profiles' label of a whole request, beside those of its layers.
WHOLE_REQUEST = "request (all layers)"


def emit(line):
    """Progress and results go to standard output, flushed: bench.sh reads them as they come."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def read(path):
    measures = {}
    for line in open(path, encoding="utf-8"):
        key, _sep, payload = line.partition(" ")
        if key.isupper() and payload.startswith("{"):
            measures[key] = json.loads(payload)
    return measures


def ratio(value, baseline):
    return round(value / baseline, 3) if baseline else 0.0


def intake(m, workers):
    http, orm = m["HTTP"], m["ORM"]
    create = orm["orm_create_per_second"]
    submit = ratio(orm["orm_create_submit_per_second"], create)
    over_http = ratio(http["http_per_second"], create)
    return {
        "name": f"Order intake, {orm['orm_orders']} orders of 2 lines",
        "baseline": f"one batched ORM create(): {create} orders/s",
        "ratios": {
            f"ORM create() then action_submit(), batched: {orm['orm_create_submit_per_second']} orders/s": submit,
            f"HTTP POST productOrder, {http['http_concurrency']} clients, {workers} workers: "
            f"{http['http_per_second']} orders/s": over_http,
        },
        "checks": {
            f"every HTTP order answered 201 ({http['http_failures']} did not)": http["http_failures"] == 0,
            f"one Idempotency-Key sent by {http['http_concurrency']} clients at once: "
            f"{http['race_orders_created']} order": http["race_orders_created"] == 1,
        },
        "targets": {
            f"create() + action_submit() >= 0.33 of batched create() ({submit})": submit >= 0.33,
            f"HTTP intake >= 0.125 of batched create() ({over_http})": over_http >= 0.125,
        },
    }


def helpdesk(m):
    orm, rpc = m["HELPDESK"], m["JSONRPC"]
    return [
        {
            "name": f"Problem order vs OCA helpdesk_mgmt ticket, {orm['count']} in one batched ORM call",
            "baseline": f"helpdesk.ticket create(): {orm['ticket_per_second']} tickets/s",
            "ratios": {
                f"telecom.order create() + action_submit(), problem: {orm['problem_per_second']} orders/s": ratio(
                    orm["problem_per_second"], orm["ticket_per_second"]
                ),
            },
            "targets": {
                "problem order created and submitted at least as fast as a ticket created": orm["problem_per_second"]
                >= orm["ticket_per_second"],
            },
        },
        {
            "name": f"Problem order vs OCA helpdesk_mgmt ticket, {rpc['count']} over /jsonrpc, "
            f"{rpc['concurrency']} clients",
            "baseline": f"helpdesk.ticket create: {rpc['ticket_per_second']} tickets/s",
            "ratios": {
                f"telecom.order create_and_submit (1 call): {rpc['problem_per_second']} orders/s, all planned "
                f"{rpc['problem_planned_after']} s after the last answer": ratio(
                    rpc["problem_per_second"], rpc["ticket_per_second"]
                ),
            },
            "checks": {
                f"every problem order routed and planned ({rpc['problem_routed']} of {rpc['count']})": rpc[
                    "problem_routed"
                ]
                == rpc["count"],
            },
            "targets": {
                "problem order created and submitted at least as fast as a ticket created": rpc["problem_per_second"]
                >= rpc["ticket_per_second"],
            },
        },
    ]


def _cpu_per_request(side):
    """The CPU milliseconds a ticket and a POST cost the server and PostgreSQL
    (medians of the rounds), as the ticket's over the POST's: above 1.0, the
    POST costs less."""
    cpu = side.get("cpu_ms_per_request")
    if not cpu:
        return {}
    ticket, tmf = (sum(cpu[name].values()) for name in ("ticket", "tmf"))
    label = (
        f"CPU per request, server + PostgreSQL: POST {cpu['tmf']['server']} + {cpu['tmf']['postgresql']} ms, "
        f"ticket {cpu['ticket']['server']} + {cpu['ticket']['postgresql']} ms (ticket's over POST's)"
    )
    return {label: ratio(ticket, tmf)}


def intake_per_request(m, workers):
    """TMF POST against a helpdesk ticket over /jsonrpc, the burst, the floor and its profile."""
    side, burst, floor = m["INTAKE"], m["BURST"], m["FLOOR"]
    tmf = ratio(side["tmf_per_second"], side["ticket_per_second"])
    post = ratio(floor["post_per_second"], floor["get_per_second"])
    answered = burst["statuses"].get("201", 0)
    groups = [
        {
            "name": f"TMF POST productOrder vs OCA helpdesk_mgmt ticket over /jsonrpc, {side['count']} each, "
            f"{side['concurrency']} clients, {workers} workers (median of {len(side['rounds']['tmf'])} "
            "alternating rounds)",
            "baseline": f"helpdesk.ticket create over /jsonrpc: {side['ticket_per_second']} tickets/s",
            "ratios": {
                f"TMF POST productOrder (2 items): {side['tmf_per_second']} orders/s": tmf,
                f"best rounds: {side['tmf_best_per_second']} vs {side['ticket_best_per_second']}/s; "
                f"rounds: POST {side['rounds']['tmf']}, ticket {side['rounds']['ticket']}": ratio(
                    side["tmf_best_per_second"], side["ticket_best_per_second"]
                ),
                **_cpu_per_request(side),
            },
            "targets": {f"TMF POST >= 1.0x the ticket ({tmf})": tmf >= 1.0},
        },
        {
            "name": f"Burst: {burst['orders']} orders posted by {burst['clients']} clients at once, {workers} workers "
            "and one cron worker planning",
            "baseline": f"{burst['per_second']} orders/s over {burst['seconds']} s",
            "ratios": {
                f"answers: median {burst['answer_median_ms']} ms, p95 {burst['answer_p95_ms']} ms": ratio(
                    1000, burst["answer_p95_ms"] or 0
                ),
                f"acknowledgement to planned (to the second): median {burst['ack_to_planned_median_s']} s, "
                f"p95 {burst['ack_to_planned_p95_s']} s; all planned {burst['planning_done_after_seconds']} s "
                "after the last answer": ratio(10, burst["ack_to_planned_p95_s"] or 0),
            },
            "checks": {
                f"every order answered 201 ({answered} of {burst['orders']}: {burst['statuses']})": answered
                == burst["orders"],
                f"none lost: {burst['stored']} stored, {burst['routed']} routed, {burst['planned']} planned": burst[
                    "stored"
                ]
                == burst["orders"]
                == burst["planned"],
                f"each planned once ({burst['planned_twice']} twice)": burst["planned_twice"] == 0,
            },
            "targets": {
                f"answer p95 < 2 s ({burst['answer_p95_ms']} ms)": (burst["answer_p95_ms"] or 10**9) < 2000,
                f"acknowledgement to planned p95 < 10 s ({burst['ack_to_planned_p95_s']} s)": (
                    burst["ack_to_planned_p95_s"] is not None and burst["ack_to_planned_p95_s"] < 10
                ),
            },
        },
        {
            "name": f"The floor: a bare authenticated GET of one order (fields=id), {floor['concurrency']} clients, "
            f"{workers} workers",
            "baseline": f"GET productOrder/<id>: {floor['get_per_second']} requests/s",
            "ratios": {f"POST productOrder: {floor['post_per_second']} orders/s": post},
        },
    ]
    if "PROFILE" in m:
        profile = m["PROFILE"]
        groups.append(
            layers(f"The floor, layer by layer: {profile['requests']} GETs in one process", "GET", profile["own_ms"])
        )
    if "PROFILEPOST" in m:
        groups += post_profile(m["PROFILEPOST"])
    return groups


def post_profile(profile):
    """The TMF POST beside the ticket in one process, and the POST layer by layer."""
    return [
        {
            "name": f"TMF POST productOrder vs helpdesk.ticket over /jsonrpc in one process, "
            f"{profile['requests']} of each one after the other (faster: higher)",
            "baseline": f"helpdesk.ticket create over /jsonrpc: {profile['ticket_ms_per_request']} ms, "
            f"{profile['ticket_queries']} queries",
            "ratios": {
                f"TMF POST productOrder (2 items): {profile['post_ms_per_request']} ms, "
                f"{profile['post_queries']} queries": ratio(
                    profile["ticket_ms_per_request"], profile["post_ms_per_request"]
                ),
            },
        },
        layers(
            f"The TMF POST, layer by layer: {profile['requests']} POSTs in one process", "POST", profile["post_own_ms"]
        ),
    ]


def layers(name, method, own_ms):
    """Each layer's own wall time as a share of the whole request."""
    total = own_ms[WHOLE_REQUEST]
    return {
        "name": f"{name} (own wall time of each layer, share of the request)",
        "baseline": f"one {method} in process: {total} ms",
        "ratios": {f"{label}: {ms} ms": ratio(ms, total) for label, ms in own_ms.items() if label != WHOLE_REQUEST},
    }


def portal(m, seed):
    pages = m["PORTAL"]
    baseline = pages["tickets_few"]["median_ms"]
    labels = {
        "orders": "/my/telecom/orders",
        "order": "/my/telecom/orders/<id>",
        "tickets": "/my/tickets (helpdesk_mgmt)",
        "ticket": "/my/ticket/<id> (helpdesk_mgmt)",
    }
    counts = {"few": 50, "many": 5000}
    ratios, targets = {}, {}
    for page, label in labels.items():
        for size, count in counts.items():
            measure = pages[f"{page}_{size}"]
            ratios[f"{label}, {count} records: median {measure['median_ms']} ms, p95 {measure['p95_ms']} ms"] = ratio(
                baseline, measure["median_ms"]
            )
        if page in ("orders", "order"):
            slower = ratio(pages[f"{page}_many"]["median_ms"], pages[f"{page}_few"]["median_ms"])
            targets[f"{label} at 5,000 orders within 1.5x of 50 ({slower}x)"] = slower <= 1.5
    return {
        "name": "Portal pages, median of 30 requests (faster: higher)",
        "baseline": f"/my/tickets of helpdesk_mgmt with 50 tickets: median {baseline} ms",
        "ratios": ratios,
        "targets": targets,
    }


def backend(m, seed):
    calls = m["BACKEND"]
    baseline = calls["baseline"]["p95_ms"]
    labels = {
        "kanban": "orders kanban grouped by stage (web_read_group, web_search_read of each open column)",
        "late": "orders list filtered by Late (web_search_read)",
        "phone": "orders searched by phone digits (web_search_read)",
        "address": "orders searched by address (web_search_read)",
    }
    return {
        "name": f"Backend web client calls at {seed['orders']} orders, p95 of the calls of 30 openings",
        "baseline": f"contacts list, web_search_read of 80 res.partner: p95 {baseline} ms",
        "ratios": {
            f"{label}: p95 {calls[key]['p95_ms']} ms": ratio(baseline, calls[key]["p95_ms"])
            for key, label in labels.items()
        },
        "targets": {f"{key} p95 < 0.5 s ({calls[key]['p95_ms']} ms)": calls[key]["p95_ms"] < 500 for key in labels},
    }


def operations(m, seed):
    ops = m["OPERATIONS"]
    create = ops["create_per_second"]
    return [
        {
            "name": f"Back-office operations at {seed['orders']} orders ({ops['open_orders']} open)",
            "baseline": f"one batched ORM create() of 1,000 orders: {create} orders/s",
            "ratios": {
                f"escalation cron, {ops['escalated_steps']} late steps (3 levels each): "
                f"{ops['escalation_steps_per_second']} steps/s": ratio(ops["escalation_steps_per_second"], create),
                f"{ops['pdf_work_orders']} work orders in one PDF: "
                f"{ops['pdf_work_orders_per_second']} work orders/s": ratio(ops["pdf_work_orders_per_second"], create),
                f"routing {ops['routed_orders']} orders ({ops['routed_with_division']} covered): "
                f"{ops['routing_per_second']} orders/s": ratio(ops["routing_per_second"], create),
            },
            "checks": {
                f"every late step escalated ({ops['escalated_steps']} of {seed['late_steps']})": ops["escalated_steps"]
                == seed["late_steps"],
            },
        },
        {
            "name": "Reporting: the three pivots (orders, steps, division scorecard) as they open",
            "baseline": f"read_group of telecom.order by stage: {ops['order_group_by_seconds']} s",
            "ratios": {
                f"three report pivots: {ops['report_pivots_seconds']} s": ratio(
                    ops["order_group_by_seconds"], ops["report_pivots_seconds"]
                )
            },
        },
    ]


def qualification(m):
    """The qualification engine (TMF679 and the forms): 5 offerings at an address."""
    q = m["QUALIFICATION"]
    engine = f"qualification engine, covered address, recorded: {q['engine_ms']} ms (p95 {q['engine_p95_ms']} ms)"
    uncovered = f"qualification engine, uncovered address: {q['engine_uncovered_ms']} ms"
    target = f"under 50 ms for {q['items']} items at {q['premises']} premises ({q['engine_ms']} ms)"
    return {
        "name": f"Qualification of {q['items']} offerings at an address among {q['premises']} premises "
        f"(median of {q['runs']}, server time)",
        "baseline": f"the former coverage check of one address: {q['baseline_ms']} ms",
        "ratios": {
            engine: ratio(q["baseline_ms"], q["engine_ms"]),
            uncovered: ratio(q["baseline_ms"], q["engine_uncovered_ms"]),
        },
        "checks": {f"the address is covered and answered ({', '.join(q['results'])})": q["covered"]},
        "targets": {target: q["engine_ms"] < 50},
    }


def main():
    m = read(sys.argv[1])
    workers = int(sys.argv[2])
    seed = m["SEED"]
    groups = [
        intake(m, workers),
        *intake_per_request(m, workers),
        *helpdesk(m),
        portal(m, seed),
        backend(m, seed),
        *operations(m, seed),
    ]
    if "QUALIFICATION" in m:
        groups.append(qualification(m))
    emit(
        f"Seeded {seed['scale']}: {seed['subscribers']} subscribers, {seed['orders']} orders "
        f"({seed['steps']} steps, {seed['work_orders']} work orders), {seed['premises']} premises, "
        f"{seed['divisions']} divisions, {seed['tickets']} helpdesk tickets in {seed['seed_seconds']} s"
    )
    for group in groups:
        sys.stdout.write("BENCH " + json.dumps(group) + "\n")


if __name__ == "__main__":
    main()
