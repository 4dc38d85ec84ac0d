#!/usr/bin/env bash
# Throughput of order creation: 2,000 orders over HTTP (Odoo with 4 workers)
# side by side with the same orders created by one batched ORM call, on a
# throwaway database. Prints both figures and their ratio.
#   BENCH_ORDERS (2000), BENCH_WORKERS (4), BENCH_CONCURRENCY (8)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../../tools/oms_env.sh"
oms_find_odoo
oms_start_pg
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

"$ODOO_PYTHON" - "$HTTP" "$ORM" <<'PY'
import json, sys
http, orm = json.loads(sys.argv[1]), json.loads(sys.argv[2])
result = {**http, **orm}
result["ratio_http_to_orm_create"] = round(http["http_per_second"] / orm["orm_create_per_second"], 3)
result["ratio_http_to_orm_create_submit"] = round(http["http_per_second"] / orm["orm_create_submit_per_second"], 3)
sys.stdout.write(json.dumps(result, indent=2) + "\n")
PY
