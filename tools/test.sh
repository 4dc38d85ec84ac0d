#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make test`: install the addons with tests on a throwaway database, fail on
# any test failure or ERROR/WARNING log line, drop the database, print a summary.
#   OMS_TEST_ADDONS  addons to install and test (default: all of the project)
#   OMS_TEST_TAGS    --test-tags filter (e.g. /oms_telecom:TestOrder)
#   OMS_KEEP_DB=1    keep the database for pytest-odoo / debugging
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_fast_commits
oms_write_config

DB="oms_test_$(date +%s)_$$"
LOG_DIR="$OMS_STATE_DIR/test-logs"
LOG="$LOG_DIR/$DB.log"
mkdir -p "$LOG_DIR"
HTTP_PORT="$("$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
ADDONS="${OMS_TEST_ADDONS:-$OMS_ADDONS}"
# Only the project's tests: installing with --test-enable would otherwise run
# the tests of every dependency (base, web, mail...).
TAGS="${OMS_TEST_TAGS:-/${ADDONS//,/,/}}"

cleanup() {
    if [ "${OMS_KEEP_DB:-0}" != 1 ]; then
        oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
        rm -rf "$OMS_STATE_DIR/filestore/filestore/$DB"
    else
        echo "Kept database $DB; one test file on it with pytest-odoo:"
        echo "  $ODOO_PYTHON -m pytest -p no:cacheprovider --odoo-database=$DB --odoo-config=$OMS_CONFIG <test file>"
    fi
}
trap cleanup EXIT

echo "Testing $ADDONS ($TAGS) on database $DB (log: $LOG)"
set +e
"$ODOO_PYTHON" "$ODOO_BIN" "${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" \
    --data-dir "$OMS_STATE_DIR/filestore" -d "$DB" -i "$ADDONS,$OMS_DEMO_ADDONS" \
    --test-enable --test-tags "$TAGS" --stop-after-init --workers 0 --max-cron-threads 0 \
    --http-interface 127.0.0.1 --http-port "$HTTP_PORT" --log-level=test 2>&1 | tee "$LOG"
ODOO_RC=${PIPESTATUS[0]}
set -e
"$ODOO_PYTHON" "$OMS_ROOT/tools/test_summary.py" "$LOG" "$ODOO_RC" "$OMS_ROOT/.ci/checklog-ignore"
