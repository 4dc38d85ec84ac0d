# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell on the bench database (its fixtures committed): what a
bare authenticated GET of one order through the TMF API is made of. Sends
REQUESTS requests to Odoo's WSGI application in this process, one after the
other, and times the layers they go through (wall time, so the parts the ASGI
bridge runs in other threads are counted): Odoo's HTTP layer (request, session,
database, ir.http), the ASGI bridge (a2wsgi), FastAPI (routing, dependencies,
validation), and ours (authentication by API key, the order's access check and
mapping, serialisation). Prints "PROFILE <json>": milliseconds per request of
each layer, its own time without the layers inside it.
Run by bench.sh:
  echo 'from bench.profile_floor import profile; profile(env, fixtures)' | odoo-bin shell -d DB"""

import inspect
import json
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from unittest.mock import patch

from fastapi import routing
from werkzeug.test import Client

from odoo import http

from odoo.addons.fastapi.fastapi_dispatcher import FastApiDispatcher
from odoo.addons.fastapi.middleware import ASGIMiddleware
from odoo.addons.oms_telecom_api.middleware import TMFGuardMiddleware
from odoo.addons.oms_telecom_api.routers import product_order

REQUESTS = 300
PATH = "/tmf-api/productOrderingManagement/v4/productOrder"


class Timers:
    """Wall time spent in each wrapped function, and in the wrapped ones under it."""

    def __init__(self):
        self.total = defaultdict(float)
        self.inner = defaultdict(float)
        self.stack = []

    def enter(self, label):
        self.stack.append(label)
        return time.perf_counter()

    def leave(self, label, started):
        spent = time.perf_counter() - started
        self.stack.pop()
        self.total[label] += spent
        if self.stack:
            self.inner[self.stack[-1]] += spent

    def wrap(self, label, function):
        if inspect.iscoroutinefunction(function):

            async def timed_async(*args, **kwargs):
                started = self.enter(label)
                try:
                    return await function(*args, **kwargs)
                finally:
                    self.leave(label, started)

            return timed_async

        def timed(*args, **kwargs):
            started = self.enter(label)
            try:
                return function(*args, **kwargs)
            finally:
                self.leave(label, started)

        return timed

    def own_ms(self, count):
        return {label: round((self.total[label] - self.inner[label]) * 1000 / count, 2) for label in self.total} | {
            "request (all layers)": round(self.total["odoo http"] * 1000 / count, 2)
        }


def _layers(env):
    """(label, object, attribute) of the functions timed, outermost first."""
    client_class = type(env["telecom.api.client"])
    mapping_class = type(env["telecom.api.product.order"])
    return [
        ("odoo http", http.Application, "__call__"),
        ("odoo dispatch to the app (environment, language)", FastApiDispatcher, "dispatch"),
        ("asgi bridge (a2wsgi) and starlette", ASGIMiddleware, "__call__"),
        ("TMF guard middleware (ours) and FastAPI's app around the route", TMFGuardMiddleware, "__call__"),
        ("fastapi dependencies and validation", routing, "solve_dependencies"),
        ("ours: authentication (API key)", client_class, "_authenticate"),
        ("fastapi route call", routing, "run_endpoint_function"),
        ("ours: order access check", mapping_class, "_get"),
        ("ours: mapping to TMF", mapping_class, "_to_tmf"),
        ("ours: serialisation", product_order, "json_response"),
    ]


def profile(env, fixtures):
    order = env["telecom.order"].search([("tmf_client_id", "!=", False)], limit=1)
    client = Client(http.root)
    headers = {"X-API-Key": fixtures["key"]}
    url = f"{PATH}/{order.id}?fields=id"
    env.cr.commit()  # the requests read in their own transactions
    for _warm in range(20):
        client.get(url, headers=headers)
    timers = Timers()
    with ExitStack() as stack:
        for label, owner, name in _layers(env):
            stack.enter_context(patch.object(owner, name, timers.wrap(label, getattr(owner, name))))
        started = time.perf_counter()
        statuses = {client.get(url, headers=headers).status_code for _request in range(REQUESTS)}
        elapsed = time.perf_counter() - started
    result = {
        "requests": REQUESTS,
        "statuses": sorted(statuses),
        "in_process_ms_per_request": round(elapsed * 1000 / REQUESTS, 2),
        "own_ms": timers.own_ms(REQUESTS),
    }
    sys.stdout.write("PROFILE " + json.dumps(result) + "\n")
