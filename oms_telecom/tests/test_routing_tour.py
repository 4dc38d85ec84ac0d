# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestRoutingTour(HttpCase):
    """In the browser, on the demo data: an operator registers a prospect's
    connection, creates the premises from the typed address, submits, and the
    order is routed to the division operating the address and to a person."""

    def test_operator_sees_the_order_routed(self):
        operator = self.env.ref("oms_telecom.user_operator")
        self.start_tour("/odoo/telecom-orders", "oms_telecom_operator_routing", login="operator")
        order = self.env["telecom.order"].search([("prospect_name", "=", "Riley Tour Prospect")])
        self.assertEqual(len(order), 1)
        self.assertEqual(
            (order.premises_id.street, order.premises_id.house_number, order.premises_id.city),
            ("Birch Street", "5", "Northbridge"),
        )
        self.assertNotEqual(order.state, "draft")
        self.assertEqual(order.division_id, self.env.ref("oms_telecom.division_northbridge_sales"))
        self.assertEqual(order.user_id, operator)
        self.assertEqual(order.create_uid, operator)
        self.assertFalse(order.routing_reason)
