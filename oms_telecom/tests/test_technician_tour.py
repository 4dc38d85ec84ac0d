# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged

from .common import oms_new_test_user


class TechnicianTourCase(HttpCase):
    """An order at its installation, its two work orders planned for a technician
    earlier today (in UTC, the technician's zone): visits that can be reported."""

    def _order_at_installation(self):
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
            self.env,
            login="oms_tour_technician",
            name="Tess Tour",
            groups="oms_telecom.group_oms_technician",
            tz="UTC",
        )
        work_orders.division_id.member_ids = [Command.link(technician.id)]
        # Started today, before now: the visits can be reported done.
        now = fields.Datetime.now()
        start = max(now.replace(hour=0, minute=0, second=0, microsecond=0), now - timedelta(hours=2))
        for work_order in work_orders.sorted("id"):
            work_order.write({"technician_id": technician.id, "planned_start": start, "duration": 0.5})
        work_orders.filtered(lambda wo: wo.state == "draft").action_plan()
        if order.state == "held":
            # No free technician was found when the step started: the appointment is now set.
            order.action_resume()
        return order, work_orders, technician


@tagged("post_install", "-at_install")
class TestTechnicianTour(TechnicianTourCase):
    """In the browser, a technician reports the work orders of an order's
    installation done: the order completes with every step done."""

    def test_technician_completes_the_installation(self):
        order, work_orders, _technician = self._order_at_installation()

        self.start_tour("/odoo", "oms_telecom_technician_work_orders", login="oms_tour_technician")

        self.assertEqual(set(work_orders.mapped("state")), {"done"})
        self.assertEqual(order.state, "completed")
        self.assertFalse(order.current_order_step_id)
        self.assertEqual(set(order.order_step_ids.mapped("state")), {"done"})
        self.assertEqual(order.order_step_ids.sorted("id")[0].name, "Registration")
        self.assertEqual(order.line_ids.service_id.state, "active")


@tagged("post_install", "-at_install")
class TestTechnicianPhoneTour(TechnicianTourCase):
    """On a phone, a technician opens today's visit, calls the customer, finds the
    address on a map, and reports the installation done with the customer's signature."""

    browser_size = "390x844"
    touch_enabled = True

    def test_technician_completes_a_visit_with_a_signature(self):
        order, work_orders, technician = self._order_at_installation()
        installation = work_orders.filtered(lambda wo: wo.kind == "installation")
        installation.tasks = "Mount the ONT in the hallway cupboard"
        # Another visit, tomorrow: not in today's list.
        tomorrow = self.env["telecom.work.order"].create(
            {
                "order_id": order.id,
                "kind": "diagnosis",
                "technician_id": technician.id,
                "division_id": installation.division_id.id,
                "planned_start": fields.Datetime.now() + timedelta(days=2),
            }
        )

        self.start_tour("/odoo/telecom-work-orders", "oms_telecom_technician_phone", login="oms_tour_technician")

        self.assertEqual(installation.state, "done")
        self.assertEqual(installation.result, "ONT mounted, signal -18 dBm")
        self.assertTrue(installation.customer_signature)
        signature = order.document_ids.filtered(lambda doc: doc.document_type == "signature")
        self.assertEqual(signature.work_order_id, installation)
        self.assertEqual(signature.attachment_id.mimetype, "image/png")
        self.assertEqual(tomorrow.state, "draft")
