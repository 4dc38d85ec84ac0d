# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The qualification engine at an operator's volume: qualifying 5 offerings at
an address among 50,000 premises (topped up when the seed has fewer), against
the former coverage check of one address (the baseline), both in the server
process, cache cold as in a new request. Prints "QUALIFICATION <json>"."""

import json
import statistics
import time

TARGET_PREMISES = 50_000
RUNS = 40
ITEMS = 5


def _top_up_premises(env, target):
    """Premises up to `target`, spread over the seeded towns' streets."""
    # Seeding only: no chatter message per premises.
    Premises = env["telecom.premises"].with_context(tracking_disable=True, mail_create_nolog=True)
    missing = target - Premises.search_count([])
    areas = env["telecom.coverage.area"].search([("level", "=", "city"), ("division_kind", "=", "technical")])
    country = areas[:1].country_id or env.ref("base.be")
    towns = sorted(set(areas.filtered(lambda area: area.country_id == country).mapped("city"))) or ["Town 0"]
    for start in range(0, max(missing, 0), 5000):
        Premises.create(
            [
                {
                    "country_id": country.id,
                    "city": towns[number % len(towns)],
                    "street": f"Qualification Street {number % 97}",
                    "house_number": str(number),
                    "zip": f"{1000 + number % 800}",
                }
                for number in range(start, min(start + 5000, missing))
            ]
        )
    env.flush_all()
    return Premises.search_count([])


def _offerings(env):
    """Five offerings of the catalogue (created when the seed has fewer)."""
    domain = env["telecom.premises"]._telecom_offered_products_domain()
    products = env["product.product"].search(domain, limit=ITEMS)
    for index in range(ITEMS - len(products)):
        products |= env["product.product"].create(
            {
                "name": f"Bench Offering {index}",
                "type": "service",
                "is_telecom_service": True,
                "telecom_family": "tv",
                "telecom_monthly_price": 5.0 + index,
                "telecom_needs_installation": False,
            }
        )
    return products


def _median_ms(env, function):
    timings = []
    for _run in range(RUNS):
        env.invalidate_all()
        started = time.perf_counter()
        function()
        env.cr.flush()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return round(statistics.median(timings), 2), round(timings[int(len(timings) * 0.95) - 1], 2)


def qualification(env):
    premises_count = _top_up_premises(env, TARGET_PREMISES)
    products = _offerings(env)
    # The newest premises in a town a technical division covers (the bench's own
    # fixture premises, newer than the seed at full scale, are in none).
    areas = env["telecom.coverage.area"].search([("level", "=", "city"), ("division_kind", "=", "technical")])
    covered_towns = areas.mapped("city") or ["Town 0"]
    covered = env["telecom.premises"].search([("city", "in", covered_towns)], order="id desc", limit=1)
    address = {
        "street": covered.street,
        "house_number": covered.house_number,
        "zip": covered.zip,
        "city": covered.city,
        "country_id": covered.country_id.id,
    }
    uncovered = {**address, "city": "Nowhere Village"}
    Qualification = env["telecom.qualification"]
    Premises = env["telecom.premises"]
    # Warm caches (registry, access rules) as a running server has them.
    Qualification._qualify_address(address, products, "api")
    Premises._telecom_coverage_of_address(address)
    baseline, baseline_p95 = _median_ms(env, lambda: Premises._telecom_coverage_of_address(address))
    engine, engine_p95 = _median_ms(env, lambda: Qualification._qualify_address(address, products, "api"))
    engine_uncovered, _p95 = _median_ms(env, lambda: Qualification._qualify_address(uncovered, products, "api"))
    answer = Qualification._qualify_address(address, products, "api")
    result = {
        "premises": premises_count,
        "items": len(products),
        "runs": RUNS,
        "covered": answer.covered,
        "results": answer.item_ids.mapped("result"),
        "baseline_ms": baseline,
        "baseline_p95_ms": baseline_p95,
        "engine_ms": engine,
        "engine_p95_ms": engine_p95,
        "engine_uncovered_ms": engine_uncovered,
    }
    env.cr.rollback()
    print("QUALIFICATION " + json.dumps(result))
