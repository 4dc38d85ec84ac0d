# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two Odoo servers (multi-worker, cron workers on both) on one database and one
filestore: checks that the scheduled jobs, the API and the portal hold there.
Prints one line per check and exits non-zero when one fails.
Run by tools/two_servers.sh after two_servers_setup.py, not by hand.
Usage: two_servers.py SETUP_JSON FIXTURES_JSON SEED_JSON DSN LISTENER_PORT PORT_A PORT_B -- ODOO_COMMAND..."""

import base64
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import psycopg2
import requests
import websocket

TIMEOUT = 60
# A delivery batch (telecom_api_delivery.BATCH_SIZE) is what a killed server
# may send again: at most one batch per cron worker.
DELIVERY_BATCH = 100
CRON_WORKERS = int(os.environ.get("TWO_SERVERS_CRON", 2))
LISTENER_DELAY = 0.01
PRODUCT_ORDER = "/tmf-api/productOrderingManagement/v4/productOrder"
# Orders of the intake check posted to both servers (a quarter more to the one killed).
INTAKE_ORDERS = int(os.environ.get("TWO_SERVERS_INTAKE_ORDERS", 400))

checks = []


def emit(line):
    """Progress and results go to standard output, flushed: bench.sh reads them as they come."""
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def check(label, ok):
    checks.append(ok)
    emit(f"  check  {'ok  ' if ok else 'FAIL'}  {label}")


class Listener(BaseHTTPRequestHandler):
    """The technical system events go to: counts every event id it receives."""

    received = []
    lock = threading.Lock()

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        time.sleep(LISTENER_DELAY)  # a real system takes a moment: batches are in flight when a server dies
        with self.lock:
            self.received.append(body["eventId"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class Server:
    """One Odoo server in its own process group, so that SIGKILL reaches its workers too."""

    def __init__(self, name, command, port):
        self.name, self.command, self.port = name, command, port
        self.url = f"http://127.0.0.1:{port}"
        self.log = f"{os.environ.get('TWO_SERVERS_LOG_DIR', '/tmp')}/two-servers-{name}.log"
        self.process = None
        self.gevent_port = free_port()

    def start(self):
        with open(self.log, "a", encoding="utf-8") as log:
            self.process = subprocess.Popen(
                [*self.command, "--http-port", str(self.port), "--gevent-port", str(self.gevent_port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=dict(os.environ, ODOO_NOTIFY_CRON_CHANGES="1"),
            )
        if wait_for(self.listening, 300):
            return self
        raise RuntimeError(f"server {self.name} did not start, see {self.log}")

    def listening(self):
        return answers(self.url + "/web/login")

    def kill(self, sig=signal.SIGKILL):
        os.killpg(self.process.pid, sig)
        self.process.wait(timeout=TIMEOUT)

    def lines(self, pattern):
        with open(self.log, encoding="utf-8") as log:
            return [line for line in log if re.search(pattern, line)]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Database:
    def __init__(self, dsn):
        self.dsn = dsn
        self.connection = psycopg2.connect(dsn)
        self.connection.autocommit = True

    def wake_cron_workers(self):
        """Tell the cron workers of every server at once that jobs are due, as Odoo's
        own ir.cron._notifydb does: they listen on the "postgres" database. Without it
        each server finds the jobs at its next poll, and the first one to poll may
        run every batch before the other looks."""
        with psycopg2.connect(psycopg2.extensions.make_dsn(self.dsn, dbname="postgres")) as connection:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_notify('cron_trigger', %s)", (self.connection.info.dbname,))
        connection.close()

    def value(self, query, *params):
        with self.connection.cursor() as cursor:
            cursor.execute(query, params)
            return cursor.fetchone()[0]


def rpc(base_url, session, model, method, args, kwargs=None):
    response = session.post(
        f"{base_url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        },
        timeout=TIMEOUT,
    )
    body = response.json()
    if "error" in body:
        raise RuntimeError(f"{model}.{method}: {body['error']['data']['message']}")
    return body.get("result")


def web_login(base_url, login, password, session=None):
    session = session or requests.Session()
    page = session.get(base_url + "/web/login", timeout=TIMEOUT).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    session.post(
        base_url + "/web/login",
        data={"login": login, "password": password, "csrf_token": csrf},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    return session


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(1)
    return False


def start_jobs(db, server, setup, cron_ids):
    """Switch jobs on, due now: the cron workers of both servers are told at once."""
    admin = web_login(server.url, "admin", setup["password"])
    rpc(
        server.url,
        admin,
        "ir.cron",
        "write",
        [cron_ids, {"active": True, "nextcall": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())}],
    )
    db.wake_cron_workers()


def escalation(db, servers, setup):
    emit(f"Escalation: one copy of the job per cron worker of the two servers, {setup['late_steps']} steps due")
    started = time.monotonic()
    start_jobs(db, servers[0], setup, setup["escalation_crons"])
    due = "SELECT count(*) FROM telecom_order_step WHERE date_next_escalation <= now() AT TIME ZONE 'UTC'"
    done = wait_for(lambda: db.value(due) == 0, 900)
    emit(f"  {setup['late_steps']} steps escalated in {time.monotonic() - started:.0f} s")
    events = db.value("SELECT count(*) FROM telecom_escalation_event")
    distinct = db.value("SELECT count(DISTINCT (order_step_id, level)) FROM telecom_escalation_event")
    batches = {server.name: len(server.lines(r"Escalation: \d+ levels fired")) for server in servers}
    # Both copies may pick the same due steps: the one that claims second is rolled back.
    rolled_back = {
        server.name: len(server.lines(r"Job 'Telecom Orders: SLA Escalation.* failed")) for server in servers
    }
    conflicts = sum(rolled_back.values())
    emit(f"  {conflicts} run(s) rolled back by PostgreSQL for claiming levels the other copy had just claimed")
    check(f"no step left due ({db.value(due)})", done)
    check(
        f"each level fired exactly once: {events} escalations, {distinct} distinct (step, level), "
        f"{setup['due_levels']} due",
        events == distinct == setup["due_levels"],
    )
    # Which server claims a batch first is a matter of timing: a server whose
    # every run lost the race to the other still ran the job.
    runs = {name: batches[name] + rolled_back[name] for name in batches}
    check(
        f"both servers ran the escalation job (batches fired per server: {batches}, rolled back: {rolled_back})",
        all(runs.values()),
    )


def delivery(db, servers, setup):
    expected = setup["events"]
    emit(f"Events: {expected} deliveries, two copies of the job on both servers; server A killed (SIGKILL) mid-batch")
    start_jobs(db, servers[1], setup, setup["delivery_crons"])
    killed_at = None
    if wait_for(lambda: len(Listener.received) >= expected // 4, 600):
        killed_at = len(Listener.received)
        servers[0].kill()
    delivered = "SELECT count(*) FROM telecom_api_delivery WHERE state = 'delivered'"
    done = wait_for(lambda: db.value(delivered) == expected, 900)
    received = list(Listener.received)
    unique = len(set(received))
    duplicates = len(received) - unique
    emit(f"  server A killed after {killed_at} events received; {len(received)} received in all")
    check(
        f"server A killed mid-delivery ({killed_at} of {expected} received then)",
        killed_at is not None and killed_at < expected,
    )
    check(f"every delivery delivered ({db.value(delivered)} of {expected})", done)
    check(f"every event received, none lost ({unique} distinct of {expected})", unique == expected)
    check(
        f"duplicates only as at-least-once redelivery of the killed server's batches: {duplicates} "
        f"(at most {CRON_WORKERS} x {DELIVERY_BATCH})",
        duplicates <= CRON_WORKERS * DELIVERY_BATCH,
    )


def product_order_body(fixtures, external_id):
    return {
        "externalId": external_id,
        "relatedParty": [{"id": str(fixtures["partner"]), "role": "Customer"}],
        "productOrderItem": [
            {
                "id": "1",
                "action": "add",
                "productOffering": {"id": str(fixtures["fiber"])},
                "product": {"place": [{"id": str(fixtures["premises"])}]},
            }
        ],
    }


def post_orders(servers, fixtures, prefix, count, clients=16):
    """`count` product orders posted by `clients` clients, to the servers in turn; their statuses."""
    headers = {"X-API-Key": fixtures["key"]}

    def post(index):
        body = product_order_body(fixtures, f"{prefix}-{index}")
        return requests.post(
            servers[index % len(servers)].url + PRODUCT_ORDER, json=body, headers=headers, timeout=TIMEOUT
        ).status_code

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(post, range(count)))


def intake(db, servers, setup, fixtures):
    """Orders acknowledged by a server killed before planning them are planned
    by the other; orders posted to both servers, planned by two copies of the
    job on both, are each planned once."""
    emit(f"Intake: {INTAKE_ORDERS // 4} orders acknowledged by server A, killed (SIGKILL) before planning")
    pending = "SELECT count(*) FROM telecom_order WHERE external_reference LIKE %s AND planning_pending"
    statuses = post_orders(servers[:1], fixtures, "INTAKE-KILLED", INTAKE_ORDERS // 4)
    waiting = db.value(pending, "INTAKE-KILLED-%")
    servers[0].kill()
    check(
        f"every order answered 201 and waiting for its planning ({statuses.count(201)} answered, {waiting} waiting)",
        statuses.count(201) == waiting == INTAKE_ORDERS // 4,
    )
    start_jobs(db, servers[1], setup, setup["intake_crons"])
    planned = wait_for(lambda: db.value(pending, "INTAKE-%") == 0, 600)
    check(f"server B planned the orders server A acknowledged ({db.value(pending, 'INTAKE-%')} left)", planned)
    emit("Restarting server A")
    servers[0].start()
    emit(f"Intake: {INTAKE_ORDERS} orders posted to both servers, two copies of the planning job on both")
    started = time.monotonic()
    statuses = post_orders(servers, fixtures, "INTAKE-BOTH", INTAKE_ORDERS)
    planned = wait_for(lambda: db.value(pending, "INTAKE-%") == 0, 600)
    emit(f"  posted and planned in {time.monotonic() - started:.0f} s")
    check(f"every order answered 201 ({statuses.count(201)} of {INTAKE_ORDERS})", statuses.count(201) == INTAKE_ORDERS)
    check(f"every order planned ({db.value(pending, 'INTAKE-%')} left)", planned)
    orders = db.value("SELECT count(*) FROM telecom_order WHERE external_reference LIKE %s", "INTAKE-%")
    # Routed: given a division, or found uncovered (the fixtures' address is covered by no division).
    routed = db.value(
        """SELECT count(*) FROM telecom_order
            WHERE external_reference LIKE %s AND (division_id IS NOT NULL OR uncovered_address)""",
        "INTAKE-%",
    )
    started_once = db.value(
        """SELECT count(*) FROM telecom_order o
            WHERE o.external_reference LIKE %s
              AND EXISTS (SELECT 1 FROM telecom_order_step s WHERE s.order_id = o.id)""",
        "INTAKE-%",
    )
    twice = db.value(
        """SELECT count(*) FROM (SELECT s.order_id FROM telecom_order_step s
                                   JOIN telecom_order o ON o.id = s.order_id
                                  WHERE o.external_reference LIKE %s
                                  GROUP BY s.order_id, s.scenario_step_id HAVING count(*) > 1) AS twice""",
        "INTAKE-%",
    )
    expected = INTAKE_ORDERS + INTAKE_ORDERS // 4
    check(f"every order routed ({routed} of {orders}, {expected} posted)", routed == orders == expected)
    check(
        f"each order planned exactly once: {started_once} entered their scenario, {twice} entered a step twice",
        started_once == expected and twice == 0,
    )


def idempotency(db, servers, fixtures):
    emit("Same Idempotency-Key sent to both servers at once")
    body = product_order_body(fixtures, "TWO-SERVERS-1")
    headers = {"X-API-Key": fixtures["key"], "Idempotency-Key": "two-servers-key"}
    barrier = threading.Barrier(8)

    def post(index):
        barrier.wait()
        return requests.post(
            servers[index % 2].url + PRODUCT_ORDER, json=body, headers=headers, timeout=TIMEOUT
        ).status_code

    with ThreadPoolExecutor(8) as pool:
        statuses = sorted(pool.map(post, range(8)))
    orders = db.value("SELECT count(*) FROM telecom_order WHERE external_reference = 'TWO-SERVERS-1'")
    check(f"one order for one Idempotency-Key sent 8 times to 2 servers ({orders}; answers {statuses})", orders == 1)


def public_form(db, servers, fixtures):
    emit("Same public-form token sent to both servers at once")
    visitor = requests.Session()
    page = visitor.get(servers[0].url + "/telecom/order", timeout=TIMEOUT).text
    token = re.search(r'name="form_token" value="([^"]+)"', page)[1]
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    data = {
        "csrf_token": csrf,
        "form_token": token,
        "subscriber_kind": "individual",
        "name": "Two Servers Prospect",
        "email": "two.servers@example.com",
        "phone": "+32 470 99 88 77",
        "street": "Rue des Serveurs",
        "house_number": "2",
        "city": "Town 0",
        "zip": "1000",
        "country_id": str(fixtures["country"]),
        "product_ids": [fixtures["fiber"]],
    }
    barrier = threading.Barrier(6)

    def post(index):
        barrier.wait()
        return visitor.post(servers[index % 2].url + "/telecom/order", data=data, timeout=TIMEOUT).status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(post, range(6)))
    orders = db.value("SELECT count(*) FROM telecom_order WHERE form_token = %s", token)
    check(f"one order for one form token sent 6 times to 2 servers ({orders}; answers {statuses})", orders == 1)


def sessions(servers, setup, seed):
    emit("Sessions and attachments across servers")
    portal = web_login(servers[0].url, seed["few_orders_login"], seed["password"])
    page = portal.get(servers[1].url + "/my/telecom/orders", timeout=TIMEOUT, allow_redirects=False)
    check(
        f"a portal login on server A is valid on server B (GET /my/telecom/orders: {page.status_code})",
        page.status_code == 200,
    )
    manager = web_login(servers[1].url, seed["manager_login"], seed["password"])
    content = os.urandom(4096)
    attachment_id = rpc(
        servers[1].url,
        manager,
        "ir.attachment",
        "create",
        [
            {
                "name": "two-servers.bin",
                "datas": base64.b64encode(content).decode(),
                "res_model": "res.partner",
                "res_id": seed["few_orders_partner"],
            }
        ],
    )
    response = manager.get(f"{servers[0].url}/web/content/{attachment_id}?download=true", timeout=TIMEOUT)
    check(
        f"an attachment stored through server B is served by server A ({len(response.content)} bytes)",
        response.content == content,
    )


def answers(url):
    try:
        return requests.get(url, timeout=TIMEOUT).ok
    except requests.RequestException:  # not started yet
        return False


def live_updates(db, servers, setup, seed):
    emit("Live updates: a browser's websocket on server A, the change made on server B")
    admin = web_login(servers[1].url, "admin", setup["password"])
    url = f"127.0.0.1:{servers[0].gevent_port}"
    client = None
    if wait_for(lambda: answers(f"http://{url}/websocket/health"), 60):
        client = websocket.create_connection(
            f"ws://{url}/websocket",
            cookie=f"session_id={admin.cookies['session_id']}",
            origin=f"http://{url}",
            timeout=TIMEOUT,
        )
    check(f"server A's websocket server answers on its gevent port ({url})", client is not None)
    if client is None:
        return
    received = []
    try:
        last = db.value("SELECT coalesce(max(id), 0) FROM bus_bus")
        client.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": last}}))
        admin_id = rpc(servers[1].url, admin, "res.users", "search", [[("login", "=", "admin")]])[0]
        rpc(
            servers[1].url,
            admin,
            "res.partner",
            "activity_schedule",
            [[seed["few_orders_partner"]]],
            {"act_type_xmlid": "mail.mail_activity_data_todo", "summary": "Two servers", "user_id": admin_id},
        )
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and "mail.activity/updated" not in received:
            received += [notification["message"]["type"] for notification in json.loads(client.recv())]
    except websocket.WebSocketTimeoutException:
        emit(f"  nothing more on the websocket within {TIMEOUT} s")
    finally:
        client.close()
    check(
        f"an activity assigned on server B reaches the user's websocket on server A (received: {received})",
        "mail.activity/updated" in received,
    )


def main():
    setup, fixtures, seed = (json.loads(argument) for argument in sys.argv[1:4])
    dsn, listener_port, port_a, port_b = sys.argv[4], int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
    command = sys.argv[sys.argv.index("--") + 1 :]
    listener = ThreadingHTTPServer(("127.0.0.1", listener_port), Listener)
    threading.Thread(target=listener.serve_forever, daemon=True).start()
    db = Database(dsn)
    servers = [Server("A", command, port_a), Server("B", command, port_b)]
    try:
        emit("Starting servers A and B")
        for server in servers:
            server.start()
        escalation(db, servers, setup)
        delivery(db, servers, setup)
        emit("Restarting server A")
        servers[0].start()
        intake(db, servers, setup, fixtures)
        idempotency(db, servers, fixtures)
        public_form(db, servers, fixtures)
        sessions(servers, setup, seed)
        live_updates(db, servers, setup, seed)
    finally:
        for server in servers:
            if server.process and server.process.poll() is None:
                server.kill(signal.SIGTERM)
        listener.shutdown()
    failed = checks.count(False)
    emit(f"\ntwo servers: {len(checks) - failed} checks passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
