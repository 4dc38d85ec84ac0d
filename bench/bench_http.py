# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Create orders over HTTP against a running server and print orders/s; then
check that concurrent submissions with one Idempotency-Key create one order.
Usage: bench_http.py BASE_URL FIXTURES_JSON [COUNT] [CONCURRENCY]"""

import json
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests

PATH = "/tmf-api/productOrderingManagement/v4/productOrder"


def payload(fixtures, index, prefix="HTTP"):
    return {
        "externalId": f"{prefix}-{index}",
        "relatedParty": [{"id": str(fixtures["partner"]), "role": "Customer"}],
        "productOrderItem": [
            {
                "id": "1",
                "action": "add",
                "productOffering": {"id": str(fixtures["fiber"])},
                "product": {
                    "productCharacteristic": [{"name": "bandwidth", "value": 500}],
                    "place": [{"id": str(fixtures["premises"])}],
                },
            },
            {"id": "2", "action": "add", "productOffering": {"id": str(fixtures["phone"])}},
        ],
    }


def main():
    base_url, fixtures = sys.argv[1], json.loads(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    concurrency = int(sys.argv[4]) if len(sys.argv) > 4 else 8
    local = threading.local()

    def session():
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers.update({"X-API-Key": fixtures["key"], "Content-Type": "application/json"})
        return local.session

    def post(index, prefix="HTTP", key=None):
        headers = {"Idempotency-Key": key or f"{prefix}-{index}"}
        response = session().post(
            base_url + PATH, data=json.dumps(payload(fixtures, index, prefix)), headers=headers, timeout=120
        )
        return response.status_code

    for index in range(8):  # warm-up: every worker loads its registry and app
        post(index, prefix="WARM")
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(post, range(count)))
    elapsed = time.perf_counter() - started
    failures = len([status for status in statuses if status != 201])

    # One key, submitted at once by many clients: one order.
    barrier = threading.Barrier(concurrency)

    def same_key(_index):
        barrier.wait()
        return post(0, prefix="RACE", key="race-key")

    with ThreadPoolExecutor(concurrency) as pool:
        race = list(pool.map(same_key, range(concurrency)))
    listed = session().get(base_url + PATH, params={"externalId": "RACE-0", "fields": "id"}, timeout=60)
    result = {
        "http_orders": count,
        "http_concurrency": concurrency,
        "http_failures": failures,
        "http_seconds": round(elapsed, 2),
        "http_per_second": round(count / elapsed, 1),
        "race_statuses": sorted(race),
        "race_orders_created": int(listed.headers.get("X-Total-Count", -1)),
    }
    sys.stdout.write("HTTP " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
