# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import OmsTelecomCase


@tagged("post_install", "-at_install")
class TestCreateAndSubmit(HttpCase, OmsTelecomCase):
    """create_and_submit over JSON-RPC, as an integration calls it: the orders
    are created and submitted in one call, or none is created."""

    def _values(self, reference, **values):
        lines = [{"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300, "technology": "fiber"}}]
        return self._order_values(
            self.individual, self.premises_home, lines=lines, external_reference=reference, **values
        )

    def _execute_kw(self, user, method, args):
        return self.make_jsonrpc_request(
            "/jsonrpc",
            {
                "service": "object",
                "method": "execute_kw",
                "args": [self.env.cr.dbname, user.id, user.login, "telecom.order", method, args],
            },
        )

    def _orders(self, *references):
        return self.env["telecom.order"].search([("external_reference", "in", references)])

    def test_operator_creates_submitted_orders_in_one_call(self):
        ids = self._execute_kw(
            self.user_operator, "create_and_submit", [[self._values("RPC-1"), self._values("RPC-2")]]
        )
        orders = self._orders("RPC-1", "RPC-2")
        self.assertEqual(sorted(ids), sorted(orders.ids))
        self.assertEqual(set(orders.mapped("state")), {"acknowledged"})
        self.assertTrue(all(order.date_submitted for order in orders))
        # Answered once stored: the planning follows in the scheduled action.
        self.assertTrue(all(orders.mapped("planning_pending")))
        self.assertFalse(orders.scenario_id)
        self.env["telecom.order.intake"]._cron_plan_received()
        self.assertFalse(any(orders.mapped("planning_pending")))
        self.assertEqual(orders.division_id, self.division_sales)
        self.assertEqual(len(orders.scenario_id), 1, "both follow the connection scenario")
        self.assertEqual(len(orders.current_order_step_id), 2)

    def test_a_division_chosen_by_the_caller_is_kept(self):
        chosen = self.env["telecom.division"].create({"name": "Test Business Sales", "kind": "sales"})
        values = self._values("RPC-CHOSEN", division_id=chosen.id)
        (order_id,) = self._execute_kw(self.user_operator, "create_and_submit", [[values]])
        self.env["telecom.order.intake"]._cron_plan_received()
        order = self.env["telecom.order"].browse(order_id)
        self.assertEqual(order.division_id, chosen)
        self.assertTrue(order.division_manual)

    @mute_logger("odoo.http")
    def test_values_only_the_system_writes_are_refused(self):
        refusals = [
            ({"state": "in_progress"}, "UserError"),
            ({"planning_pending": False}, "AccessError"),
            ({"date_submitted": "2026-01-01 10:00:00"}, "AccessError"),
        ]
        for values, error in refusals:
            with self.subTest(values=values), self.assertRaisesRegex(JsonRpcException, error):
                self._execute_kw(self.user_operator, "create_and_submit", [[self._values("RPC-SYSTEM", **values)]])
        self.assertFalse(self._orders("RPC-SYSTEM"))

    @mute_logger("odoo.http")
    def test_a_refused_submission_leaves_no_draft(self):
        refused = self._values("RPC-BAD", line_ids=[])
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self._execute_kw(self.user_operator, "create_and_submit", [[self._values("RPC-GOOD"), refused]])
        self.assertFalse(self._orders("RPC-GOOD", "RPC-BAD"))

    @mute_logger("odoo.http")
    def test_subscriber_cannot_create_orders_this_way(self):
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._execute_kw(self.user_portal, "create_and_submit", [[self._values("RPC-PORTAL")]])
        self.assertFalse(self._orders("RPC-PORTAL"))
