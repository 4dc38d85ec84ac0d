#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make pot`: regenerate each addon's translation template i18n/<addon>.pot with
# Odoo's own exporter (--i18n-export), as OCA's bots do, and bring every
# i18n/<lang>.po of the addon in line with it (tools/po_merge.py): new terms
# are added untranslated, terms gone from the code are dropped.
# The addons are installed without demo data on a throwaway database, so that
# demo record names do not become terms; the database is dropped afterwards.
#   OMS_POT_ADDONS  addons to export (default: all of the project)
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_fast_commits

DB="oms_pot_$(date +%s)_$$"
ADDONS="${OMS_POT_ADDONS:-$OMS_ADDONS}"
WORK="$(mktemp -d)"
ODOO=("$ODOO_PYTHON" "$ODOO_BIN" "${DB_ARGS[@]}" --addons-path "$(oms_addons_path)"
    --data-dir "$OMS_STATE_DIR/filestore" -d "$DB" --log-level=warn)

cleanup() {
    oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" >/dev/null 2>&1 || true
    rm -rf "$OMS_STATE_DIR/filestore/filestore/$DB" "$WORK"
}
trap cleanup EXIT

# With the demo data, as Odoo's own templates: the demo catalogue's names and
# descriptions are translated like the rest of what a customer reads.
echo "Installing $ADDONS with demo data on database $DB"
"${ODOO[@]}" -i "$ADDONS" --stop-after-init --no-http \
    --workers 0 --max-cron-threads 0 || die "installing $ADDONS failed."
for addon in ${ADDONS//,/ }; do
    mkdir -p "$OMS_ROOT/$addon/i18n"
    # No --language: Odoo writes a template (every msgstr empty).
    "${ODOO[@]}" --i18n-export="$WORK/$addon.pot" --modules="$addon" \
        || die "exporting the terms of $addon failed."
    "$ODOO_PYTHON" "$OMS_ROOT/tools/po_merge.py" "$WORK/$addon.pot" "$OMS_ROOT/$addon/i18n"
done
