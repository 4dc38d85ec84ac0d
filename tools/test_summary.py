# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Summarise an Odoo test log: counts, and checklog on ERROR/WARNING lines.

Usage: test_summary.py LOG ODOO_EXIT_CODE [IGNORE_FILE]
Prints the offending log lines, then one line `N passed, N failed, N skipped`.
Exits non-zero on any failed test, ERROR/WARNING line, or if no test ran.
"""

import re
import sys

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) \S+ (?P<logger>\S+): (?P<msg>.*)")
SUMMARY = re.compile(r"(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests when loading database")
SKIPPED = re.compile(r"^skipped ")


def main(log_path, odoo_rc, ignore_path=None):
    ignore = []
    if ignore_path:
        try:
            with open(ignore_path, encoding="utf-8") as ignore_file:
                ignore = [re.compile(line.strip()) for line in ignore_file if line.strip() and not line.startswith("#")]
        except FileNotFoundError:
            pass
    run = failed = skipped = 0
    summary_seen = False
    bad_lines = []
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = LOG_LINE.match(line)
            if not match:
                continue
            summary = SUMMARY.search(match["msg"])
            if summary:
                summary_seen = True
                run = int(summary["run"])
                failed = int(summary["failed"]) + int(summary["errors"])
            if match["logger"] == "odoo.tests.result" and SKIPPED.match(match["msg"]):
                skipped += 1
            if match["level"] in ("WARNING", "ERROR", "CRITICAL") and not any(p.search(line) for p in ignore):
                bad_lines.append(line.rstrip())
    passed = max(run - failed - skipped, 0)
    if bad_lines:
        print(f"\n{len(bad_lines)} ERROR/WARNING line(s) in the Odoo log:")
        for line in bad_lines[:50]:
            print("  " + line[:400])
    problems = []
    if int(odoo_rc) != 0:
        problems.append(f"Odoo exited with {odoo_rc}")
    if bad_lines:
        problems.append("ERROR/WARNING lines in the log")
    if not summary_seen:
        problems.append("Odoo printed no test summary (it stopped before the tests ended)")
    elif run == 0:
        problems.append("no test ran")
    if problems:
        print("FAILED: " + "; ".join(problems))
        failed = max(failed, 1)
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
