#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make readme`: regenerate each addon's README.rst and static/description/index.html
# from its readme/ fragments and manifest with OCA's oca-gen-addon-readme, as
# OCA's bots do. Needs pandoc and OCA maintainer-tools (installed on first use
# into $OMS_STATE_DIR/readme-venv from OCA_MAINTAINER_TOOLS: a pip requirement,
# by default its git repository; a local checkout works offline).
source "$(dirname "$0")/oms_env.sh"
OCA_MAINTAINER_TOOLS="${OCA_MAINTAINER_TOOLS:-git+https://github.com/OCA/maintainer-tools.git}"
venv="$OMS_STATE_DIR/readme-venv"
if ! command -v pandoc >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc >/dev/null
    else
        die "pandoc is missing (apt-get install pandoc)."
    fi
fi
if [ ! -x "$venv/bin/oca-gen-addon-readme" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$OCA_MAINTAINER_TOOLS" ||
        die "could not install OCA maintainer-tools from $OCA_MAINTAINER_TOOLS (set OCA_MAINTAINER_TOOLS to a local checkout)."
fi
cd "$OMS_ROOT"
"$venv/bin/oca-gen-addon-readme" --org-name oms-telecom --repo-name oms-telecom --branch 18.0 \
    --addons-dir . --gen-html --if-source-changed
echo "README.rst and index.html are up to date."
