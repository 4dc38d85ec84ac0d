# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from .scenario_common import ScenarioCase


@freeze_time("2030-05-06 09:00:00")
class TestScenarioNotifications(ScenarioCase):
    """E-mails to the subscriber on stage changes: the step's template, in the
    subscriber's language, kept in the chatter, and the opt-out of progress e-mails."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["oms_telecom"], ["fr_FR"], overwrite=True)
        cls.template_received = cls.env.ref("oms_telecom.mail_template_telecom_order_received")
        cls.template_visit = cls.env.ref("oms_telecom.mail_template_telecom_technician_visit")
        cls.template_activated = cls.env.ref("oms_telecom.mail_template_telecom_service_activated")
        cls.template_visit.with_context(lang="fr_FR").write(
            {
                "subject": "{{ object.name }} : un technicien va passer",
                "body_html": '<p>Bonjour <t t-out="object.partner_id.name"/>, un technicien passera pour '
                '<t t-out="object.name"/> (<t t-out="object.current_order_step_id.name"/>).</p>',
            }
        )
        cls.env.ref("oms_telecom.mail_template_telecom_appointment_confirmed").with_context(lang="fr_FR").write(
            {
                "subject": "{{ object.name }} : un technicien passera",
                "body_html": '<p>Bonjour <t t-out="object.partner_id.name"/>, un technicien passera pour '
                '<t t-out="object.name"/> (<t t-out="object.current_order_step_id.name"/>).</p>',
            }
        )

    def _book_the_visit(self, order):
        """The installation tells the subscriber once its visit is booked."""
        self.assertFalse(self._notifications(order), "nobody will come before the visit is booked")
        slot = order._get_technician_slots()[0]
        return order._book_technician_slot(slot["start"], slot["technician_id"])

    def _notifications(self, order):
        return order.message_ids.filtered(lambda message: message.message_type == "comment").sorted("id")

    def test_step_templates_in_the_subscriber_language(self):
        self.individual.lang = "fr_FR"
        order = self._create_order()
        order.action_submit()
        self.assertFalse(
            self._notifications(order), "the built-in first steps do not e-mail: the channels confirm themselves"
        )
        order.action_next_step()
        visits = self._book_the_visit(order)
        visit = self._notifications(order)
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.subject, f"{order.name} : un technicien passera")
        self.assertIn("Bonjour Ivana Individual", visit.body)
        self.assertIn("(Installation)", visit.body)
        self.assertEqual(visit.partner_ids, self.individual)
        self.assertEqual(visit.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(order.current_order_step_id.notification_message_id, visit)
        self.assertEqual(visit.notification_ids.res_partner_id, self.individual)
        self.assertEqual(visit.notification_ids.notification_type, "email", "the subscriber gets it by e-mail")

        # Each step sends its own template.
        with freeze_time(max(visits.mapped("planned_end"))):
            self._finish_work_orders(self._step_work_orders(order))
        activated = self._notifications(order) - visit
        self.assertEqual(len(activated), 1)
        self.assertEqual(activated.subject, f"{order.name} : votre service est actif")
        self.assertEqual(order.order_step_ids[-1].notification_message_id, activated)

    def test_english_subscriber_gets_the_english_text(self):
        self.individual.lang = "en_US"
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        self._book_the_visit(order)
        visit = self._notifications(order)
        self.assertIn(f"{order.name}: technician visit on ", visit.subject)
        self.assertIn("/my/telecom/orders/", visit.body, "with the portal link")
        self.assertIn("calendar file", visit.body)

    def test_opt_out_of_progress_emails(self):
        self.individual.telecom_notification_opt_out = True
        order = self._create_order(lines=[{"product_id": self.phone.id, "parameters": {"lines": 1}}])
        scenario = self._create_scenario(
            [
                {
                    "name": "Check",
                    "stage_id": self.stages["new"].id,
                    "notify_subscriber": True,
                    "notification_essential": True,
                    "mail_template_id": self.template_received.id,
                },
                {
                    "name": "Activate",
                    "stage_id": self.stages["activation"].id,
                    "notify_subscriber": True,
                    "mail_template_id": self.template_activated.id,
                    "auto_advance": True,
                    "actions": [{"action_type": "activate_services"}],
                },
            ]
        )
        order.scenario_id = scenario
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.state, "completed")
        notifications = self._notifications(order)
        self.assertEqual(len(notifications), 1, "only the essential e-mail is sent")
        self.assertIn("received your order", notifications.subject)
        self.assertTrue(
            order.message_ids.filtered(lambda message: "opted out" in (message.body or "")),
            "the chatter says why the progress e-mail was not sent",
        )

    def test_prospect_notified_at_their_address(self):
        scenario = self._create_scenario(
            [
                {
                    "name": "Check",
                    "stage_id": self.stages["new"].id,
                    "notify_subscriber": True,
                    "mail_template_id": self.template_received.id,
                },
            ]
        )
        order = self._create_order(
            partner=self.env["res.partner"],
            premises=self.premises_cottage,
            prospect_name="Pat Prospect",
            prospect_email="pat@example.com",
            scenario_id=scenario.id,
        )
        order.action_submit()
        received = self._notifications(order)
        self.assertEqual(len(received), 1)
        mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", received.id)])
        self.assertEqual(mail.email_to, "pat@example.com")
        self.assertFalse(
            self.env["res.partner"].search([("email", "=", "pat@example.com")]),
            "no partner is made for a prospect just to e-mail them",
        )
