#!/usr/bin/env bash
# `make lint`: ruff, pylint-odoo (OCA's mandatory checks for 18.0) and XML well-formedness.
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"
oms_find_odoo
oms_setup_deps
cd "$OMS_ROOT"
ADDONS=(oms_telecom*/)
status=0
echo "ruff"
"$ODOO_PYTHON" -m ruff check --quiet . || status=1
"$ODOO_PYTHON" -m ruff format --check --quiet . || status=1
echo "pylint-odoo"
"$ODOO_PYTHON" -m pylint --rcfile=.pylintrc-mandatory "${ADDONS[@]}" || status=1
echo "xml"
"$ODOO_PYTHON" - <<'PY' || status=1
import pathlib, sys
from lxml import etree
bad = 0
for path in sorted(pathlib.Path(".").glob("oms_telecom*/**/*.xml")):
    try:
        etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        print(f"{path}: {error}")
        bad += 1
sys.exit(1 if bad else 0)
PY
[ $status = 0 ] && echo "lint passed" || echo "lint FAILED"
exit $status
