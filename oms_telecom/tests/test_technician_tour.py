from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import oms_new_test_user


@tagged("post_install", "-at_install")
class TestTechnicianTour(HttpCase):
    """In the browser, a technician reports the work orders of an order's
    installation done: the order completes with every step done."""

    def test_technician_completes_the_installation(self):
        partner = self.env.ref("oms_telecom.partner_subscriber1")
        partner.phone = "+1 612-555-0177"
        premises = self.env.ref("oms_telecom.premises_subscriber1")
        premises.access_notes = "Code 4711, second floor"
        order = self.env["telecom.order"].create(
            {
                "order_type": "connection",
                "partner_id": partner.id,
                "premises_id": premises.id,
                "division_id": self.env.ref("oms_telecom.division_northbridge_sales").id,
                "line_ids": [
                    Command.create(
                        {
                            "product_id": self.env.ref("oms_telecom.product_fiber_100").product_variant_id.id,
                            "parameters": {"bandwidth": "100", "access_technology": "gpon", "ipv6": True},
                        }
                    )
                ],
            }
        )
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Installation")
        work_orders = order.current_order_step_id.work_order_ids
        self.assertEqual(sorted(work_orders.mapped("kind")), ["installation", "line_test"])
        technician = oms_new_test_user(
            self.env, login="oms_tour_technician", name="Tess Tour", groups="oms_telecom.group_oms_technician"
        )
        work_orders.division_id.member_ids = [Command.link(technician.id)]
        start = fields.Datetime.now().replace(minute=0, second=0, microsecond=0) + timedelta(days=1)
        for work_order in work_orders.sorted("id"):
            work_order.write({"technician_id": technician.id, "planned_start": start})
            start = work_order.planned_end
        work_orders.filtered(lambda wo: wo.state == "draft").action_plan()
        if order.state == "held":
            # No free technician was found when the step started: the appointment is now set.
            order.action_resume()

        self.start_tour("/odoo", "oms_telecom_technician_work_orders", login="oms_tour_technician")

        self.assertEqual(set(work_orders.mapped("state")), {"done"})
        self.assertEqual(order.state, "completed")
        self.assertFalse(order.current_order_step_id)
        self.assertEqual(set(order.order_step_ids.mapped("state")), {"done"})
        self.assertEqual(order.order_step_ids.sorted("id")[0].name, "Registration")
        self.assertEqual(order.line_ids.service_id.state, "active")
