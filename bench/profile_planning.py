# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell on a seeded bench database (bench_odoo.setup run): the
cost of the planning job per order, for batches of 1, 10 and 200 orders received
over the API (the burst's own orders: bench_http.payload). For each size, the
best of a few runs of `_cron_plan_received` (with the flush that ends its
transaction): milliseconds and queries per order. The burst's orders share one
address; with `spread`, each order is at another of the seeded addresses, as
an operator's orders are. With `profile_size`, a cProfile of that size's last
run is written to `profile_path` (pstats). Rolled back.
Usage, from the repository's root (on the Python path, as the package `bench`):
  echo 'from bench.profile_planning import profile; profile(env)' \\
      | PYTHONPATH=. odoo-bin shell -d DB"""

import cProfile
import json
import sys
import time

from bench.bench_http import payload


def _fixtures(env):
    """The fixtures of bench_odoo.setup, the last created of their names."""

    def last(model, domain):
        return env[model].search(domain, order="id desc", limit=1).id

    return {
        "partner": last("res.partner", [("name", "=", "Bench Subscriber")]),
        "premises": last("telecom.premises", [("city", "=", "Benchville")]),
        "fiber": last("product.product", [("name", "=", "Bench Fiber")]),
        "phone": last("product.product", [("name", "=", "Bench Phone")]),
    }


def profile(env, sizes=(1, 10, 200), runs=3, profile_size=None, profile_path="/tmp/planning.pstats", spread=False):
    client = env["telecom.api.client"].search([("name", "=", "Bench")], limit=1)
    service = env["telecom.api.product.order"].with_user(client.user_id)
    Intake = env["telecom.order.intake"]
    fixtures = _fixtures(env)
    addresses = [fixtures["premises"]]
    if spread:
        addresses = env["telecom.premises"].search([("city", "!=", "Benchville")], limit=max(sizes)).ids
    received = [0]

    def receive(count):
        for _index in range(count):
            received[0] += 1
            fixtures["premises"] = addresses[received[0] % len(addresses)]
            service._create(payload(fixtures, received[0], "PROFILE"), client.id)
        env.flush_all()
        env.cr.flush()
        env.invalidate_all()

    def plan(size, profiler=None):
        receive(size)
        before, started = env.cr.sql_log_count, time.perf_counter()
        if profiler:
            profiler.enable()
        planned = Intake._cron_plan_received(batch_size=size)
        env.flush_all()
        env.cr.flush()
        if profiler:
            profiler.disable()
        seconds, queries = time.perf_counter() - started, env.cr.sql_log_count - before
        env.invalidate_all()
        assert planned == size, f"{planned} orders planned of {size}"
        return seconds, queries

    # Orders waiting already, then a warm-up: caches, sequences, routing.
    while Intake._cron_plan_received(batch_size=500):
        pass
    plan(3)
    result = {}
    for size in sizes:
        measures = [plan(size) for _run in range(runs)]
        if size == profile_size:
            profiler = cProfile.Profile()
            plan(size, profiler)
            profiler.dump_stats(profile_path)
        seconds, queries = min(measures)
        result[size] = {"ms_per_order": round(seconds * 1000 / size, 2), "queries_per_order": round(queries / size, 2)}
        sys.stdout.write(f"planning job, a batch of {size}: {result[size]}\n")
    env.cr.rollback()
    sys.stdout.write(("PLANNING SPREAD " if spread else "PLANNING ") + json.dumps(result) + "\n")
