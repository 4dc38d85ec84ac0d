# OMS Telecom — the commands of the README. Odoo 18.0 is a prerequisite:
# see README.md, "Prerequisites". Variables (ODOO_PYTHON, OMS_STATE_DIR, PGHOST...)
# are documented in tools/oms_env.sh.
.PHONY: run test bench two-servers lint shell readme pot help

help:
	@echo "make run    serve OMS Telecom with demo data on http://127.0.0.1:8069"
	@echo "make test   run every test on a throwaway database"
	@echo "make bench  benchmarks, as ratios against a baseline of the same run"
	@echo "make two-servers  two Odoo servers on one database: jobs, API, portal checked"
	@echo "make lint   ruff, pylint-odoo and XML checks"
	@echo "make shell  Odoo shell on the demo database"
	@echo "make readme each addon's README.rst from its readme/ fragments (OCA's generator)"
	@echo "make pot    each addon's i18n/<addon>.pot from the code, and its .po files merged with it"

run:
	@bash tools/run.sh

test:
	@bash tools/test.sh

bench:
	@bash tools/bench.sh

two-servers:
	@bash tools/two_servers.sh

lint:
	@bash tools/lint.sh

shell:
	@bash tools/shell.sh

readme:
	@bash tools/readme.sh

pot:
	@bash tools/pot.sh
