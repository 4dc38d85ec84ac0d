#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make two-servers`: two real Odoo servers (multi-worker, cron workers on
# both) on one throwaway database and one filestore, and the checks of
# bench/two_servers.py: escalation levels fired once with the job running on
# both, events all delivered when one server is killed mid-batch, orders
# acknowledged by a server killed before planning them planned by the other,
# orders posted to both planned exactly once, one order per
# Idempotency-Key and per public-form token sent to both, sessions and
# attachments valid across them, live updates (websocket) from one server to
# the other. Exits non-zero when a check fails.
#   TWO_SERVERS_WORKERS (2 HTTP workers per server), TWO_SERVERS_CRON (2 cron
#   workers per server), TWO_SERVERS_KEEP_LOGS=1 keeps the servers' logs
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_fast_commits
cd "$OMS_ROOT"
DB="oms_two_servers_$(date +%s)_$$"
free_port() { "$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
LISTENER_PORT="$(free_port)"
PORT_A="$(free_port)"
PORT_B="$(free_port)"
OPTIONS=("${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore" -d "$DB")
LOG_DIR="$(mktemp -d)"
export TWO_SERVERS_LOG_DIR="$LOG_DIR"

cleanup() {
    oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
    if [ -n "${TWO_SERVERS_KEEP_LOGS:-}" ]; then echo "Server logs kept in $LOG_DIR"; else rm -rf "$LOG_DIR"; fi
}
trap cleanup EXIT

# The shell imports bench/ as the package `bench` (it is not an addon).
in_shell() {
    echo "$2" | PYTHONPATH="$OMS_ROOT${PYTHONPATH:+:$PYTHONPATH}" \
        "$ODOO_PYTHON" "$ODOO_BIN" shell "${OPTIONS[@]}" --no-http --log-level=warn 2>"$LOG_DIR/shell.log" \
        | sed -n "s/^$1 //p"
}

echo "Installing oms_telecom_api and oms_telecom_portal on $DB"
"$ODOO_PYTHON" "$ODOO_BIN" "${OPTIONS[@]}" -i oms_telecom_api,oms_telecom_portal --without-demo=all \
    --stop-after-init --log-level=warn
SEED="$(in_shell SEED "from bench.seed import seed; seed(env, 'small')")"
[ -n "$SEED" ] || { tail -n 30 "$LOG_DIR/shell.log" >&2; die "seeding failed"; }
FIXTURES="$(in_shell FIXTURES "from bench.bench_odoo import setup; setup(env)")"
CRON_WORKERS=$((2 * ${TWO_SERVERS_CRON:-2}))
SETUP="$(in_shell TWOSERVERS "from bench.two_servers_setup import setup; setup(env, 'http://127.0.0.1:$LISTENER_PORT/events', $CRON_WORKERS)")"
[ -n "$FIXTURES" ] && [ -n "$SETUP" ] || { tail -n 30 "$LOG_DIR/shell.log" >&2; die "the set-up failed"; }

DSN="dbname=$DB host=${PGHOST:-127.0.0.1} port=${PGPORT:-$OMS_PG_PORT} user=${PGUSER:-odoo}"
[ -n "${PGPASSWORD:-}" ] && DSN="$DSN password=$PGPASSWORD"
# Both servers: the same database and filestore (sessions live in it too).
"$ODOO_PYTHON" "$OMS_ROOT/bench/two_servers.py" "$SETUP" "$FIXTURES" "$SEED" "$DSN" "$LISTENER_PORT" "$PORT_A" "$PORT_B" -- \
    "$ODOO_PYTHON" "$ODOO_BIN" "${OPTIONS[@]}" --http-interface 127.0.0.1 \
    --workers "${TWO_SERVERS_WORKERS:-2}" --max-cron-threads "$((CRON_WORKERS / 2))" \
    --limit-time-real 900 --limit-time-cpu 900 --limit-time-real-cron 900 --log-level=warn \
    --log-handler odoo.addons.oms_telecom.models.telecom_order_step:INFO --log-handler odoo.addons.base.models.ir_cron:INFO
