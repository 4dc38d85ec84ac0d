# shellcheck shell=bash
# Common environment for the make targets: locate Odoo, PostgreSQL and the
# project's state directory. Sourced, never executed.
#
# Defaults (every one can be overridden by an environment variable):
#   ODOO_PYTHON   python with an importable odoo 18.0
#                 default: /opt/odoo18/venv/bin/python, else python3 on PATH
#   OMS_STATE_DIR where the PostgreSQL cluster, filestore and config live
#                 default: ~/.local/share/oms-telecom (outside the clone),
#                 /var/lib/oms-telecom when run as root
#   OMS_PG_PORT   port of the project-local cluster (default 55432)
#   PGHOST/PGPORT/PGUSER/PGPASSWORD  use an external server instead
#   OMS_DB        demo database name (default oms_demo)
#   OMS_HTTP_PORT port `make run` serves on (default 8069)

set -euo pipefail

OMS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "$(id -u)" = 0 ]; then
    OMS_STATE_DIR="${OMS_STATE_DIR:-/var/lib/oms-telecom}"
else
    OMS_STATE_DIR="${OMS_STATE_DIR:-$HOME/.local/share/oms-telecom}"
fi
OMS_DB="${OMS_DB:-oms_demo}"
OMS_HTTP_PORT="${OMS_HTTP_PORT:-8069}"
OMS_PG_PORT="${OMS_PG_PORT:-55432}"
OMS_ADDONS="oms_telecom,oms_telecom_portal,oms_telecom_api,oms_telecom_billing"

die() {
    echo "ERROR: $*" >&2
    exit 1
}

oms_find_odoo() {
    if [ -z "${ODOO_PYTHON:-}" ]; then
        if [ -x /opt/odoo18/venv/bin/python ]; then
            ODOO_PYTHON=/opt/odoo18/venv/bin/python
        else
            ODOO_PYTHON="$(command -v python3 || true)"
        fi
    fi
    [ -n "$ODOO_PYTHON" ] && [ -x "$ODOO_PYTHON" ] || die "no Python found (set ODOO_PYTHON)."
    local version
    if ! version="$("$ODOO_PYTHON" -c 'import odoo.release as r; print(r.major_version)' 2>/dev/null)"; then
        cat >&2 <<MSG
ERROR: Odoo is not importable from $ODOO_PYTHON.
OMS Telecom needs Odoo 18.0 Community installed as a prerequisite:
  git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo.git /opt/odoo18/src
  (or unpack https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz there)
  python3 -m venv /opt/odoo18/venv
  PIP_CONSTRAINT=<(echo 'setuptools<81') /opt/odoo18/venv/bin/pip install -r /opt/odoo18/src/requirements.txt
  /opt/odoo18/venv/bin/pip install -e /opt/odoo18/src --config-settings editable_mode=compat
Then run this command again, or point ODOO_PYTHON at a python that imports odoo 18.0.
MSG
        exit 1
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
            -o "-h 127.0.0.1 -p $OMS_PG_PORT -k $pgdata -c fsync=off -c full_page_writes=off" >/dev/null \
            || die "PostgreSQL did not start, see $pgdata/server.log"
    fi
    DB_ARGS=(--db_host 127.0.0.1 --db_port "$OMS_PG_PORT" --db_user odoo)
    export PGHOST_LOCAL=127.0.0.1
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
    } > "$conf"
    OMS_CONFIG="$conf"
}
