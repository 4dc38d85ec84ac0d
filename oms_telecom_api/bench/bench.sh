#!/usr/bin/env bash
# Throughput of order creation: 2,000 orders over HTTP (Odoo with 4 workers)
# side by side with the same orders created by one batched ORM call, on a
# throwaway database. Prints both figures and their ratio, then a "BENCH" line
# (JSON: baseline, ratios against it, checks) that `make bench` summarises.
#   BENCH_ORDERS (2000), BENCH_WORKERS (4), BENCH_CONCURRENCY (8)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../tools/oms_env.sh"
oms_find_odoo
oms_start_pg
oms_fast_commits
ORDERS="${BENCH_ORDERS:-2000}"
WORKERS="${BENCH_WORKERS:-4}"
CONCURRENCY="${BENCH_CONCURRENCY:-8}"
DB="oms_bench_$(date +%s)_$$"
PORT="$("$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
OPTIONS=("${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore" -d "$DB")
ODOO=("$ODOO_PYTHON" "$ODOO_BIN" "${OPTIONS[@]}")
ODOO_SHELL=("$ODOO_PYTHON" "$ODOO_BIN" shell "${OPTIONS[@]}" --no-http --log-level=warn)
LOG="$(mktemp)"
SERVER_PID=""

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
    rm -f "$LOG"
}
trap cleanup EXIT

echo "Installing oms_telecom_api on $DB"
"${ODOO[@]}" -i oms_telecom_api --without-demo=all --stop-after-init --log-level=warn
FIXTURES="$(echo 'from odoo.addons.oms_telecom_api.bench.bench_odoo import setup; setup(env)' \
    | "${ODOO_SHELL[@]}" 2>/dev/null | sed -n 's/^FIXTURES //p')"
[ -n "$FIXTURES" ] || die "the fixtures could not be created on $DB"

echo "Serving with $WORKERS workers on 127.0.0.1:$PORT"
"${ODOO[@]}" --db-filter "^$DB\$" --workers "$WORKERS" --max-cron-threads 0 --http-interface 127.0.0.1 \
    --http-port "$PORT" --limit-time-real 600 --limit-time-cpu 600 --log-level=warn >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/tmf-api/openapi.json" >/dev/null && break
    sleep 1
done

HTTP="$("$ODOO_PYTHON" "$HERE/bench_http.py" "http://127.0.0.1:$PORT" "$FIXTURES" "$ORDERS" "$CONCURRENCY" | sed -n 's/^HTTP //p')"
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
ORM="$(echo "import json; from odoo.addons.oms_telecom_api.bench.bench_odoo import orm_batch; orm_batch(env, json.loads('$FIXTURES'), $ORDERS)" \
    | "${ODOO_SHELL[@]}" 2>/dev/null | sed -n 's/^ORM //p')"

[ -n "$HTTP" ] || { tail -n 20 "$LOG" >&2; die "the HTTP run printed no result (server log above)"; }
[ -n "$ORM" ] || die "the ORM run printed no result"

"$ODOO_PYTHON" - "$HTTP" "$ORM" "$WORKERS" <<'PY'
import json, sys
http, orm, workers = json.loads(sys.argv[1]), json.loads(sys.argv[2]), int(sys.argv[3])
result = {**http, **orm}
result["ratio_http_to_orm_create"] = round(http["http_per_second"] / orm["orm_create_per_second"], 3)
result["ratio_http_to_orm_create_submit"] = round(http["http_per_second"] / orm["orm_create_submit_per_second"], 3)
sys.stdout.write(json.dumps(result, indent=2) + "\n")
# Ratios against the batched create() of this same run: comparable across machines.
summary = {
    "name": f"Order creation, {orm['orm_orders']} orders of 2 lines",
    "baseline": f"one batched ORM create(): {orm['orm_create_per_second']} orders/s",
    "ratios": {
        "ORM create() then action_submit(), batched": round(
            orm["orm_create_submit_per_second"] / orm["orm_create_per_second"], 3
        ),
        f"HTTP POST productOrder, {http['http_concurrency']} clients, {workers} workers": result[
            "ratio_http_to_orm_create"
        ],
    },
    "checks": {
        f"every HTTP order answered 201 ({http['http_failures']} did not)": http["http_failures"] == 0,
        f"one Idempotency-Key sent by {http['http_concurrency']} clients at once: "
        f"{http['race_orders_created']} order": http["race_orders_created"] == 1,
    },
}
sys.stdout.write("BENCH " + json.dumps(summary) + "\n")
PY
