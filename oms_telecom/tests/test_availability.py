# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from .scenario_common import ScenarioCase


@freeze_time("2030-05-06 07:00:00")
class TestAvailability(ScenarioCase):
    """Free slots of the technical division's technicians: working hours, leaves,
    planned work orders and daily capacity; booking; holding the order when
    nobody is free within the SLA."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario = cls._create_scenario(
            [
                {"name": "Check", "stage_id": cls.stages["new"].id},
                {
                    "name": "Installation",
                    "stage_id": cls.stages["technical"].id,
                    "division_kind": "technical",
                    "sla_hours": 24,
                    "check_technician_availability": True,
                    "actions": [
                        {
                            "action_type": "create_work_orders",
                            "work_order_kind": "installation",
                            "work_order_duration": 2.0,
                        },
                        {
                            "action_type": "create_work_orders",
                            "work_order_kind": "line_test",
                            "work_order_duration": 1.0,
                            "depends_on_previous": True,
                        },
                    ],
                },
                {
                    "name": "Activation",
                    "stage_id": cls.stages["activation"].id,
                    "auto_advance": True,
                    "actions": [{"action_type": "activate_services"}],
                },
            ]
        )

    def _leave(self, resource, date_from, date_to):
        return self.env["resource.calendar.leaves"].create(
            {
                "name": "Leave",
                "resource_id": resource.id,
                "calendar_id": self.calendar.id,
                "date_from": date_from,
                "date_to": date_to,
                "time_type": "leave",
            }
        )

    def _busy(self, technician, *starts):
        """Work orders already planned for the technician on another order."""
        other = self._create_order(premises=self.premises_office, partner=self.company_contact, no_scenario=True)
        other.action_submit()
        for start in starts:
            self._create_work_order(other, technician_id=technician.id, planned_start=start, duration=2.0).action_plan()

    def _order_at_installation(self, premises=None):
        order = self._create_order(scenario_id=self.scenario.id, premises=premises or self.premises_home)
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Installation")
        return order

    def _slots(self, order, **kwargs):
        return [
            (slot["start"].strftime("%a %H:%M"), slot["technician_name"])
            for slot in order._get_technician_slots(**kwargs)
        ]

    def test_slots_with_leaves_and_full_capacity(self):
        self._leave(self.resource_technician, "2030-05-06 00:00:00", "2030-05-06 23:59:59")
        self._busy(self.user_technician_2, "2030-05-07 08:00:00", "2030-05-07 13:00:00")
        order = self._order_at_installation()
        self.assertEqual(order.state, "in_progress")
        self.assertTrue(order.can_book_slot)
        # Three-hour visits (installation, then line test) over the next three working days.
        self.assertEqual(
            self._slots(order),
            [
                ("Mon 08:00", "Tom Second"),
                ("Mon 13:00", "Tom Second"),
                ("Tue 08:00", "Tessa Technician"),
                ("Tue 13:00", "Tessa Technician"),
                ("Wed 08:00", "Tessa Technician"),
                ("Wed 08:00", "Tom Second"),
                ("Wed 13:00", "Tessa Technician"),
                ("Wed 13:00", "Tom Second"),
            ],
        )

    def test_book_a_slot(self):
        order = self._order_at_installation()
        installation, line_test = self._step_work_orders(order)
        work_orders = order._book_technician_slot("2030-05-06 13:00:00", self.user_technician_2.id)
        self.assertEqual(work_orders, installation | line_test)
        self.assertEqual(installation.planned_start, datetime(2030, 5, 6, 13, 0))
        self.assertEqual(line_test.planned_start, datetime(2030, 5, 6, 15, 0), "the line test follows")
        self.assertEqual(set(work_orders.mapped("state")), {"planned"})
        self.assertEqual(work_orders.technician_id, self.user_technician_2)
        self.assertFalse(order.can_book_slot)

        # Tom's Monday is now taken (capacity 3, a visit is two work orders).
        other = self._order_at_installation(premises=self.premises_cottage)
        self.assertNotIn(("Mon 08:00", "Tom Second"), self._slots(other))
        self.assertIn(("Mon 08:00", "Tessa Technician"), self._slots(other))
        with self.assertRaises(UserError) as caught:
            other._book_technician_slot("2030-05-06 13:00:00", self.user_technician_2.id)
        self.assertIn("not free", str(caught.exception))
        self.assertFalse(self._step_work_orders(other).technician_id)

    def test_book_through_the_wizard(self):
        order = self._order_at_installation().with_user(self.user_operator)
        action = order.action_open_slot_booking()
        wizard = self.env["telecom.slot.booking.wizard"].with_user(self.user_operator).browse(action["res_id"])
        self.assertEqual(len(wizard.line_ids), 12, "two slots a day for two technicians over three days")
        first = wizard.line_ids[0]
        first.action_book()
        self.assertEqual(self._step_work_orders(order)[0].planned_start, first.start)
        self.assertEqual(self._step_work_orders(order)[0].technician_id, first.technician_id)

    def test_nobody_free_within_the_sla_holds_the_order(self):
        for resource in (self.resource_technician, self.resource_technician_2):
            self._leave(resource, "2030-05-06 00:00:00", "2030-05-10 23:59:59")
        order = self._order_at_installation()
        self.assertEqual(order.state, "held")
        self.assertEqual(order.state_reason, "No technician available")
        self.assertTrue(order.needs_attention)
        self.assertEqual(order.current_order_step_id.state, "held")
        warning = order.message_ids.filtered(lambda message: "is free before the deadline" in (message.body or ""))
        self.assertEqual(warning.partner_ids, self.user_tech_lead.partner_id, "the division's manager is told")

        # The operator books the first slot after the leaves: the order goes on.
        slots = order._get_technician_slots(date_from="2030-05-13 00:00:00")
        self.assertEqual(slots[0]["start"], datetime(2030, 5, 13, 8, 0))
        order._book_technician_slot(slots[0]["start"], slots[0]["technician_id"])
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.needs_attention)
        self.assertEqual(order.current_order_step_id.state, "running")
        self.assertEqual(order.stage_id, self.stages["technical"])

        # The technician reports on the day of the visit.
        with freeze_time("2030-05-13 14:00:00"):
            self._finish_work_orders(self._step_work_orders(order))
        self.assertEqual(order.state, "completed")
