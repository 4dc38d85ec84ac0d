# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Against a running server of the seeded bench database (with one cron worker,
which plans the received orders): order intake per request, side by side with an
OCA helpdesk_mgmt ticket created over /jsonrpc, a burst, and the stack's floor.
Prints one line per measure:
  INTAKE  TMF POST productOrder vs helpdesk.ticket create over /jsonrpc, per second
  BURST   BURST_ORDERS orders posted by BURST_CLIENTS clients at once: statuses,
          latency of the answers, orders lost, latency from acknowledgement to planned
  FLOOR   a bare authenticated GET of one order, requests/s, and POST as a ratio of it
With BENCH_SERVER_PID (the server's process), the side by side also prints the
CPU each side costs the server (its workers, the cron worker included) and
PostgreSQL, per request: steadier than a rate on a shared machine.
Usage: bench_intake.py BASE_URL DB SEED_JSON FIXTURES_JSON COUNT CONCURRENCY [BURST_ORDERS] [BURST_CLIENTS]"""

import json
import os
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import psutil
import requests

from bench.bench_http import PATH, payload
from bench.bench_web import execute_kw, percentiles, timed

TIMEOUT = 120
# How long the planning of a burst may take before the bench gives up waiting.
PLANNING_WAIT = 600
# Rounds of the floor's GET: the best round is kept (the machine is shared).
ROUNDS = 2
# Rounds of each side of the side by side, in the order ticket-POST, POST-ticket,
# ...: one round lasts a few seconds on a shared machine and rounds differ by up
# to a fifth, so the sides' medians are compared (their best rounds printed too).
SIDE_BY_SIDE_ROUNDS = 6
# Requests per round at the least: shorter rounds measure the machine's moods.
SIDE_BY_SIDE_MIN_COUNT = 200
# Requests of each side per client before the rounds.
WARM_UP_PER_CLIENT = 5


def emit(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Bench:
    def __init__(self, base_url, db, seed, fixtures):
        self.base_url, self.db, self.seed, self.fixtures = base_url, db, seed, fixtures
        self.local = threading.local()
        params = {"service": "common", "method": "login", "args": [db, seed["manager_login"], seed["password"]]}
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        self.uid = requests.post(base_url + "/jsonrpc", json=body, timeout=TIMEOUT).json()["result"]

    def session(self):
        if not hasattr(self.local, "session"):
            self.local.session = requests.Session()
            self.local.session.headers.update({"X-API-Key": self.fixtures["key"], "Content-Type": "application/json"})
        return self.local.session

    def post_order(self, index, prefix):
        started = time.perf_counter()
        response = self.session().post(
            self.base_url + PATH,
            data=json.dumps(payload(self.fixtures, index, prefix)),
            headers={"Idempotency-Key": f"{prefix}-{index}"},
            timeout=TIMEOUT,
        )
        return response.status_code, time.perf_counter() - started

    def get_order(self, order_id):
        response = self.session().get(f"{self.base_url}{PATH}/{order_id}", params={"fields": "id"}, timeout=TIMEOUT)
        assert response.status_code == 200, f"GET order: {response.status_code}"

    def create_ticket(self, index):
        values = {"name": f"No sync {index}", "description": "<p>No sync.</p>", "partner_id": self.fixtures["partner"]}
        execute_kw(self.base_url, self.db, self.uid, self.seed["password"], "helpdesk.ticket", "create", [values])

    def rpc(self, model, method, args, kwargs=None):
        params = {
            "service": "object",
            "method": "execute_kw",
            "args": [self.db, self.uid, self.seed["password"], model, method, args, kwargs or {}],
        }
        body = {"jsonrpc": "2.0", "method": "call", "id": 1, "params": params}
        result = requests.post(self.base_url + "/jsonrpc", json=body, timeout=TIMEOUT).json()
        if "error" in result:
            raise RuntimeError(f"{model}.{method}: {result['error']['data']['message']}")
        return result["result"]

    def rate(self, function, count, concurrency):
        with ThreadPoolExecutor(concurrency) as pool:
            seconds = timed(lambda: list(pool.map(function, range(count))))
        return round(count / seconds, 1)


def side_by_side(bench, count, concurrency):
    """TMF POST productOrder and helpdesk.ticket over /jsonrpc, in alternating rounds."""
    count = max(count, SIDE_BY_SIDE_MIN_COUNT)
    bench.post_order(0, "IWARM")
    # Every worker warmed up by both sides (caches, connections) before the rounds.
    bench.rate(bench.create_ticket, WARM_UP_PER_CLIENT * concurrency, concurrency)
    bench.rate(partial(bench.post_order, prefix="IWARM"), WARM_UP_PER_CLIENT * concurrency, concurrency)
    senders = {"ticket": bench.create_ticket}
    rates, cpu = {"ticket": [], "tmf": []}, {"ticket": [], "tmf": []}
    for round_index in range(SIDE_BY_SIDE_ROUNDS):
        senders["tmf"] = partial(bench.post_order, prefix=f"INTAKE{round_index}")
        for side in ("ticket", "tmf") if round_index % 2 == 0 else ("tmf", "ticket"):
            before = server_cpu_seconds()
            rates[side].append(bench.rate(senders[side], count, concurrency))
            after = server_cpu_seconds()
            if before and after:
                cpu[side].append({part: (after[part] - before[part]) * 1000 / count for part in after})
    result = {
        "count": count,
        "concurrency": concurrency,
        "ticket_per_second": round(statistics.median(rates["ticket"]), 1),
        "tmf_per_second": round(statistics.median(rates["tmf"]), 1),
        "ticket_best_per_second": max(rates["ticket"]),
        "tmf_best_per_second": max(rates["tmf"]),
        "rounds": rates,
    }
    if cpu["tmf"]:
        result["cpu_ms_per_request"] = {
            side: {part: round(statistics.median(row[part] for row in rows), 2) for part in rows[0]}
            for side, rows in cpu.items()
        }
    emit("INTAKE " + json.dumps(result))
    return result


def server_cpu_seconds():
    """CPU seconds spent so far by the server's processes (BENCH_SERVER_PID and its
    workers) and by PostgreSQL's, or None without BENCH_SERVER_PID."""
    pid = os.environ.get("BENCH_SERVER_PID")
    if not pid:
        return None
    server = psutil.Process(int(pid))
    seconds = {"server": 0.0, "postgresql": 0.0}
    for process in [server, *server.children(recursive=True)]:
        seconds["server"] += _cpu_seconds(process)
    for process in psutil.process_iter(["name"]):
        if process.info["name"] == "postgres":
            seconds["postgresql"] += _cpu_seconds(process)
    return seconds


def _cpu_seconds(process):
    try:
        times = process.cpu_times()
    except psutil.NoSuchProcess:
        return 0.0
    return times.user + times.system


def wait_planned(bench, domain):
    """Seconds until no order of `domain` waits for its planning."""
    started = time.perf_counter()
    while time.perf_counter() - started < PLANNING_WAIT:
        if not bench.rpc("telecom.order", "search_count", [[*domain, ("planning_pending", "=", True)]]):
            return round(time.perf_counter() - started, 1)
        time.sleep(0.5)
    return None


def burst(bench, orders, clients):
    """`orders` orders posted by `clients` clients at once; then, once the cron
    planned them, the latency from acknowledgement (date_submitted) to planned
    (the first step's start), to the second, and the orders planned twice."""
    barrier = threading.Barrier(clients)

    def client(offset):
        barrier.wait()
        return [bench.post_order(index, "BURST") for index in range(offset, orders, clients)]

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        answers = [answer for answers in pool.map(client, range(clients)) for answer in answers]
    seconds = time.perf_counter() - started
    domain = [("external_reference", "=like", "BURST-%")]
    waited = wait_planned(bench, domain)
    stored = bench.rpc(
        "telecom.order", "search_read", [domain], {"fields": ["date_submitted", "division_id", "uncovered_address"]}
    )
    steps = bench.rpc(
        "telecom.order.step",
        "search_read",
        [[("order_id.external_reference", "=like", "BURST-%")]],
        {"fields": ["order_id", "scenario_step_id", "date_start"], "order": "date_start, id"},
    )
    first_start, passages = {}, Counter()
    for step in steps:
        first_start.setdefault(step["order_id"][0], step["date_start"])
        passages[(step["order_id"][0], step["scenario_step_id"] and step["scenario_step_id"][0])] += 1

    def to_seconds(value):
        return time.mktime(time.strptime(value, "%Y-%m-%d %H:%M:%S"))

    latencies = [
        to_seconds(first_start[order["id"]]) - to_seconds(order["date_submitted"])
        for order in stored
        if order["id"] in first_start
    ]
    answer_stats = percentiles([latency for _status, latency in answers])
    planned = percentiles(latencies) if latencies else {"median_ms": None, "p95_ms": None}
    result = {
        "orders": orders,
        "clients": clients,
        "seconds": round(seconds, 1),
        "per_second": round(orders / seconds, 1),
        "statuses": dict(Counter(str(status) for status, _latency in answers)),
        "answer_median_ms": answer_stats["median_ms"],
        "answer_p95_ms": answer_stats["p95_ms"],
        "stored": len(stored),
        # Routed: given a division, or found uncovered (the fixtures' address is covered by no division).
        "routed": len([order for order in stored if order["division_id"] or order["uncovered_address"]]),
        "planned": len(latencies),
        "planned_twice": len([key for key, passes in passages.items() if passes > 1]),
        "planning_done_after_seconds": waited,
        "ack_to_planned_median_s": planned["median_ms"] and round(planned["median_ms"] / 1000, 1),
        "ack_to_planned_p95_s": planned["p95_ms"] and round(planned["p95_ms"] / 1000, 1),
    }
    emit("BURST " + json.dumps(result))
    return result


def floor(bench, count, concurrency, post_per_second):
    """A bare authenticated GET of one order (fields=id) through the same stack."""
    order_id = bench.rpc("telecom.order", "search", [[("external_reference", "=", "IWARM-0")]], {"limit": 1})[0]
    bench.get_order(order_id)
    get_per_second = max(
        bench.rate(lambda _index: bench.get_order(order_id), count, concurrency) for _round in range(ROUNDS)
    )
    result = {
        "count": count,
        "concurrency": concurrency,
        "get_per_second": get_per_second,
        "post_per_second": post_per_second,
    }
    emit("FLOOR " + json.dumps(result))


def main():
    base_url, db = sys.argv[1], sys.argv[2]
    seed, fixtures = json.loads(sys.argv[3]), json.loads(sys.argv[4])
    count, concurrency = int(sys.argv[5]), int(sys.argv[6])
    burst_orders = int(sys.argv[7]) if len(sys.argv) > 7 else 2000
    burst_clients = int(sys.argv[8]) if len(sys.argv) > 8 else 32
    bench = Bench(base_url, db, seed, fixtures)
    intake = side_by_side(bench, count, concurrency)
    floor(bench, count, concurrency, intake["tmf_per_second"])
    burst(bench, burst_orders, burst_clients)


if __name__ == "__main__":
    main()
