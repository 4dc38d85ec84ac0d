# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# shellcheck shell=bash
# Install what the project needs beyond Odoo itself: system packages (when
# root on Debian/Ubuntu) and the Python packages of requirements.txt into the
# Python that runs Odoo. Quick no-op when everything is there. Sourced.

oms_setup_deps() {
    local missing=()
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
        || command -v google-chrome >/dev/null || missing+=(chromium)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    command -v psql >/dev/null || missing+=(postgresql-client)
    [ -n "${PGHOST:-}" ] || [ -n "$(oms_pg_bindir)" ] || missing+=(postgresql)
    if [ ${#missing[@]} -gt 0 ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "Installing system packages: ${missing[*]}"
            apt-get update -qq >/dev/null
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            echo "WARNING: missing system packages: ${missing[*]} (install them with your package manager)" >&2
        fi
    fi
    local stamp="$OMS_STATE_DIR/requirements.sha"
    local want
    want="$(cat "$OMS_ROOT/requirements.txt" "$OMS_ROOT/test-requirements.txt" | sha256sum | cut -c1-16)-$(echo "$ODOO_PYTHON" | sha256sum | cut -c1-8)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "Installing Python packages from requirements.txt and test-requirements.txt"
        "$ODOO_PYTHON" -m pip install -q --disable-pip-version-check \
            -r "$OMS_ROOT/requirements.txt" -r "$OMS_ROOT/test-requirements.txt" 2>&1 \
            | grep -v "^WARNING: Location" || true
        "$ODOO_PYTHON" -c 'import odoo' || die "installing requirements broke 'import odoo' (editable Odoo installs need editable_mode=compat)."
        mkdir -p "$OMS_STATE_DIR" && echo "$want" > "$stamp"
    fi
}

# Node.js and npm for the prettier and eslint hooks of `make lint`.
oms_setup_node() {
    command -v node >/dev/null && command -v npm >/dev/null && return
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing system packages: nodejs npm"
        apt-get update -qq >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
        die "make lint needs Node.js and npm (prettier, eslint): install them with your package manager."
    fi
}
