# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import difflib
import re
from contextlib import contextmanager

from odoo.tests import tagged
from odoo.tests.common import warmup

from .common import BillingCase

# Queries to complete a connection line: the day of its work at the premises
# (the order's work orders; the premises' stored zone), the service, its
# activation, the subscriber's contract (found or created), the billing lines and
# the contract's monthly amount and status, flushed.
QUERIES_COMPLETE_ONE_CONNECTION = 37
# Each further line of the same order: one read of the line (core), and for its
# two contract lines the checks of their links and OCA contract's search of an
# analytic distribution model, made per contract line. Billing itself is batched.
QUERIES_PER_FURTHER_LINE = 5


@tagged("post_install", "-at_install")
class TestBillingPerformance(BillingCase):
    def _queries(self, line_count):
        order = self._create_order(
            no_scenario=True, lines=[{"product_id": self.fiber_500.id, "parameters": {}}] * line_count
        ).with_env(self.env)
        order.action_submit()
        lines = order.line_ids
        self.env.flush_all()
        self.env.invalidate_all()
        queries = []
        with contextmanager(self._patchExecute)(queries):
            lines._complete()
            self.env.flush_all()
        self.assertEqual(len(lines.service_id.contract_line_ids), 2 * line_count)
        return [re.sub(r"\d+", "N", str(query)) for query in queries]

    @warmup
    def test_billing_a_completed_connection_is_batched(self):
        self._queries(1)
        one, three = self._queries(1), self._queries(3)
        if self.warm:
            diff = "\n".join(difflib.unified_diff(one, three, "1 line", "3 lines", lineterm="", n=0))
            self.assertEqual(len(one), QUERIES_COMPLETE_ONE_CONNECTION)
            self.assertEqual(len(three) - len(one), 2 * QUERIES_PER_FURTHER_LINE, f"Queries run per line:\n{diff}")
