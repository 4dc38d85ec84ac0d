#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make run`: set up what is missing, create the demo database once, serve Odoo.
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_ensure_durable_pg
oms_write_config

# The config closes the database manager (list_db, master password). Odoo's mail
# goes to the demo's mail server (tools/mail_loop.py), from the first demo e-mail on.
ODOO_ARGS=(-c "$OMS_CONFIG" "${DB_ARGS[@]}" --addons-path "$(oms_addons_path)" --data-dir "$OMS_STATE_DIR/filestore"
    --smtp 127.0.0.1 --smtp-port "$OMS_SMTP_PORT")

# The mail loop: an SMTP server that keeps every message in a Maildir and hands
# those for the alias domains to Odoo's mail gateway (tools/odoo_mailgate.py), as
# a mail server would; stopped with Odoo.
MAILDIR="$OMS_STATE_DIR/mail/$OMS_DB"
mailgate_key="$OMS_STATE_DIR/$OMS_DB.mailgate-key"
domains_file="$OMS_STATE_DIR/$OMS_DB.alias-domains"
"$ODOO_PYTHON" "$OMS_ROOT/tools/mail_loop.py" serve --port "$OMS_SMTP_PORT" --maildir "$MAILDIR" \
    --domains-file "$domains_file" -- "$ODOO_PYTHON" "$OMS_ROOT/tools/odoo_mailgate.py" -d "$OMS_DB" \
    --login admin --password-file "$mailgate_key" --host 127.0.0.1 --port "$OMS_HTTP_PORT" &
mail_loop_pid=$!
trap 'kill "$mail_loop_pid" 2>/dev/null || true' EXIT

# What the addons look like now: when it changes, the demo database is updated.
stamp_file="$OMS_STATE_DIR/$OMS_DB.addons.sha"
stamp="$(cd "$OMS_ROOT" && find oms_telecom* -type f ! -path '*/__pycache__/*' -print0 | sort -z \
    | xargs -0 sha256sum | sha256sum | cut -c1-16)"

if ! oms_db_exists "$OMS_DB"; then
    echo "Creating demo database $OMS_DB (first run only, a few minutes)"
    "$ODOO_PYTHON" "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$OMS_DB" -i "$OMS_ADDONS,$OMS_DEMO_ADDONS" \
        --stop-after-init --log-level=warn \
        || { oms_psql -d postgres -c "DROP DATABASE IF EXISTS \"$OMS_DB\"" ; die "demo database creation failed"; }
    # report.url: wkhtmltopdf fetches the assets from the local server.
    "$ODOO_PYTHON" "$ODOO_BIN" shell "${ODOO_ARGS[@]}" -d "$OMS_DB" --no-http --log-level=warn <<PY >/dev/null
env['ir.config_parameter'].set_param('report.url', 'http://127.0.0.1:$OMS_HTTP_PORT')
env['ir.config_parameter'].set_param('web.base.url', 'http://127.0.0.1:$OMS_HTTP_PORT')
env['ir.config_parameter'].set_param('web.base.url.freeze', 'True')
env.cr.commit()
PY
else
    # The addons changed since the demo database was made or last updated:
    # update the installed ones and install those it lacks.
    if [ "$(cat "$stamp_file" 2>/dev/null)" != "$stamp" ]; then
        installed="$(oms_psql -d "$OMS_DB" -tAc "SELECT name FROM ir_module_module WHERE state = 'installed'")"
        to_install=() to_update=()
        for addon in ${OMS_ADDONS//,/ } ${OMS_DEMO_ADDONS//,/ }; do
            if grep -qx "$addon" <<<"$installed"; then to_update+=("$addon"); else to_install+=("$addon"); fi
        done
        update_args=()
        [ ${#to_update[@]} -gt 0 ] && update_args+=(-u "$(IFS=,; echo "${to_update[*]}")")
        [ ${#to_install[@]} -gt 0 ] && update_args+=(-i "$(IFS=,; echo "${to_install[*]}")")
        echo "Updating the addons of $OMS_DB (${update_args[*]})"
        "$ODOO_PYTHON" "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$OMS_DB" "${update_args[@]}" --stop-after-init --log-level=warn \
            || die "updating $OMS_DB failed (drop it to start afresh: dropdb -h 127.0.0.1 -p $OMS_PG_PORT -U odoo $OMS_DB)"
    fi
fi
echo "$stamp" > "$stamp_file"

# The mail loop's side in the database, set up once: the demo company's alias
# domain (support@ opens orders; the first alias domain becomes every company's
# and every alias's), and the API key of the administrator the gateway logs in with.
need_key=False
[ -s "$mailgate_key" ] || need_key=True
if [ $need_key = True ] || [ "$(oms_psql -d "$OMS_DB" -tAc 'SELECT count(*) FROM mail_alias_domain')" = 0 ]; then
    (umask 077 && "$ODOO_PYTHON" "$ODOO_BIN" shell "${ODOO_ARGS[@]}" -d "$OMS_DB" --no-http --log-level=warn <<PY > "$mailgate_key.new")
if not env['mail.alias.domain'].search_count([]):
    env['mail.alias.domain'].create({'name': '$OMS_MAIL_DOMAIN'})
if $need_key:
    admin = env.ref('base.user_admin')
    print(env['res.users.apikeys'].with_user(admin).sudo()._generate(None, 'Mail gateway (make run)', None))
env.cr.commit()
PY
    if [ $need_key = True ]; then (umask 077 && tail -1 "$mailgate_key.new" > "$mailgate_key"); fi
    rm -f "$mailgate_key.new"
fi
oms_psql -d "$OMS_DB" -tA -F ' ' -c "SELECT name, bounce_alias || '@' || name FROM mail_alias_domain" > "$domains_file"

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
  subscriber3 / subscriber3              portal subscriber (individual, reads French)
Mail: Odoo sends to the local server on port $OMS_SMTP_PORT; every message is kept in
  $MAILDIR  (list them: $ODOO_PYTHON tools/mail_loop.py list $MAILDIR)
  and mail to the alias domain ($(cut -d' ' -f1 "$domains_file" | paste -sd' ')) is handed to Odoo's mail gateway.
Stop with Ctrl-C.

MSG
"$ODOO_PYTHON" "$ODOO_BIN" "${ODOO_ARGS[@]}" -d "$OMS_DB" --db-filter "^$OMS_DB\$" \
    --http-interface 127.0.0.1 --http-port "$OMS_HTTP_PORT" --log-level=warn
