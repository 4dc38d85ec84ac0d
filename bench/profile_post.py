# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell on the bench database (its fixtures committed): what a
TMF POST productOrder is made of, beside a helpdesk.ticket created over
/jsonrpc. Sends REQUESTS requests of each to Odoo's WSGI application in this
process, one after the other, counts the queries of one of each, and times the
layers a POST goes through (wall time, as profile_floor.py does for a GET).
Prints "PROFILEPOST <json>": milliseconds and queries per request of each side,
and the own milliseconds of each layer of the POST.
Run by bench.sh:
  echo 'from bench.profile_post import profile; profile(env, fixtures, seed)' | odoo-bin shell -d DB"""

import json
import sys
import time
from contextlib import ExitStack
from unittest.mock import patch

from fastapi import routing
from werkzeug.test import Client

from odoo import http
from odoo.sql_db import Cursor

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.addons.fastapi.middleware import ASGIMiddleware
from odoo.addons.oms_telecom_api.middleware import TMFGuardMiddleware

from bench.bench_http import PATH, payload
from bench.profile_floor import Timers

REQUESTS = 100


def _layers(env):
    """(label, object, attribute) of the functions timed, outermost first."""
    client_class = type(env["telecom.api.client"])
    service_class = type(env["telecom.api.product.order"])
    idempotency_class = type(env["telecom.api.idempotency"])
    intake_class = type(env["telecom.order.intake"])
    order_class = type(env["telecom.order"])
    return [
        ("odoo http", http.Application, "__call__"),
        ("odoo: commit (and the cron's wake-up after it)", Cursor, "commit"),
        ("odoo dispatch to the app (environment, language)", FastApiDispatcher, "dispatch"),
        ("asgi bridge (a2wsgi) and starlette", ASGIMiddleware, "__call__"),
        ("TMF guard middleware (ours) and FastAPI's app around the route", TMFGuardMiddleware, "__call__"),
        ("fastapi dependencies and body validation", routing, "solve_dependencies"),
        ("ours: authentication (API key)", client_class, "_authenticate"),
        ("fastapi route call and serialisation", routing, "run_endpoint_function"),
        ("ours: idempotency claims", idempotency_class, "_claim"),
        ("ours: idempotency response kept", idempotency_class, "_store_response"),
        ("ours: the order's creation, the rest", service_class, "_create"),
        ("ours: payload to values (party)", service_class, "_order_vals"),
        ("ours: payload to values (items, places, offerings)", service_class, "_items_vals"),
        ("ours: acceptance, the rest", intake_class, "_accept"),
        ("odoo ORM: order and lines stored, chatter", order_class, "create"),
        ("ours: acceptance checks (submittable, qualification)", intake_class, "_check"),
        ("ours: planning triggered", intake_class, "_trigger_planning"),
        ("ours: the 201 body", service_class, "_to_tmf"),
    ]


def profile(env, fixtures, seed):
    client = Client(http.root)
    tag = str(int(time.time()))
    headers = {"X-API-Key": fixtures["key"], "Content-Type": "application/json"}

    def post(index):
        key = f"PROFILE{tag}-{index}"
        body = json.dumps(payload(fixtures, index, f"PROFILE{tag}"))
        return client.post(PATH, data=body, headers=dict(headers, **{"Idempotency-Key": key})).status_code

    def rpc(params):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": params})
        return json.loads(client.post("/jsonrpc", data=body, headers={"Content-Type": "application/json"}).get_data())

    login = [env.cr.dbname, seed["manager_login"], seed["password"]]
    uid = rpc({"service": "common", "method": "login", "args": login})["result"]

    def ticket(index):
        values = {"name": f"Profile {index}", "description": "<p>No sync.</p>", "partner_id": fixtures["partner"]}
        args = [env.cr.dbname, uid, seed["password"], "helpdesk.ticket", "create", [values]]
        return 200 if "result" in rpc({"service": "object", "method": "execute_kw", "args": args}) else 500

    # No scheduled action runs in this shell: the orders posted would wait and the
    # requests would plan them after their commits, measured with them. The
    # request's own layers are measured here, the planning by profile_planning.py.
    env["ir.config_parameter"].set_param("oms_telecom.intake_planning_lag", 10**6)
    env.cr.commit()  # the requests read in their own transactions
    for index in range(20):
        post(10**6 + index)
        ticket(10**6 + index)
    result = {"requests": REQUESTS}
    for name, send in (("post", post), ("ticket", ticket)):
        result[f"{name}_queries"] = _queries(lambda send=send: send(10**7))
        started = time.perf_counter()
        statuses = {send(index) for index in range(REQUESTS)}
        result[f"{name}_ms_per_request"] = round((time.perf_counter() - started) * 1000 / REQUESTS, 2)
        result[f"{name}_statuses"] = sorted(statuses)
    timers = Timers()
    with ExitStack() as stack:
        for label, owner, name in _layers(env):
            stack.enter_context(patch.object(owner, name, timers.wrap(label, getattr(owner, name))))
        for index in range(REQUESTS):
            post(REQUESTS + index)
    result["post_own_ms"] = timers.own_ms(REQUESTS)
    sys.stdout.write("PROFILEPOST " + json.dumps(result) + "\n")


def _queries(function):
    """The queries `function` sends, every cursor counted."""
    count = [0]
    execute = Cursor.execute

    def counted(cursor, *args, **kwargs):
        count[0] += 1
        return execute(cursor, *args, **kwargs)

    with patch.object(Cursor, "execute", counted):
        function()
    return count[0]
