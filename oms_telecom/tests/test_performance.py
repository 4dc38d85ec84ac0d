# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import difflib
import hashlib
import inspect
from contextlib import contextmanager

from odoo.tests.common import warmup

from odoo.addons.mail.models.mail_thread import MailThread

from .common import OmsTelecomCase

# Queries to create (and flush) an order with its lines, whatever the number of
# lines (20 until the order sequence's settings were cached).
QUERIES_CREATE_ORDER = 17
# The source of mail.thread's _message_track (Odoo 18.0, addons/mail/models/mail_thread.py)
# that telecom.order._message_track copies, hashed.
CORE_MESSAGE_TRACK_SHA256 = "55537af4f59bfcb25dcdd5344f2e17f41873f698d8bb1acc1d7932fc797516b6"


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

    def _submitted_together(self, count):
        """Orders submitted in one call; the queries of their tracking notes,
        logged when the transaction ends."""
        orders = self.env["telecom.order"].concat(*(self._create_order() for _index in range(count)))
        self._cold_records()
        orders.with_user(self.user_operator).action_submit()
        self.env.flush_all()
        queries = []
        with contextmanager(self._patchExecute)(queries):
            self.env.cr.flush()
        return orders, len(queries)

    def test_orders_submitted_together_log_their_tracking_together(self):
        self._submitted_together(2)  # warm-up
        two, queries_two = self._submitted_together(2)
        ten, queries_ten = self._submitted_together(10)
        self.assertEqual(
            queries_ten, queries_two, "the tracking notes of a batch cost the same queries for 10 orders as for 2"
        )
        for order in two | ten:
            notes = order.message_ids.filtered(lambda message: message.sudo().tracking_value_ids)
            states = notes.sudo().tracking_value_ids.filtered(lambda value: value.field_id.name == "state")
            self.assertEqual(len(states), 1, order.name)
            self.assertEqual((states.old_value_char, states.new_value_char), ("Draft", "Acknowledged"), order.name)
            self.assertEqual(states.mail_message_id.author_id, self.user_operator.partner_id, order.name)

    def test_batch_tracking_mirrors_the_core(self):
        """telecom.order._message_track copies mail.thread's to log a batch's
        notes together: when the core's method changes, bring the copy in step
        with it, then update the hash."""
        source = inspect.getsource(MailThread._message_track)
        self.assertEqual(
            hashlib.sha256(source.encode()).hexdigest(),
            CORE_MESSAGE_TRACK_SHA256,
            "mail.thread._message_track changed: compare telecom.order._message_track with it",
        )
