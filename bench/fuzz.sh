#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Schema fuzzing: schemathesis against the served OpenAPI document of a
# throwaway database (fixtures of bench_odoo.setup), with a valid API key.
# Fails on any server error (5xx). schemathesis lives in its own virtualenv
# ($OMS_STATE_DIR/venv-fuzz), created on first use.
#   FUZZ_MAX_TIME (600 s), FUZZ_CHECKS (not_a_server_error), FUZZ_WORKERS (2)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
source "$HERE/../tools/oms_env.sh"
oms_find_odoo
oms_start_pg
oms_fast_commits
VENV="$OMS_STATE_DIR/venv-fuzz"
if [ ! -x "$VENV/bin/schemathesis" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q "schemathesis>=4,<5"
fi
DB="oms_fuzz_$(date +%s)_$$"
PORT="$("$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
OPTIONS=("${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore" -d "$DB")
ODOO=("$ODOO_PYTHON" "$ODOO_BIN" "${OPTIONS[@]}")
# The shell imports this folder as the package `bench` (it is not an addon).
ODOO_SHELL=(env PYTHONPATH="$OMS_ROOT${PYTHONPATH:+:$PYTHONPATH}"
    "$ODOO_PYTHON" "$ODOO_BIN" shell "${OPTIONS[@]}" --no-http --log-level=warn)
LOG="$OMS_STATE_DIR/fuzz-server.log"
SERVER_PID=""

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
}
trap cleanup EXIT

"${ODOO[@]}" -i oms_telecom_api --without-demo=all --stop-after-init --log-level=warn
FIXTURES="$(echo 'from bench.bench_odoo import setup; setup(env)' \
    | "${ODOO_SHELL[@]}" 2>/dev/null | sed -n 's/^FIXTURES //p')"
[ -n "$FIXTURES" ] || die "the fixtures could not be created on $DB"
KEY="$("$ODOO_PYTHON" -c 'import json, sys; print(json.loads(sys.argv[1])["key"])' "$FIXTURES")"
"${ODOO[@]}" --workers 2 --max-cron-threads 0 --http-interface 127.0.0.1 \
    --http-port "$PORT" --log-level=warn >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 60); do
    curl -sf "http://127.0.0.1:$PORT/tmf-api/openapi.json" >/dev/null && break
    sleep 1
done
set +e
# schemathesis keeps its example database in the working directory: not in the clone.
mkdir -p "$OMS_STATE_DIR/fuzz" && cd "$OMS_STATE_DIR/fuzz"
"$VENV/bin/schemathesis" run "http://127.0.0.1:$PORT/tmf-api/openapi.json" \
    --url "http://127.0.0.1:$PORT/tmf-api" -H "X-API-Key: $KEY" \
    --checks "${FUZZ_CHECKS:-not_a_server_error}" --max-time "${FUZZ_MAX_TIME:-600}" \
    --workers "${FUZZ_WORKERS:-2}" --request-timeout 60 --suppress-health-check all \
    --report junit --report-dir "$OMS_STATE_DIR/fuzz-report" --no-color
STATUS=$?
set -e
echo "Server log lines at WARNING or above: $(grep -cE ' (WARNING|ERROR|CRITICAL) ' "$LOG" || true) (see $LOG)"
echo "Server errors (HTTP 5xx) in the server log: $(grep -cE '" 5[0-9]{2} ' "$LOG" || true)"
exit $STATUS
