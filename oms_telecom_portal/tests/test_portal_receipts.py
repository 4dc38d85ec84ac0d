# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .test_appointment_confirmation import AppointmentChicagoCase


@tagged("post_install", "-at_install")
class TestPortalReceipts(AppointmentChicagoCase):
    """What the subscriber does on the portal is noted for the team and confirmed
    to them by the company, in the order's thread; the team's notes never reach
    the subscriber's side."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner = cls.env.company.partner_id
        cls.company_partner.email = "hello@operator.example.com"
        cls.mt_comment = cls.env.ref("mail.mt_comment")
        cls.mt_note = cls.env.ref("mail.mt_note")

    def _customer_messages(self, order):
        """The messages the subscriber receives: comments sent to them."""
        return order.message_ids.filtered(
            lambda message: message.subtype_id == self.mt_comment and self.subscriber in message.partner_ids
        ).sorted("id")

    def _assert_written_by_the_company(self, messages):
        self.assertTrue(messages)
        for message in messages:
            self.assertEqual(message.author_id, self.company_partner, message.subject)
            self.assertIn("hello@operator.example.com", message.email_from)

    def _portal_thread(self, order, **params):
        """The messages the portal's chatter shows for the order."""
        result = self.make_jsonrpc_request(
            "/mail/chatter_fetch", {"thread_model": "telecom.order", "thread_id": order.id, "limit": 100, **params}
        )
        return [message["body"] for message in result["data"]["mail.message"]]

    def _problem_at_confirmation(self):
        """A problem whose analysis e-mails the subscriber, at the confirmation step."""
        in_progress = self.env.ref("oms_telecom.mail_template_telecom_repair_in_progress")
        scenario = self.env["telecom.scenario"].create(
            {
                "name": "Receipts test problem",
                "order_type": "problem",
                "step_ids": [
                    Command.create(
                        {
                            "sequence": 10,
                            "name": "Analysis",
                            "stage_id": self.env.ref("oms_telecom.stage_in_progress").id,
                            "division_kind": "support",
                            "notify_subscriber": True,
                            "mail_template_id": in_progress.id,
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 20,
                            "name": "Your Confirmation",
                            "stage_id": self.env.ref("oms_telecom.stage_customer_confirmation").id,
                            "division_kind": "support",
                        }
                    ),
                ],
            }
        )
        analysis, confirmation = scenario.step_ids.sorted("sequence")
        confirmation.branch_ids = [Command.create({"outcome": "not_confirmed", "next_step_id": analysis.id})]
        problem = self._create_order(
            self.subscriber,
            self.service.premises_id,
            [],
            order_type="problem",
            affected_service_id=self.service.id,
            scenario_id=scenario.id,
        )
        problem.message_subscribe(partner_ids=self.subscriber.ids)
        problem.action_next_step()
        return problem

    def test_not_solved_is_noted_for_the_team_and_confirmed_by_the_company(self):
        problem = self._problem_at_confirmation()
        before = self._customer_messages(problem)
        self._login(self.user_subscriber)
        self._post(f"/my/telecom/orders/{problem.id}/not_solved", {"comment": "Still drops every evening."})
        self.assertEqual(problem.current_order_step_id.name, "Analysis")

        note = problem.message_ids.filtered(lambda message: "problem is not solved" in str(message.body))
        note = note.filtered(lambda message: "The subscriber reported" in str(message.body))
        self.assertEqual(len(note), 1)
        self.assertEqual(note.subtype_id, self.mt_note, "an internal note, not a message to the subscriber")
        self.assertEqual(note.author_id, self.subscriber, "the team sees who answered")
        self.assertIn("Still drops every evening.", note.body)

        receipt, status = self._customer_messages(problem) - before
        self.assertIn("We have received your answer: the problem is not solved", receipt.body)
        self.assertIn("Still drops every evening.", receipt.body, "their words are quoted")
        self.assertIn("Hello Sara Subscriber", status.body)
        self.assertIn("diagnosis under way", status.subject)
        self._assert_written_by_the_company(receipt | status)
        self.assertEqual(receipt.notification_ids.res_partner_id, self.subscriber)
        self.assertEqual(receipt.notification_ids.notification_type, "email")

        # The subscriber's side shows what they received, never the team's note.
        thread = "".join(self._portal_thread(problem))
        self.assertIn("We have received your answer", thread)
        self.assertNotIn("The subscriber reported", thread)
        self.assertNotIn("The subscriber reported", self.url_open(problem.get_portal_url()).text)

    def test_solved_is_confirmed(self):
        problem = self._problem_at_confirmation()
        self._login(self.user_subscriber)
        self._post(f"/my/telecom/orders/{problem.id}/solved", {"comment": "Works now."})
        self.assertEqual(problem.state, "completed")
        receipt = self._customer_messages(problem)[-1]
        self.assertIn("Thank you for confirming that the problem is solved", receipt.body)
        self._assert_written_by_the_company(receipt)

    def test_cancellation_request_is_confirmed(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.fiber])
        self._login(self.user_subscriber)
        response = self._post(f"/my/telecom/orders/{order.id}/cancel", {"reason": "Moving abroad."})
        self.assertIn("message=cancel_requested", response.headers["Location"])
        note = order.message_ids.filtered(lambda message: "asked to cancel" in str(message.body))
        self.assertEqual(note.subtype_id, self.mt_note)
        receipt = self._customer_messages(order)[-1]
        self.assertIn("We have received your request to cancel the order", receipt.body)
        self.assertIn("Moving abroad.", receipt.body)
        self._assert_written_by_the_company(receipt)

    def test_new_order_from_the_portal_gets_a_receipt(self):
        self._login(self.user_subscriber)
        response = self._post(
            "/my/telecom/orders/new",
            {"premises_choice": str(self.premises_home.id), "product_ids": str(self.phone.id)},
        )
        self.assertEqual(response.status_code, 303, response.text[:2000])
        order = self.env["telecom.order"].search([("id", ">", self.last_order_id)], order="id desc", limit=1)
        self.assertEqual(order.channel, "portal")
        receipt = self._customer_messages(order)
        self.assertEqual(len(receipt), 1)
        self.assertIn("we have received your order", receipt.subject)
        self._assert_written_by_the_company(receipt)
        self.assertIn("We have received your order", "".join(self._portal_thread(order)))

    def test_booking_and_cancelling_a_visit_are_confirmed_in_the_thread(self):
        self.division_technical.visit_change_hours = 0
        order = self._order_waiting_for_appointment()
        self.assertFalse(
            self._customer_messages(order).filtered(lambda message: "technician" in message.subject),
            "nobody is announced before a visit is booked",
        )
        slot = order._get_technician_slots()[0]
        self._login(self.user_subscriber)
        key = f"{slot['start']:%Y-%m-%d %H:%M:%S}|{slot['technician_id']}"
        self._post(f"/my/telecom/orders/{order.id}/appointment", {"slot": key})
        visit = self._customer_messages(order)[-1]
        self.assertIn("technician visit on", visit.subject)
        self.assertEqual(visit.attachment_ids.name, "appointment.ics")
        self._assert_written_by_the_company(visit)
        self.assertEqual(order.current_order_step_id.notification_message_id, visit, "the step's notification")
        self.assertNotIn("appointment.ics", order.document_ids.mapped("name"), "no document of the order")

        self._post(f"/my/telecom/orders/{order.id}/appointment/cancel", {})
        receipt = self._customer_messages(order)[-1]
        self.assertIn("We have received the cancellation of the technician's visit", receipt.body)
        self.assertIn("(America/Chicago, ", receipt.body, "the time at the address, with its zone")
        self._assert_written_by_the_company(receipt)

    def test_notes_stay_internal_for_a_visitor_with_the_link(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.fiber])
        order.message_post(
            body="Internal: the neighbour complained about this subscriber.", subtype_xmlid="mail.mt_note"
        )
        order._telecom_send_receipt("We have received your request.")
        self._anonymous()
        thread = "".join(self._portal_thread(order, token=order._portal_ensure_token()))
        self.assertIn("We have received your request.", thread)
        self.assertNotIn("neighbour complained", thread)
        page = self.url_open(order.get_portal_url()).text
        self.assertNotIn("neighbour complained", page)

    def test_an_emailed_problem_reads_received(self):
        """The team registers an order opened by e-mail (a draft): the customer sent it."""
        order = self.env["telecom.order"].create(
            {"partner_id": self.subscriber.id, "order_type": "problem", "channel": "email"}
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.portal_state, "acknowledged")
        self.assertEqual(order._portal_state_tone(), "info")
        self._login(self.user_subscriber)
        page = self.url_open(order.get_portal_url()).text
        self.assertNotIn("Not sent yet", page)
        self.assertIn("Received", page)
