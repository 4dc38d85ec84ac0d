# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell on a seeded bench database: where the queries of one
order's intake go. Counts the queries of create() and of action_submit() of
connection orders, of an order through the API's service layer (as the HTTP
POST runs it) and of the planning job that follows it, by the innermost OMS
Telecom function that issued them; rolled back.
Usage, from the repository's root (on the Python path, as the package `bench`):
  echo 'from bench.profile_intake import profile; profile(env)' \\
      | PYTHONPATH=. odoo-bin shell -d DB"""

import collections
import json
import sys

from odoo import Command
from odoo.tools.profiler import Profiler

PROJECT_MARK = "/oms_telecom"


def count(function):
    """Run `function` and count its queries by the innermost project frame
    (file:function) of their stack, from Odoo's profiler (SQL collector,
    results not saved)."""
    where = collections.Counter()
    with Profiler(collectors=["sql"], db=None) as profiler:
        function()
    for entry in profiler.collectors[0].entries:
        frames = [frame for frame in entry["stack"] if PROJECT_MARK in frame[0]]
        label = f"{frames[-1][0].rsplit('/', 2)[-1]}:{frames[-1][2]}" if frames else "odoo core / framework"
        where[label] += 1
    return where


def _report(title, where):
    sys.stdout.write(f"{title}: {sum(where.values())} queries\n")
    for label, count in where.most_common(15):
        sys.stdout.write(f"  {count:4d}  {label}\n")


def profile(env):
    manager = env["res.users"].search([("login", "=", "bench_manager")])
    Order = env["telecom.order"].with_user(manager)
    partner = env["res.partner"].search([("is_telecom_subscriber", "=", True)], limit=1)
    premises = env["telecom.premises"].search([("city", "=", "Town 0")], limit=2)
    fiber = env["product.product"].search([("name", "=", "Bench Fiber")], limit=1)

    def values(index):
        return {
            "partner_id": partner.id,
            "premises_id": premises[index % 2].id,
            "order_type": "connection",
            "line_ids": [Command.create({"product_id": fiber.id, "parameters": {"bandwidth": 500}})],
        }

    # Warm-up: caches, sequences, routing.
    Order.create([values(0)]).action_submit()
    env.flush_all()
    env.invalidate_all()
    result = {}
    for size in (1, 10):
        orders = Order.browse()

        def create(size=size):
            nonlocal orders
            orders = Order.create([values(index) for index in range(size)])
            env.flush_all()

        where_create = count(create)
        where_submit = count(lambda orders=orders: (orders.action_submit(), env.flush_all()))
        _report(f"create() of {size} order(s)", where_create)
        _report(f"action_submit() of {size} order(s)", where_submit)
        result[size] = {"create": sum(where_create.values()), "submit": sum(where_submit.values())}
        env.invalidate_all()
    client = env["telecom.api.client"].search([("name", "=", "Bench")], limit=1)
    service = env["telecom.api.product.order"].with_user(client.user_id)
    for size in (1, 10):
        payload = payload_of(partner, premises[0], fiber, size)
        where_api = count(
            lambda payload=payload: (service._to_tmf(service._create(payload, client.id)), env.flush_all())
        )
        _report(f"API service layer, an order of {size} item(s)", where_api)
        result[size]["api"] = sum(where_api.values())
        env.invalidate_all()
    for size in (1, 10):
        for _order in range(size):
            service._create(payload_of(partner, premises[0], fiber, 2), client.id)
        env.flush_all()
        env.invalidate_all()
        where_plan = count(lambda: (env["telecom.order.intake"]._cron_plan_received(), env.flush_all()))
        _report(f"planning job, a batch of {size} API order(s)", where_plan)
        result[size]["plan"] = sum(where_plan.values())
        env.invalidate_all()
    env.cr.rollback()
    sys.stdout.write("PROFILE " + json.dumps(result) + "\n")


def payload_of(partner, premises, product, items):
    """A TMF622 productOrder as bench_http.py posts it."""
    return {
        "relatedParty": [{"id": str(partner.id), "role": "Customer"}],
        "productOrderItem": [
            {
                "id": str(index + 1),
                "action": "add",
                "productOffering": {"id": str(product.id)},
                "product": {
                    "productCharacteristic": [{"name": "bandwidth", "value": 500}],
                    "place": [{"id": str(premises.id)}],
                },
            }
            for index in range(items)
        ],
    }
