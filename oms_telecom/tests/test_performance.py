import difflib
from contextlib import contextmanager

from odoo.tests.common import warmup

from .common import OmsTelecomCase

# Queries to create (and flush) an order with its lines, whatever the number of lines.
QUERIES_CREATE_ORDER = 21


class TestPerformance(OmsTelecomCase):
    """Creating an order costs the same number of queries whatever its number of lines."""

    def _create_connection(self, line_count):
        products = [self.fiber_100, self.fiber_500, self.phone] * line_count
        lines = [
            {"product_id": product.id, "parameters": {"bandwidth": 100 * (index + 1), "technology": "fiber"}}
            if product != self.phone
            else {"product_id": product.id, "parameters": {"lines": 2}}
            for index, product in enumerate(products[:line_count])
        ]
        order = self._create_order(lines=lines)
        self.env.flush_all()
        return order

    def _cold_records(self):
        """Records out of the cache, as in a new request. Post-commit work of the
        previous creation (tracking) runs first, or it would fill the cache again."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _queries(self, line_count):
        self._cold_records()
        queries = []
        with contextmanager(self._patchExecute)(queries):
            self._create_connection(line_count)
        return [str(query) for query in queries]

    @warmup
    def test_order_creation_does_not_depend_on_line_count(self):
        # Caches (access rules, sequences, registry) are warm before measuring.
        self._create_connection(10)

        one, ten = self._queries(1), self._queries(10)
        if self.warm:
            diff = "\n".join(difflib.unified_diff(one, ten, "1 line", "10 lines", lineterm="", n=0))
            self.assertEqual(len(one), len(ten), f"Queries run per line:\n{diff}")

        self._cold_records()
        with self.assertQueryCount(QUERIES_CREATE_ORDER):
            order = self._create_connection(1)
        self.assertEqual(len(order.line_ids), 1)

        self._cold_records()
        with self.assertQueryCount(QUERIES_CREATE_ORDER):
            order = self._create_connection(10)
        self.assertEqual(len(order.line_ids), 10)
        self.assertEqual(order.amount_installation, 4 * 50.0 + 3 * 80.0 + 3 * 20.0)
        self.assertEqual(order.line_ids[2].parameters, {"lines": 2, "number": False})
