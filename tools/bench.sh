#!/usr/bin/env bash
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# `make bench`: run the benchmark (bench/bench.sh, on a throwaway database) and
# print a summary in which every figure is a ratio against a baseline measured
# in the same run, so that figures from different machines compare. Fails when
# Odoo is missing, the benchmark fails, or one of its checks does not hold;
# targets are reported as measured, never fail.
#   BENCH_SCALE small (default, a few minutes) or full (an operator's volume),
#   BENCH_ORDERS, BENCH_WORKERS, BENCH_CONCURRENCY: passed on to the
#   benchmark (see its header)
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_fast_commits
export BENCH_SCALE="${BENCH_SCALE:-small}"

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
cd "$OMS_ROOT"
echo "== bench/bench.sh"
started=$SECONDS
bash bench/bench.sh | tee "$OUT" || die "bench/bench.sh failed"
grep -q '^BENCH ' "$OUT" || die "bench/bench.sh printed no BENCH line"
echo "== bench/bench.sh took $((SECONDS - started)) s"

"$ODOO_PYTHON" - "$OUT" "$BENCH_SCALE" <<'PY'
import json, sys

results = [json.loads(line[6:]) for line in open(sys.argv[1]) if line.startswith("BENCH ")]
failed = []
print(f"\nBenchmarks ({sys.argv[2]}): ratios against the baseline of the same run (higher is faster)")
for result in results:
    print(f"\n{result['name']}\n  baseline  1.000  {result['baseline']}")
    for label, ratio in result["ratios"].items():
        print(f"            {ratio:.3f}  {label}")
    for label, ok in result.get("checks", {}).items():
        print(f"  check     {'ok  ' if ok else 'FAIL'}   {label}")
        failed += [label] if not ok else []
    for label, met in result.get("targets", {}).items():
        print(f"  target    {'met ' if met else 'MISS'}   {label}")
if failed:
    sys.exit("\nbench FAILED: " + "; ".join(failed))
print("\nbench passed")
PY
