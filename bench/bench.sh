#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# The operator-scale benchmark, on a throwaway database with OCA helpdesk_mgmt
# installed beside OMS Telecom (in this database only; pip-installed into
# Odoo's Python when missing): seeds an operator's volume (seed.py), serves it
# with several workers and measures order intake (ORM, HTTP), the side by side
# with helpdesk tickets (ORM, JSON-RPC, portal pages), the backend web client's
# calls, escalation, reporting, PDF and routing. Prints each measure as a line
# "KEY <json>", then "BENCH" lines (JSON: baseline, ratios against it, checks,
# targets) that `make bench` summarises (bench_summary.py).
#   BENCH_SCALE small (default: 5,000 subscribers, 10,000 orders), or full
#     (50,000 subscribers, 100,000 orders).
#   BENCH_ORDERS orders created over HTTP and by the ORM (100 small, 1000 full),
#   BENCH_WORKERS (4), BENCH_CONCURRENCY (8), BENCH_TICKETS problem orders and
#   tickets of the helpdesk comparison (50 small, 200 full), BENCH_BURST
#   orders posted at once by BENCH_BURST_CLIENTS clients (2000 by 32)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../tools/oms_env.sh"
oms_find_odoo
oms_start_pg
oms_fast_commits
SCALE="${BENCH_SCALE:-small}"
case "$SCALE" in
small) ORDERS="${BENCH_ORDERS:-100}" TICKETS="${BENCH_TICKETS:-50}" ;;
full) ORDERS="${BENCH_ORDERS:-1000}" TICKETS="${BENCH_TICKETS:-200}" ;;
*) die "BENCH_SCALE is small or full, not $SCALE" ;;
esac
WORKERS="${BENCH_WORKERS:-4}"
BURST="${BENCH_BURST:-2000}"
BURST_CLIENTS="${BENCH_BURST_CLIENTS:-32}"
CONCURRENCY="${BENCH_CONCURRENCY:-8}"
DB="oms_bench_$(date +%s)_$$"
PORT="$("$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
OPTIONS=("${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore" -d "$DB")
ODOO=("$ODOO_PYTHON" "$ODOO_BIN" "${OPTIONS[@]}")
# The shell imports this folder as the package `bench` (it is not an addon).
ODOO_SHELL=(env PYTHONPATH="$OMS_ROOT${PYTHONPATH:+:$PYTHONPATH}"
    "$ODOO_PYTHON" "$ODOO_BIN" shell "${OPTIONS[@]}" --no-http --log-level=warn)
LOG="$(mktemp)"
MEASURES="$(mktemp)"
SERVER_PID=""

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
    rm -f "$LOG" "$LOG.shell" "$MEASURES"
}
trap cleanup EXIT

# Runs Python in an Odoo shell on the bench database; keeps the lines "$1 <json>".
in_shell() {
    local key="$1" code="$2" output
    output="$(echo "$code" | "${ODOO_SHELL[@]}" 2>"$LOG.shell" | grep "^$key " || true)"
    [ -n "$output" ] || { tail -n 30 "$LOG.shell" >&2; die "the shell printed no $key line (its log above)"; }
    echo "$output" | tee -a "$MEASURES"
}

if ! "$ODOO_PYTHON" -m pip show -q odoo-addon-helpdesk_mgmt 2>/dev/null; then
    echo "Installing OCA helpdesk_mgmt into $ODOO_PYTHON (for the side by side only)"
    "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check "odoo-addon-helpdesk_mgmt==18.0.*" 2>&1 \
        | grep -v "^WARNING: Location" || true
fi

echo "Installing oms_telecom_api, oms_telecom_portal and helpdesk_mgmt on $DB"
started=$SECONDS
"${ODOO[@]}" -i oms_telecom_api,oms_telecom_portal,helpdesk_mgmt --without-demo=all --stop-after-init --log-level=warn
echo "Installed in $((SECONDS - started)) s; seeding ($SCALE)"
SEED="$(in_shell SEED "from bench.seed import seed; seed(env, '$SCALE')" | sed 's/^SEED //')"
grep "^seeded" "$LOG.shell" || true
FIXTURES="$(in_shell FIXTURES "from bench.bench_odoo import setup; setup(env, 'http://127.0.0.1:$PORT')" | sed 's/^FIXTURES //')"
CALLS="$(in_shell WEBCALLS "import json; from bench.bench_operations import web_calls; web_calls(env, json.loads('$SEED'))" | sed 's/^WEBCALLS //')"
# A live database's state: the seeded rows vacuumed (visibility map, hint bits)
# now, rather than by autovacuum in the middle of the measures.
started=$SECONDS
oms_psql -d "$DB" -c "VACUUM (ANALYZE)" >/dev/null
echo "Vacuumed in $((SECONDS - started)) s"

echo "Serving with $WORKERS workers on 127.0.0.1:$PORT"
# -d alone, as the README's deployment: a dbfilter would list the databases on
# every request without a session, each API call included.
# One cron worker: it plans the orders the API receives (the bench's other
# scheduled actions are switched off by its setup, they are measured on their own).
"${ODOO[@]}" --workers "$WORKERS" --max-cron-threads 1 --http-interface 127.0.0.1 \
    --http-port "$PORT" --limit-time-real 600 --limit-time-cpu 600 --log-level=warn >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/tmf-api/openapi.json" >/dev/null && break
    sleep 1
done

echo "HTTP: order intake"
"$ODOO_PYTHON" "$HERE/bench_http.py" "http://127.0.0.1:$PORT" "$FIXTURES" "$ORDERS" "$CONCURRENCY" | tee -a "$MEASURES"
echo "HTTP: JSON-RPC intake, portal pages, backend calls"
"$ODOO_PYTHON" "$HERE/bench_web.py" "http://127.0.0.1:$PORT" "$DB" "$SEED" "$CALLS" "$FIXTURES" "$TICKETS" "$CONCURRENCY" \
    | tee -a "$MEASURES" || { tail -n 20 "$LOG" >&2; die "the web measures failed (server log above)"; }
echo "HTTP: TMF POST vs helpdesk ticket over /jsonrpc, the floor, a burst of $BURST orders by $BURST_CLIENTS clients"
env PYTHONPATH="$OMS_ROOT${PYTHONPATH:+:$PYTHONPATH}" BENCH_SERVER_PID="$SERVER_PID" "$ODOO_PYTHON" -m bench.bench_intake "http://127.0.0.1:$PORT" "$DB" \
    "$SEED" "$FIXTURES" "$TICKETS" "$CONCURRENCY" "$BURST" "$BURST_CLIENTS" | tee -a "$MEASURES" \
    || { tail -n 20 "$LOG" >&2; die "the intake measures failed (server log above)"; }
# The ORM measures run while the server is up: the PDF reads its styles from it.
echo "ORM: intake, helpdesk, escalation, reporting, PDF, routing"
PY_FIXTURES="import json; fixtures = json.loads('$FIXTURES'); from bench import bench_odoo, bench_operations"
in_shell ORM "$PY_FIXTURES; bench_odoo.orm_batch(env, fixtures, $ORDERS)" >/dev/null
in_shell HELPDESK "$PY_FIXTURES; bench_operations.helpdesk(env, fixtures, $TICKETS)" >/dev/null
in_shell OPERATIONS "$PY_FIXTURES; bench_operations.operations(env, fixtures)" >/dev/null
in_shell QUALIFICATION "from bench.bench_qualification import qualification; qualification(env)" >/dev/null
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
echo "Profile: a bare authenticated GET, layer by layer"
in_shell PROFILE "import json; from bench.profile_floor import profile; profile(env, json.loads('$FIXTURES'))" >/dev/null
echo "Profile: a TMF POST beside a helpdesk ticket over /jsonrpc, layer by layer"
in_shell PROFILEPOST "import json; from bench.profile_post import profile; profile(env, json.loads('$FIXTURES'), json.loads('$SEED'))" >/dev/null

grep -h "^[A-Z]* {" "$MEASURES" | grep -v "^WEBCALLS\|^FIXTURES" || true
"$ODOO_PYTHON" "$HERE/bench_summary.py" "$MEASURES" "$WORKERS"
