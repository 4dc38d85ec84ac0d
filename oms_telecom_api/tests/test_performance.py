# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import PO, Listener, TmfApiCase

# Queries to create and acknowledge an order over the API through the service
# layer (parse, premises, order and lines stored acknowledged, the wake-up of the
# planning job, the outbox events for a hub and a technical system, the response
# body), whatever the number of items. Routing, the scenario's first step, the
# creation note and the creator's following follow in the planning job
# (QUERIES_API_PLAN), the customer's receipt in the receipt job. Before planning
# moved out of the request, the request made 77; then 47 until the order was
# stored acknowledged by its INSERT and its creation note left to the job; 30
# until the order sequence's settings and the countries' codes were cached; 27
# until the offerings' names in the body were.
QUERIES_API_CREATE = 26
# Queries of the planning job for a batch of orders received over the API: the
# test world covers the address for technical work only, so routing gives the
# orders to the sales division above, uncovered, and says so in their chatter;
# at a working hour (the test's clock is fixed on one, so that the count does not
# depend on when it runs) it assigns a responsible, who follows the orders
# without being e-mailed; each order enters the built-in scenario's first step.
# It also writes the batch's creation notes and their creator's following, which
# the requests left to it, and schedules the batch's receipts (11 queries per
# batch: 42 and 55 before). The orders' first steps are created in one INSERT,
# their creation notes dated in one UPDATE per instant (66 for ten before). The
# routing and step notes are the body of the tracking message, their deadlines
# written at the address rather than in the job user's zone (53 and 57 before);
# the orders still waiting are counted after every batch.
QUERIES_API_PLAN_ONE = 51
QUERIES_API_PLAN_TEN = 55


@tagged("post_install", "-at_install")
class TestPerformance(TmfApiCase):
    def _create(self, count):
        service = self.env["telecom.api.product.order"].with_user(self.user_operator)
        payload = self._order_payload(items=self._items(count))
        order = service._create(payload, self.shop.id)
        service._to_tmf(order)
        self.env.flush_all()
        return order

    def _cold(self):
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _count(self, function, runs=3):
        """The fewest queries of a few runs: a run that refills the registry caches
        (cleared now and then by the side effects of an earlier order) is not the
        order's own cost."""
        counts = []
        for _run in range(runs):
            self._cold()
            before = self.cr.sql_log_count
            function()
            counts.append(self.cr.sql_log_count - before)
        return min(counts)

    @freeze_time("2030-05-15 10:00:00")
    def test_create_costs_the_same_whatever_the_number_of_items(self):
        listener = Listener()
        self.addCleanup(listener.stop)
        self.env["telecom.api.listener"].create({"name": "All", "kind": "system", "callback": listener.url})
        self.api("POST", f"{PO}/hub", {"callback": listener.url})
        self._create(3)  # warm-up: caches, sequences, routing
        one = self._count(lambda: self._create(1))
        ten = self._count(lambda: self._create(10))
        self.assertEqual(one, ten, "creating an order over the API costs queries per item")
        self.assertEqual(self._count(lambda: self._create(20)), QUERIES_API_CREATE)
        self.assertEqual(len(self._create(20).line_ids), 20)

    @freeze_time("2030-05-15 10:00:00")
    def test_planning_costs_less_per_order_in_batches(self):
        listener = Listener()
        self.addCleanup(listener.stop)
        self.env["telecom.api.listener"].create({"name": "All", "kind": "system", "callback": listener.url})
        self.api("POST", f"{PO}/hub", {"callback": listener.url})
        Intake = self.env["telecom.order.intake"]
        self._create(3)
        Intake._cron_plan_received()  # warm-up: caches, sequences, routing

        def plan(count):
            for _index in range(count):
                self._create(2)
            self._cold()
            before = self.cr.sql_log_count
            self.assertEqual(Intake._cron_plan_received(), count)
            self.env.flush_all()
            return self.cr.sql_log_count - before

        one, ten = min(plan(1) for _run in range(3)), min(plan(10) for _run in range(3))
        self.assertEqual((one, ten), (QUERIES_API_PLAN_ONE, QUERIES_API_PLAN_TEN))
        self.assertLess(ten, 10 * one)

    def test_http_create_costs_the_same_whatever_the_number_of_items(self):
        def post(count):
            response = self.api("POST", f"{PO}/productOrder", self._order_payload(items=self._items(count)))
            self.assertEqual(response.status_code, 201, response.text)

        post(2)  # warm-up
        self.assertEqual(self._count(lambda: post(1)), self._count(lambda: post(10)))
