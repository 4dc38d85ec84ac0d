#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make lint`: OCA's checks as pre-commit runs them (.pre-commit-config.yaml):
# oca-checks-odoo-module, oca-checks-po, pylint-odoo's mandatory set, ruff,
# prettier (XML, JS, SCSS, Markdown...) and eslint (*.esm.js). Hooks that fix
# files (ruff format, prettier...) rewrite them and fail: review and commit.
# The hooks install from PyPI and npm on the first run (~/.cache/pre-commit).
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"
oms_find_odoo
oms_setup_deps
oms_setup_node
cd "$OMS_ROOT"
git rev-parse --git-dir >/dev/null 2>&1 || die "make lint runs pre-commit, which needs a git checkout of the project."
status=0
"$ODOO_PYTHON" -m pre_commit run --all-files --show-diff-on-failure --color=never || status=1
[ $status = 0 ] && echo "lint passed" || echo "lint FAILED"
exit $status
