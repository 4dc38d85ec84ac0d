#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make shell`: Odoo shell on the demo database (created by `make run`).
source "$(dirname "$0")/oms_env.sh"
oms_find_odoo
oms_start_pg
oms_write_config
oms_db_exists "$OMS_DB" || die "database $OMS_DB does not exist yet: run 'make run' first."
exec "$ODOO_PYTHON" "$ODOO_BIN" shell "${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" \
    --data-dir "$OMS_STATE_DIR/filestore" -d "$OMS_DB" --no-http
