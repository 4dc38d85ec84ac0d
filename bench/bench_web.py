# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Against a running server of the seeded bench database: what users do over
HTTP, side by side with OCA helpdesk_mgmt. Prints one line per measure:
  JSONRPC  problem orders created and submitted vs helpdesk tickets created, per second
  PORTAL   median and p95 (ms) of 30 requests of each portal page
  BACKEND  p95 (ms) of the web client's calls on the orders at this volume
Usage: bench_web.py BASE_URL DB SEED_JSON WEBCALLS_JSON FIXTURES_JSON [COUNT] [CONCURRENCY]"""

import json
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

SAMPLES = 30
TIMEOUT = 120
KANBAN_COLUMN_LIMIT = 40
LIST_LIMIT = 80


def emit(line):
    """Progress and results go to standard output, flushed: bench.sh reads them as they come."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def percentiles(seconds):
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 1), "p95_ms": round(p95 * 1000, 1)}


def timed(function):
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


class Client:
    """One browser-like session: web login, JSON-RPC calls, pages."""

    def __init__(self, base_url, db):
        self.base_url, self.db = base_url, db
        self.session = requests.Session()
        self.context = {}

    def login(self, login, password):
        page = self.session.get(self.base_url + "/web/login", timeout=TIMEOUT).text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = self.session.post(
            self.base_url + "/web/login",
            data={"login": login, "password": password, "csrf_token": csrf, "redirect": "/my"},
            timeout=TIMEOUT,
            allow_redirects=False,
        )
        assert response.status_code in (302, 303), f"login of {login} failed ({response.status_code})"
        info = self.rpc("/web/session/get_session_info", {})
        self.context = dict(info["user_context"], bin_size=True)
        return self

    def rpc(self, path, params):
        response = self.session.post(
            self.base_url + path, json={"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}, timeout=TIMEOUT
        )
        body = response.json()
        if "error" in body:
            raise RuntimeError(f"{path}: {body['error']['data']['message']}")
        return body["result"]

    def call_kw(self, model, method, args, kwargs=None):
        kwargs = dict(kwargs or {}, context=self.context)
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}", {"model": model, "method": method, "args": args, "kwargs": kwargs}
        )

    def get(self, path):
        response = self.session.get(self.base_url + path, timeout=TIMEOUT)
        assert response.status_code == 200, f"GET {path}: {response.status_code}"


def execute_kw(base_url, db, uid, password, model, method, args):
    """The external JSON-RPC API (/jsonrpc), as an integration calls it."""
    payload = {
        "jsonrpc": "2.0",
        "method": "call",
        "params": {"service": "object", "method": "execute_kw", "args": [db, uid, password, model, method, args]},
        "id": 1,
    }
    body = requests.post(base_url + "/jsonrpc", json=payload, timeout=TIMEOUT).json()
    if "error" in body:
        raise RuntimeError(f"{model}.{method}: {body['error']['data']['message']}")
    return body.get("result")  # absent when the method returns None


def jsonrpc_intake(base_url, db, seed, fixtures, count, concurrency):
    """Problem orders created and submitted (one call each), and helpdesk tickets
    created, over /jsonrpc; then how long after the last answer the planning job
    has planned every problem order."""
    common = {"jsonrpc": "2.0", "method": "call", "id": 1}
    params = {"service": "common", "method": "login", "args": [db, seed["manager_login"], seed["password"]]}
    uid = requests.post(base_url + "/jsonrpc", json={**common, "params": params}, timeout=TIMEOUT).json()["result"]
    description = "<p>No sync light since this morning.</p>"

    def problem(index):
        values = {
            "partner_id": fixtures["partner"],
            "premises_id": fixtures["premises"],
            "order_type": "problem",
            "description": description,
        }
        return execute_kw(base_url, db, uid, seed["password"], "telecom.order", "create_and_submit", [[values]])

    def ticket(index):
        values = {"name": f"No sync {index}", "description": description, "partner_id": fixtures["partner"]}
        execute_kw(base_url, db, uid, seed["password"], "helpdesk.ticket", "create", [values])

    result = {"count": count, "concurrency": concurrency}
    answers = {}
    for label, function in (("ticket", ticket), ("problem", problem)):
        function(0)  # warm-up
        with ThreadPoolExecutor(concurrency) as pool:
            started = time.perf_counter()
            answers[label] = list(pool.map(function, range(count)))
            seconds = time.perf_counter() - started
        result[f"{label}_per_second"] = round(count / seconds, 1)
    order_ids = [order_id for ids in answers["problem"] for order_id in ids]

    def count_orders(domain):
        args = [[("id", "in", order_ids), *domain]]
        return execute_kw(base_url, db, uid, seed["password"], "telecom.order", "search_count", args)

    started = time.perf_counter()
    while count_orders([("planning_pending", "=", True)]) and time.perf_counter() - started < TIMEOUT:
        time.sleep(0.1)
    result["problem_planned_after"] = round(time.perf_counter() - started, 1)
    # Routed: given a division, or found uncovered (the fixtures' address is covered by no division).
    routed = ["|", ("division_id", "!=", False), ("uncovered_address", "=", True)]
    result["problem_routed"] = count_orders([("planning_pending", "=", False), *routed])
    emit("JSONRPC " + json.dumps(result))


def portal_pages(base_url, db, seed, calls):
    """Each page SAMPLES times, for the subscriber with few and the one with many orders."""
    result = {}
    for size, login in (("few", seed["few_orders_login"]), ("many", seed["many_orders_login"])):
        client = Client(base_url, db).login(login, seed["password"])
        pages = {
            "orders": "/my/telecom/orders",
            "order": f"/my/telecom/orders/{calls[size + '_order_id']}",
            "tickets": "/my/tickets",
            "ticket": f"/my/ticket/{calls[size + '_ticket_id']}",
        }
        for name, path in pages.items():
            client.get(path)  # warm-up
            result[f"{name}_{size}"] = percentiles(
                [timed(lambda path=path, client=client: client.get(path)) for _sample in range(SAMPLES)]
            )
    emit("PORTAL " + json.dumps(result))


def backend_calls(base_url, db, seed, calls):
    """p95 of the web client's calls opening the kanban, the Late list and the two
    searches, SAMPLES times each."""
    client = Client(base_url, db).login(seed["manager_login"], seed["password"])
    list_call = {"specification": calls["list"], "offset": 0, "order": "", "limit": LIST_LIMIT, "count_limit": 10001}

    def timed_call(method, kwargs):
        started = time.perf_counter()
        result = client.call_kw("telecom.order", method, [], kwargs)
        return time.perf_counter() - started, result

    def kanban():
        """The web client's calls opening the kanban: the groups, then the cards of
        each column not folded; each call timed on its own."""
        seconds, groups = timed_call(
            "web_read_group", {"domain": [], "fields": [], "groupby": ["stage_id"], "orderby": "", "lazy": True}
        )
        durations = [seconds]
        for group in groups["groups"]:
            if group["stage_id"] and group["stage_id"][0] not in calls["folded_stage_ids"]:
                kwargs = {**list_call, "specification": calls["kanban"], "domain": group["__domain"]}
                durations.append(timed_call("web_search_read", dict(kwargs, limit=KANBAN_COLUMN_LIMIT))[0])
        return durations

    def listed(domain):
        return lambda: [timed_call("web_search_read", {**list_call, "domain": domain})[0]]

    # The baseline: the same list call on contacts, which every Odoo has.
    partner_spec = {"display_name": {}, "email": {}, "phone": {}, "country_id": {"fields": {"display_name": {}}}}
    measures = {
        "baseline": lambda: [
            timed(
                lambda: client.call_kw(
                    "res.partner", "web_search_read", [], {**list_call, "specification": partner_spec, "domain": []}
                )
            )
        ],
        "kanban": kanban,
        "late": listed(calls["late_domain"]),
        "phone": listed(calls["phone_domain"]),
        "address": listed(calls["address_domain"]),
    }
    result = {}
    for name, function in measures.items():
        function()  # warm-up
        result[name] = percentiles([seconds for _sample in range(SAMPLES) for seconds in function()])
    emit("BACKEND " + json.dumps(result))


def main():
    base_url, db = sys.argv[1], sys.argv[2]
    seed, calls, fixtures = (json.loads(argument) for argument in sys.argv[3:6])
    count = int(sys.argv[6]) if len(sys.argv) > 6 else 200
    concurrency = int(sys.argv[7]) if len(sys.argv) > 7 else 8
    threading.current_thread().name = "bench"
    jsonrpc_intake(base_url, db, seed, fixtures, count, concurrency)
    portal_pages(base_url, db, seed, calls)
    backend_calls(base_url, db, seed, calls)


if __name__ == "__main__":
    main()
