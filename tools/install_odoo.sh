# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# shellcheck shell=bash
# Set up Odoo 18.0 when no importable installation is found: fetch the source,
# create a virtualenv, install Odoo's requirements and Odoo itself (editable,
# compat mode). Every step is resumable: run the command again after a failure.
# Sourced by oms_env.sh.
#
#   ODOO_HOME     where Odoo is set up (default $OMS_STATE_DIR/odoo: src/ and venv/)
#   ODOO_SOURCE   where it comes from: a git URL (default
#                 https://github.com/odoo/odoo.git), a local git checkout, a
#                 directory with odoo-bin, or a source archive (path or URL,
#                 .tar.gz/.tgz/.zip, e.g. Odoo's nightly odoo_18.0.latest.tar.gz)
#   ODOO_BRANCH   git branch to take (default 18.0)
#   ODOO_BOOTSTRAP_PYTHON  the Python 3.10-3.12 that creates the virtualenv

ODOO_HOME="${ODOO_HOME:-$OMS_STATE_DIR/odoo}"
ODOO_SOURCE="${ODOO_SOURCE:-https://github.com/odoo/odoo.git}"
ODOO_BRANCH="${ODOO_BRANCH:-18.0}"

_oms_step() {
    echo "[Odoo set-up $1/5] $2"
}

_oms_step_failed() {
    cat >&2 <<MSG
ERROR: setting up Odoo 18.0 failed at step $1 ($2).
Fix the cause shown above and run the same command again: finished steps are kept.
To start the set-up afresh: rm -rf $ODOO_HOME
To use an Odoo you installed yourself: ODOO_PYTHON=/path/to/python (a Python that imports odoo 18.0).
MSG
    exit 1
}

# Build headers for Odoo's requirements that have no wheel (python-ldap, psycopg2).
_oms_odoo_system_packages() {
    local missing=() pkg
    command -v git >/dev/null || missing+=(git)
    command -v gcc >/dev/null || missing+=(build-essential)
    for pkg in python3-dev python3-venv libldap2-dev libsasl2-dev libpq-dev libxml2-dev libxslt1-dev \
        libjpeg-dev zlib1g-dev; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -gt 0 ] || return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing build packages: ${missing[*]}"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "WARNING: install these packages if the next step fails: ${missing[*]}" >&2
    fi
}

_oms_fetch_archive() {
    local archive="$1" tmp
    tmp="$(mktemp -d)"
    if [[ "$archive" =~ ^https?:// ]]; then
        echo "Downloading $archive"
        curl -fL --retry 3 -o "$tmp/odoo-archive" "$archive" || return 1
        archive="$tmp/odoo-archive"
    fi
    mkdir -p "$tmp/unpacked"
    case "$ODOO_SOURCE" in
        *.zip) unzip -q "$archive" -d "$tmp/unpacked" || return 1 ;;
        *) tar -xf "$archive" -C "$tmp/unpacked" || return 1 ;;
    esac
    # Archives hold one top directory (odoo-18.0.post2025.../): take its content.
    local top
    top="$(dirname "$(find "$tmp/unpacked" -maxdepth 3 -name odoo-bin -print -quit)")"
    [ -f "$top/odoo-bin" ] || { echo "no odoo-bin in $ODOO_SOURCE" >&2; return 1; }
    rm -rf "$ODOO_HOME/src" && mv "$top" "$ODOO_HOME/src" && rm -rf "$tmp"
}

_oms_fetch_odoo_source() {
    mkdir -p "$ODOO_HOME"
    rm -rf "$ODOO_HOME/src"
    case "$ODOO_SOURCE" in
        *.tar.gz | *.tgz | *.tar.xz | *.tar | *.zip)
            _oms_fetch_archive "$ODOO_SOURCE"
            ;;
        *)
            if [ -d "$ODOO_SOURCE" ] && [ -f "$ODOO_SOURCE/odoo-bin" ] && ! git -C "$ODOO_SOURCE" rev-parse --git-dir >/dev/null 2>&1; then
                cp -a "$ODOO_SOURCE" "$ODOO_HOME/src"
            else
                # A local path is cloned through file:// so that --depth applies.
                local url="$ODOO_SOURCE"
                [ -e "$url" ] && url="file://$(cd "$url" && pwd)"
                git clone --quiet --depth 1 --single-branch --branch "$ODOO_BRANCH" "$url" "$ODOO_HOME/src"
            fi
            ;;
    esac
}

# pip, quiet, its output kept in a log that is shown when it fails.
_oms_pip() {
    local venv="$1" log="$ODOO_HOME/pip.log"
    shift
    echo "    pip install $* (log: $log)"
    if ! "$venv/bin/pip" install --disable-pip-version-check "$@" >"$log" 2>&1; then
        grep -v "^WARNING: Location" "$log" | tail -n 25 >&2
        return 1
    fi
}

_oms_bootstrap_python() {
    local candidate
    for candidate in "${ODOO_BOOTSTRAP_PYTHON:-}" python3.12 python3.11 python3.10 python3; do
        [ -n "$candidate" ] && command -v "$candidate" >/dev/null || continue
        if "$candidate" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return
        fi
    done
    return 1
}

oms_install_odoo() {
    echo "No importable Odoo 18.0 found: setting it up in $ODOO_HOME from $ODOO_SOURCE (first run only, several minutes)."
    local python venv="$ODOO_HOME/venv" constraints
    _oms_step 1 "system packages for building Odoo's requirements"
    _oms_odoo_system_packages || _oms_step_failed 1 "installing system packages"

    if [ ! -f "$ODOO_HOME/src/odoo-bin" ] || [ ! -f "$ODOO_HOME/.source-done" ]; then
        _oms_step 2 "fetching Odoo $ODOO_BRANCH from $ODOO_SOURCE"
        _oms_fetch_odoo_source || _oms_step_failed 2 "fetching the source from $ODOO_SOURCE"
        grep -q "^version_info = (18, 0," "$ODOO_HOME/src/odoo/release.py" \
            || _oms_step_failed 2 "$ODOO_SOURCE is not Odoo 18.0"
        touch "$ODOO_HOME/.source-done"
    else
        _oms_step 2 "source already in $ODOO_HOME/src"
    fi

    _oms_step 3 "virtualenv in $venv"
    if [ ! -x "$venv/bin/python" ]; then
        python="$(_oms_bootstrap_python)" || _oms_step_failed 3 "no Python 3.10-3.12 found (set ODOO_BOOTSTRAP_PYTHON)"
        "$python" -m venv "$venv" || _oms_step_failed 3 "creating the virtualenv with $python"
    fi

    _oms_step 4 "Odoo's Python requirements (the longest step)"
    # cbor2 5.4.2 (pinned by Odoo) only builds with setuptools < 81.
    constraints="$ODOO_HOME/build-constraints.txt"
    echo 'setuptools<81' > "$constraints"
    PIP_CONSTRAINT="$constraints" _oms_pip "$venv" -r "$ODOO_HOME/src/requirements.txt" \
        || _oms_step_failed 4 "pip install -r $ODOO_HOME/src/requirements.txt"

    _oms_step 5 "Odoo itself (editable, compat mode)"
    # Compat mode keeps odoo importable once OCA addon wheels add site-packages/odoo/addons.
    _oms_pip "$venv" -e "$ODOO_HOME/src" --config-settings editable_mode=compat \
        || _oms_step_failed 5 "pip install -e $ODOO_HOME/src"
    "$venv/bin/python" -c 'import odoo.release as r; assert r.major_version == "18.0"' \
        || _oms_step_failed 5 "checking that the new virtualenv imports odoo 18.0"
    echo "Odoo 18.0 is set up in $ODOO_HOME."
}
