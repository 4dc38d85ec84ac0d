#!/usr/bin/env bash
# `make bench`: run each addon's benchmark (oms_telecom*/bench/bench.sh, each on
# a throwaway database) and print a summary in which every figure is a ratio
# against a baseline measured in the same run, so that figures from different
# machines compare. Fails when Odoo is missing, a benchmark fails, or one of
# its checks does not hold.
#   BENCH_ORDERS (500 here, to stay within a few minutes), BENCH_WORKERS,
#   BENCH_CONCURRENCY: passed on to the benchmarks (see their headers)
source "$(dirname "$0")/oms_env.sh"
source "$(dirname "$0")/setup_deps.sh"

oms_find_odoo
oms_setup_deps
oms_start_pg
oms_fast_commits
export BENCH_ORDERS="${BENCH_ORDERS:-500}"

OUT="$(mktemp)"
trap 'rm -f "$OUT"' EXIT
cd "$OMS_ROOT"
BENCHES=(oms_telecom*/bench/bench.sh)
[ -f "${BENCHES[0]}" ] || die "no benchmark found (oms_telecom*/bench/bench.sh)"
for bench in "${BENCHES[@]}"; do
    echo "== $bench"
    started=$SECONDS
    bash "$bench" | tee -a "$OUT" || die "$bench failed"
    echo "== $bench took $((SECONDS - started)) s"
done

"$ODOO_PYTHON" - "$OUT" "${#BENCHES[@]}" <<'PY'
import json, sys

results = [json.loads(line[6:]) for line in open(sys.argv[1]) if line.startswith("BENCH ")]
failed = []
print("\nBenchmarks: ratios against the baseline of the same run (higher is faster)")
for result in results:
    print(f"\n{result['name']}\n  baseline  1.000  {result['baseline']}")
    for label, ratio in result["ratios"].items():
        print(f"            {ratio:.3f}  {label}")
    for label, ok in result.get("checks", {}).items():
        print(f"  check     {'ok  ' if ok else 'FAIL'}   {label}")
        failed += [label] if not ok else []
if len(results) != int(sys.argv[2]):
    failed.append(f"{int(sys.argv[2]) - len(results)} benchmark(s) printed no BENCH line")
if failed:
    sys.exit("\nbench FAILED: " + "; ".join(failed))
print("\nbench passed")
PY
