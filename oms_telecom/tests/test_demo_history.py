# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoHistory(TransactionCase):
    """The demo's history is made by running the product on a simulated clock:
    it tells one story, in which nothing happens before its cause and people
    work when they do."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The addons' demo orders: the portal's and the API's follow oms_telecom's.
        data = cls.env["ir.model.data"].search([("module", "=like", "oms_telecom%"), ("model", "=", "telecom.order")])
        cls.orders = cls.env["telecom.order"].browse(data.mapped("res_id")).exists()
        cls.work_orders = cls.orders.work_order_ids
        cls.order_steps = cls.orders.order_step_ids

    def test_demo_orders_have_a_history(self):
        self.assertGreater(len(self.orders), 40)
        submitted = self.orders.filtered("date_submitted")
        self.assertGreater(
            max(submitted.mapped("date_submitted")) - min(submitted.mapped("date_submitted")), timedelta(days=20)
        )
        self.assertTrue(self.orders.filtered(lambda order: order.state == "completed"))
        self.assertTrue(self.orders.filtered(lambda order: order.state == "cancelled"))
        self.assertTrue(self.orders.filtered("is_late"))
        self.assertTrue(self.env["telecom.escalation.event"].search([("order_id", "in", self.orders.ids)]))

    def test_orders_are_numbered_in_the_order_they_arrived(self):
        # The stories of the demo files are played in the order of time across
        # the files: an order takes its number when it is created, as it arrives
        # from a customer or as the operator starts typing it.
        orders = self.orders.sorted("name")
        self.assertTrue(all(order.name.startswith("COM/") for order in orders))
        created = orders.mapped("create_date")
        self.assertEqual(created, sorted(created), "orders numbered out of the order of their arrival")
        # What customers send from the portal or the public form, and what the
        # integrations send over the API, is submitted as it arrives: the numbers
        # follow the submissions.
        sent = orders.filtered(
            lambda order: (order.channel in ("portal", "web") and order.create_uid.share) or order.channel == "api"
        )
        self.assertGreater(len(sent), 3)
        self.assertEqual(sent.mapped("date_submitted"), sent.mapped("create_date"))
        self.assertEqual(
            orders.filtered(lambda order: order.date_submitted and order.date_submitted == order.create_date), sent
        )

    def test_orders_arrive_from_the_people_of_their_channel(self):
        # Each order is created by whoever sent it: the subscriber on the portal,
        # the mail gateway from the subscriber's e-mail, the visitor on the
        # public form, the operator who took the call or keyed in an e-mail.
        operator = self.env.ref("oms_telecom.group_oms_operator")
        gateway_login = self.env.ref("base.user_admin")
        public_user = self.env.ref("base.public_user")
        from_gateway = from_web_form = self.env["telecom.order"]
        for order in self.orders:
            creator = order.create_uid
            first_message = order.message_ids.sorted("id")[:1]
            if order.channel == "portal":
                self.assertEqual(creator.partner_id, order.partner_id, order.name)
                self.assertTrue(creator.share, order.name)
            elif order.channel == "email" and first_message.message_type == "email":
                # Odoo's gateway creates as the sender's own user, else as its login.
                self.assertEqual(first_message.author_id, order.partner_id, order.name)
                self.assertIn(creator, order.partner_id.user_ids | gateway_login, order.name)
                self.assertEqual(first_message.date, order.create_date, order.name)
                from_gateway |= order
            elif order.channel in ("operator", "email"):
                self.assertIn(operator, creator.groups_id, order.name)
            elif order.channel == "web" and not order.partner_id:
                # A prospect's order from the public form.
                self.assertEqual(creator, public_user, order.name)
                from_web_form |= order
        self.assertGreaterEqual(len(from_gateway), 3)
        self.assertGreaterEqual(len(from_web_form), 2)
        self.assertTrue(self.orders.filtered(lambda order: order.channel == "operator"))
        # The customer hears of an order once it is submitted, or once they wrote.
        for order in self.orders:
            customer_email = order.message_ids.filtered(lambda message: message.message_type == "email")[-1:]
            heard_from = min(filter(None, [order.date_submitted, customer_email.date]), default=None)
            for message in order.message_ids.filtered(
                lambda message: message.message_type != "email" and not message.subtype_id.internal
            ):
                self.assertTrue(heard_from, f"{order.name}: {message.subject} on a draft")
                self.assertGreaterEqual(message.date, heard_from, f"{order.name}: {message.subject}")
        # The customer never reads a message from the bot.
        odoobot = self.env.ref("base.partner_root")
        messages = self.orders.message_ids.filtered(
            lambda message: message.subtype_id and not message.subtype_id.internal
        )
        self.assertTrue(messages)
        self.assertFalse(messages.filtered(lambda message: message.author_id == odoobot).mapped("body"))

    def test_visits_done_in_their_teams_working_hours(self):
        visits = self.work_orders.filtered(lambda wo: wo.state in ("done", "failed") and wo.planned_start)
        self.assertGreater(len(visits), 10)
        for visit in visits:
            calendar = visit.division_id.resource_calendar_id
            zone = pytz.timezone(calendar.tz)
            for moment in (visit.planned_start, visit.date_done):
                local = pytz.utc.localize(moment).astimezone(zone)
                hour = local.hour + local.minute / 60
                attendances = calendar.attendance_ids.filtered(
                    lambda att, day=local: att.dayofweek == str(day.weekday())
                )
                self.assertTrue(attendances, f"{visit.name}: {local} is not a working day")
                self.assertGreaterEqual(hour, min(attendances.mapped("hour_from")), f"{visit.name}: {local}")
                self.assertLessEqual(hour, max(attendances.mapped("hour_to")), f"{visit.name}: {local}")
            self.assertGreaterEqual(visit.date_done, visit.planned_start, visit.name)
            self.assertTrue(visit.result, f"{visit.name} is reported without a result")

    def test_nothing_before_its_cause(self):
        for work_order in self.work_orders:
            order = work_order.order_id
            self.assertTrue(order.date_submitted, f"{work_order.name} on a draft")
            self.assertGreaterEqual(work_order.create_date, order.date_submitted, work_order.name)
            if work_order.date_done:
                self.assertGreaterEqual(work_order.date_done, work_order.create_date, work_order.name)
        for order in self.orders.filtered("date_submitted"):
            self.assertGreaterEqual(order.date_submitted, order.create_date, order.name)
            if order.date_closed:
                self.assertGreaterEqual(order.date_closed, order.date_submitted, order.name)
        for order in self.orders.filtered("affected_service_id"):
            service = order.affected_service_id
            self.assertTrue(service.date_activated, f"{order.name}: a problem on {service.display_name}, never active")
            self.assertGreaterEqual(order.create_date.date(), service.date_activated, order.name)
        for record in [*self.orders, *self.work_orders]:
            for message in record.message_ids:
                self.assertGreaterEqual(message.date, record.create_date, f"{record.name}: {message.body}")
            if record._name == "telecom.order" and record.date_closed:
                # Nothing is said about an order's work after it closed, but the closing itself.
                last = max(record.message_ids.mapped("date"))
                self.assertLessEqual(last - record.date_closed, timedelta(minutes=1), record.name)

    def test_escalations_fire_at_their_rules_time(self):
        events = self.env["telecom.escalation.event"].search([("order_id", "in", self.orders.ids)])
        by_step = defaultdict(list)
        for event in events:
            by_step[event.order_step_id].append(event)
        for step, step_events in by_step.items():
            self.assertGreaterEqual(min(event.date for event in step_events), step.date_start, step.order_id.name)
            if step.date_end:
                self.assertLessEqual(max(event.date for event in step_events), step.date_end, step.order_id.name)
            dates = [event.date for event in sorted(step_events, key=lambda event: event.level)]
            self.assertEqual(dates, sorted(dates), step.order_id.name)
            self.assertEqual(len(set(dates)), len(dates), f"{step.order_id.name}: levels fired in the same second")
            for event in step_events:
                if event.rule_id and step.sla_hours and not step.pending_duration and not step.held_duration:
                    # The level fires when its share of the SLA is used, on the step's calendar.
                    used = step._working_hours_between(step.date_start, event.date)
                    expected = step.sla_hours * event.rule_id.threshold_percent / 100
                    self.assertAlmostEqual(used, expected, delta=0.1, msg=f"{step.order_id.name} level {event.level}")

    def test_completed_orders_went_through_their_scenario(self):
        completed = self.orders.filtered(lambda order: order.state == "completed" and order.scenario_id)
        self.assertGreater(len(completed), 20)
        for order in completed:
            passed = order.order_step_ids.filtered(lambda step: step.state in ("done", "skipped"))
            self.assertEqual(passed, order.order_step_ids, order.name)
            last = order.order_step_ids.sorted("id")[-1].scenario_step_id
            self.assertFalse(last._next_step(), f"{order.name} completed at {last.name}")
            main_path = order.scenario_id.step_ids - order.scenario_id.step_ids.branch_ids.next_step_id
            self.assertLessEqual(main_path, passed.scenario_step_id, order.name)

    def test_steps_took_time_where_work_happened(self):
        for step in self.order_steps.filtered(lambda step: step.state == "done" and step.date_end):
            if step.work_order_ids or not step.scenario_step_id.auto_advance:
                self.assertGreater(step.duration, 0, f"{step.order_id.name}: {step.name}")

    def test_services_activated_by_their_completing_work(self):
        zone = pytz.timezone(self.env.ref("oms_telecom.calendar_field_teams").tz)
        lines = self.orders.line_ids.filtered(lambda line: line.action == "add" and line.state == "done")
        self.assertTrue(lines)
        for line in lines:
            work_orders = line.order_id.work_order_ids.filtered(lambda wo: wo.state == "done")
            if not work_orders:
                continue
            done = max(work_orders.mapped("date_done"))
            local_day = pytz.utc.localize(done).astimezone(zone).date()
            self.assertEqual(line.service_id.date_activated, local_day, line.order_id.name)

    def test_people_read_times_in_their_zone(self):
        # The staff work with the field teams of Chicago; a first login from a
        # browser elsewhere does not take their zone (they have logged in before).
        for xmlid in (
            "base.user_admin",
            "oms_telecom.user_operator",
            "oms_telecom.user_technician",
            "oms_telecom.user_division_manager",
        ):
            user = self.env.ref(xmlid)
            self.assertEqual(user.tz, "America/Chicago", xmlid)
            self.assertTrue(user.login_date, xmlid)
        # Subscribers live at their service address.
        for order in self.orders.filtered(lambda order: order.partner_id and order.premises_id):
            subscriber = order.partner_id.commercial_partner_id
            self.assertEqual(subscriber.tz, order.premises_id.tz, order.name)
        portal = self.env.ref("oms_telecom.user_subscriber2")
        self.assertEqual(portal.tz, "America/Chicago")

    def test_technicians_report_their_visits_themselves(self):
        state_field = self.env["ir.model.fields"]._get("telecom.work.order", "state")
        reported = self.env["mail.tracking.value"].search(
            [
                ("field_id", "=", state_field.id),
                ("mail_message_id.model", "=", "telecom.work.order"),
                ("mail_message_id.res_id", "in", self.work_orders.ids),
                ("new_value_char", "in", ["In Progress", "Done", "Failed"]),
            ]
        )
        self.assertGreater(len(reported), 10)
        for tracking in reported:
            message = tracking.mail_message_id
            work_order = self.env["telecom.work.order"].browse(message.res_id)
            self.assertEqual(message.author_id, work_order.technician_id.partner_id, work_order.name)
