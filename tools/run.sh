#!/usr/bin/env bash
# `make run`: set up what is missing, create the demo database once, serve Odoo.
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_write_config

ODOO_ARGS=("${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore")

if ! oms_db_exists "$OMS_DB"; then
    echo "Creating demo database $OMS_DB (first run only, a few minutes)"
    "$ODOO_PYTHON" "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$OMS_DB" -i "$OMS_ADDONS" \
        --stop-after-init --log-level=warn \
        || { oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$OMS_DB\"" ; die "demo database creation failed"; }
    # report.url: wkhtmltopdf fetches the assets from the local server.
    "$ODOO_PYTHON" "$ODOO_BIN" shell "${ODOO_ARGS[@]}" -d "$OMS_DB" --no-http --log-level=warn <<PY >/dev/null
env['ir.config_parameter'].set_param('report.url', 'http://127.0.0.1:$OMS_HTTP_PORT')
env['ir.config_parameter'].set_param('web.base.url', 'http://127.0.0.1:$OMS_HTTP_PORT')
env['ir.config_parameter'].set_param('web.base.url.freeze', 'True')
env.cr.commit()
PY
fi

cat <<MSG

OMS Telecom is served on  http://127.0.0.1:$OMS_HTTP_PORT/web/login   (database $OMS_DB)
Demo logins (login / password):
  admin / admin                          administrator, OMS manager
  operator / operator                    call-centre operator
  technician / technician                technician
  manager / manager                      division manager
  billing / billing                      billing (Invoicing user, operator)
  subscriber1 / subscriber1              portal subscriber (individual)
  subscriber2 / subscriber2              portal subscriber (company)
Stop with Ctrl-C.

MSG
exec "$ODOO_PYTHON" "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$OMS_DB" --db-filter "^$OMS_DB\$" \
    --http-interface 127.0.0.1 --http-port "$OMS_HTTP_PORT" --log-level=warn
