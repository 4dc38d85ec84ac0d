# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .scenario_common import ScenarioCase


@freeze_time("2030-05-06 09:00:00")
class TestCustomerMessages(ScenarioCase):
    """What the customer receives is written by the company, whoever made it go,
    and says what is true when it goes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner = cls.env.company.partner_id
        cls.template_received = cls.env.ref("oms_telecom.mail_template_telecom_order_received")

    def _customer_messages(self, order):
        return order.message_ids.filtered(lambda message: message.subtype_id == self.env.ref("mail.mt_comment")).sorted(
            "id"
        )

    def test_written_by_the_company_when_a_subscriber_sets_it_off(self):
        order = self._create_order()
        order.action_submit()
        # The portal runs the subscriber's actions as superuser, with the subscriber as user.
        order_sudo = order.with_user(self.user_portal).sudo()
        message = order_sudo._scenario_notify(self.template_received)
        self.assertEqual(message.author_id, self.company_partner)
        self.assertNotEqual(message.author_id, self.user_portal.partner_id)
        receipt = order_sudo._telecom_send_receipt("We have received your answer.", "It works <b>now</b>.")
        self.assertEqual(receipt.author_id, self.company_partner)
        self.assertIn("It works &lt;b&gt;now&lt;/b&gt;.", receipt.body, "the customer's words, as text")
        self.assertEqual(receipt.partner_ids, self.individual)

    def test_no_technician_announced_before_the_visit_is_booked(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Installation")
        self.assertTrue(order._scenario_work_orders_to_book())
        self.assertFalse(self._customer_messages(order), "nobody will come yet: nothing is said")
        self.assertFalse(order.current_order_step_id.notification_message_id)

        slot = order._get_technician_slots()[0]
        order._book_technician_slot(slot["start"], slot["technician_id"])
        visit = self._customer_messages(order)
        self.assertEqual(len(visit), 1)
        self.assertIn("technician visit on", visit.subject)
        self.assertEqual(visit.author_id, self.company_partner)
        self.assertEqual(visit.attachment_ids.name, "appointment.ics")
        self.assertEqual(order.current_order_step_id.notification_message_id, visit, "the step's notification")

    def test_planning_the_visits_announces_them(self):
        """The dispatcher plans the visits at the proposed time, without the booking
        wizard: the subscriber hears of them once all are planned."""
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        visits = self._step_work_orders(order)
        self.assertTrue(visits)
        for index, work_order in enumerate(visits):
            work_order.write(
                {"technician_id": self.user_technician.id, "planned_start": f"2030-05-07 {8 + index:02d}:00:00"}
            )
            self.assertFalse(self._customer_messages(order))
        visits.action_plan()
        visit = self._customer_messages(order)
        self.assertEqual(len(visit), 1)
        self.assertIn("technician visit on", visit.subject)
        self.assertIn("7 May 2030", visit.subject)
        self.assertEqual(visit.author_id, self.company_partner)

    def test_a_step_without_a_visit_to_book_notifies_on_entry(self):
        template_visit = self.env.ref("oms_telecom.mail_template_telecom_technician_visit")
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id},
                {
                    "name": "Visit",
                    "stage_id": self.stages["technical"].id,
                    "division_kind": "technical",
                    "notify_subscriber": True,
                    "mail_template_id": template_visit.id,
                    "actions": [{"action_type": "create_work_orders", "work_order_kind": "installation"}],
                },
            ]
        )
        order = self._create_order(scenario_id=scenario.id)
        order.action_submit()
        order.action_next_step()
        visit = self._customer_messages(order)
        self.assertEqual(len(visit), 1, "the step books no visit: it says what it says as it starts")
        self.assertEqual(visit.author_id, self.company_partner)


@tagged("post_install", "-at_install")
class TestDemoMessages(ScenarioCase):
    """The demo's e-mails, written by the scenarios on the simulated clock."""

    def test_demo_customer_messages_are_the_company_s_and_true(self):
        company_partner = self.env.ref("base.main_company").partner_id
        messages = self.env["mail.message"].search(
            [
                ("model", "=", "telecom.order"),
                ("subtype_id", "=", self.env.ref("mail.mt_comment").id),
                ("message_type", "=", "comment"),
                ("partner_ids", "!=", False),
                ("subject", "!=", False),
            ]
        )
        self.assertTrue(messages, "the demo writes to its subscribers")
        self.assertEqual(messages.author_id, company_partner, "every e-mail to a subscriber is the company's")
        for message in messages.filtered(lambda message: "technician" in (message.subject or "")):
            order = self.env["telecom.order"].browse(message.res_id)
            booked = order.work_order_ids.filtered("planned_start")
            self.assertTrue(booked, f"{order.name}: {message.subject} with no visit booked")
            self.assertLessEqual(
                min(booked.mapped("create_date")), message.date, f"{order.name}: announced before the visit existed"
            )
