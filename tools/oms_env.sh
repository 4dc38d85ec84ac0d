# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# shellcheck shell=bash
# Common environment for the make targets: locate Odoo, PostgreSQL and the
# project's state directory. Sourced, never executed.
#
# Defaults (every one can be overridden by an environment variable):
#   ODOO_PYTHON   python with an importable odoo 18.0; by default the first that
#                 imports odoo of $ODOO_HOME/venv/bin/python,
#                 /opt/odoo18/venv/bin/python and python3; with none, Odoo 18.0
#                 is set up in ODOO_HOME (see tools/install_odoo.sh: ODOO_HOME,
#                 ODOO_SOURCE, ODOO_BRANCH)
#   OMS_STATE_DIR where the PostgreSQL cluster, filestore and config live
#                 default: ~/.local/share/oms-telecom (outside the clone),
#                 /var/lib/oms-telecom when run as root
#   OMS_PG_PORT   port of the project-local cluster (default 55432)
#   PGHOST/PGPORT/PGUSER/PGPASSWORD  use an external server instead
#   OMS_DB        demo database name (default oms_demo)
#   OMS_HTTP_PORT port `make run` serves on (default 8069)
#   OMS_SMTP_PORT port of `make run`'s mail server (default OMS_HTTP_PORT + 2000)
#   OMS_MAIL_DOMAIN alias domain `make run` gives the demo database when it has none
#                 (default northstar-telecom.example.com)

set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" = 0 ]; then
    OMS_STATE_DIR="${OMS_STATE_DIR:-/var/lib/oms-telecom}"
else
    OMS_STATE_DIR="${OMS_STATE_DIR:-$HOME/.local/share/oms-telecom}"
fi
OMS_DB="${OMS_DB:-oms_demo}"
OMS_HTTP_PORT="${OMS_HTTP_PORT:-8069}"
OMS_SMTP_PORT="${OMS_SMTP_PORT:-$((OMS_HTTP_PORT + 2000))}"
OMS_MAIL_DOMAIN="${OMS_MAIL_DOMAIN:-northstar-telecom.example.com}"
OMS_PG_PORT="${OMS_PG_PORT:-55432}"
OMS_ADDONS="oms_telecom,oms_telecom_portal,oms_telecom_api,oms_telecom_billing"
# Installed with the demo and the tests only: Odoo's demo payment provider, enabled
# as it installs (its payments are simulated), so that subscribers can pay online.
OMS_DEMO_ADDONS="payment_demo"
# shellcheck source=tools/install_odoo.sh
source "$OMS_ROOT/tools/install_odoo.sh"

die() {
    echo "ERROR: $*" >&2
    exit 1
}

# Odoo 18.0 is found in this order: ODOO_PYTHON; the project's own set-up in
# ODOO_HOME; /opt/odoo18/venv; python3 on PATH. When none imports odoo, it is
# set up in ODOO_HOME (tools/install_odoo.sh; ODOO_SOURCE says where from).
# ODOO_PYTHON set but not importing odoo is an error, never replaced.
oms_find_odoo() {
    local version candidate
    if [ -z "${ODOO_PYTHON:-}" ]; then
        for candidate in "$ODOO_HOME/venv/bin/python" /opt/odoo18/venv/bin/python "$(command -v python3 || true)"; do
            if [ -x "$candidate" ] && "$candidate" -c 'import odoo.release' 2>/dev/null; then
                ODOO_PYTHON="$candidate"
                break
            fi
        done
        if [ -z "${ODOO_PYTHON:-}" ]; then
            oms_install_odoo
            ODOO_PYTHON="$ODOO_HOME/venv/bin/python"
        fi
    fi
    [ -x "$ODOO_PYTHON" ] || die "ODOO_PYTHON=$ODOO_PYTHON is not an executable Python."
    if ! version="$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null)"; then
        die "Odoo is not importable from ODOO_PYTHON=$ODOO_PYTHON (unset it to let the commands set Odoo 18.0 up in $ODOO_HOME)."
    fi
    [ "$version" = "18.0" ] || die "$ODOO_PYTHON imports Odoo $version; OMS Telecom needs 18.0."
    ODOO_BIN="${ODOO_BIN:-$("$ODOO_PYTHON" -c 'import os, odoo; print(os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin"))')}"
    [ -f "$ODOO_BIN" ] || die "odoo-bin not found at $ODOO_BIN (set ODOO_BIN)."
    ODOO_CORE_ADDONS="$(dirname "$ODOO_BIN")/addons"
    export ODOO_PYTHON ODOO_BIN
}

oms_pg_bindir() {
    local dir
    for dir in "${OMS_PG_BINDIR:-}" /usr/lib/postgresql/1[0-9]/bin; do
        if [ -n "$dir" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir"
        fi
    done | sort -V | tail -1
}

# Start (or reuse) the project-local cluster, unless PGHOST points elsewhere.
oms_start_pg() {
    if [ -n "${PGHOST:-}" ]; then
        DB_ARGS=(--db_host "$PGHOST" --db_port "${PGPORT:-5432}")
        [ -n "${PGUSER:-}" ] && DB_ARGS+=(--db_user "$PGUSER")
        [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
        return
    fi
    local bindir pgdata="$OMS_STATE_DIR/pg" run_as=()
    bindir="$(oms_pg_bindir)"
    [ -n "$bindir" ] || die "PostgreSQL server binaries not found (apt-get install postgresql, or set OMS_PG_BINDIR / PGHOST)."
    mkdir -p "$OMS_STATE_DIR"
    # PostgreSQL refuses to run as root: the cluster belongs to the 'postgres' user then.
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir "$OMS_STATE_DIR" postgres
        mkdir -p "$pgdata" && chown postgres "$pgdata" && chmod 700 "$pgdata"
        run_as=(runuser -u postgres --)
    fi
    if [ ! -f "$pgdata/PG_VERSION" ]; then
        echo "Creating the PostgreSQL cluster in $pgdata"
        "${run_as[@]}" "$bindir/initdb" -D "$pgdata" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1; then
        "${run_as[@]}" "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w -t 60 start \
            -o "-h 127.0.0.1 -p $OMS_PG_PORT -k $pgdata" >/dev/null \
            || die "PostgreSQL did not start, see $pgdata/server.log"
    fi
    DB_ARGS=(--db_host 127.0.0.1 --db_port "$OMS_PG_PORT" --db_user odoo)
    export PGHOST_LOCAL=127.0.0.1
}

# The cluster holds the demo database, so it stays durable (fsync on). Throwaway
# test and benchmark databases trade durability for speed per connection instead:
# synchronous_commit=off loses at most the last commits on a crash, never the cluster.
oms_fast_commits() {
    export PGOPTIONS="${PGOPTIONS:-} -c synchronous_commit=off"
}

# A cluster started by an earlier version with fsync=off is restarted durable.
oms_ensure_durable_pg() {
    [ -n "${PGHOST:-}" ] && return
    [ "$(oms_psql -d postgres -tAc 'SHOW fsync')" = on ] && return
    local run_as=()
    [ "$(id -u)" = 0 ] && run_as=(runuser -u postgres --)
    echo "Restarting PostgreSQL with fsync on (the demo database must survive a crash)"
    "${run_as[@]}" "$(oms_pg_bindir)/pg_ctl" -D "$OMS_STATE_DIR/pg" -w -t 60 -m fast restart \
        -o "-h 127.0.0.1 -p $OMS_PG_PORT -k $OMS_STATE_DIR/pg" >/dev/null \
        || die "PostgreSQL did not restart, see $OMS_STATE_DIR/pg/server.log"
}

oms_psql() {
    if [ -n "${PGHOST:-}" ]; then
        psql -X -q "$@"
    else
        PGHOST=127.0.0.1 PGPORT="$OMS_PG_PORT" PGUSER=odoo psql -X -q "$@"
    fi
}

oms_db_exists() {
    [ "$(oms_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

oms_addons_path() {
    echo "$ODOO_CORE_ADDONS,$OMS_ROOT"
}

# Generated once per state directory, readable by its owner only.
oms_master_password() {
    local file="$OMS_STATE_DIR/master-password"
    if [ ! -s "$file" ]; then
        mkdir -p "$OMS_STATE_DIR"
        (umask 077 && "$ODOO_PYTHON" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$file")
    fi
    cat "$file"
}

# An Odoo configuration file with the same settings, for pytest-odoo and
# anyone who wants to run odoo-bin by hand: $OMS_STATE_DIR/odoo.conf
oms_write_config() {
    local conf="$OMS_STATE_DIR/odoo.conf"
    {
        echo "[options]"
        echo "addons_path = $(oms_addons_path)"
        echo "data_dir = $OMS_STATE_DIR/filestore"
        echo "db_host = ${PGHOST:-127.0.0.1}"
        echo "db_port = ${PGPORT:-$OMS_PG_PORT}"
        echo "db_user = ${PGUSER:-odoo}"
        echo "db_password = ${PGPASSWORD:-False}"
        # The database manager stays closed: no listing, and a master password
        # of this machine's own instead of Odoo's default "admin".
        echo "list_db = False"
        echo "admin_passwd = $(oms_master_password)"
    } > "$conf"
    chmod 600 "$conf"
    OMS_CONFIG="$conf"
}
