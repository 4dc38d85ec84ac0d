# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import OmsTelecomCase

IDENTITY_FIELDS = ("identity_document_type", "identity_document_number", "identity_document_issued", "birthdate")
ACCOUNT = re.compile(r"^ACC\d{7}$")


class TestSubscriber(OmsTelecomCase):
    def test_account_number_on_flagging(self):
        partner = self.env["res.partner"].create({"name": "Fred Future"})
        self.assertFalse(partner.subscriber_account)
        partner.is_telecom_subscriber = True
        self.assertRegex(partner.subscriber_account, ACCOUNT)
        account = partner.subscriber_account
        # Flagging again, or unflagging and flagging, keeps the number.
        partner.write({"is_telecom_subscriber": True})
        partner.is_telecom_subscriber = False
        partner.is_telecom_subscriber = True
        self.assertEqual(partner.subscriber_account, account)

    def test_account_numbers_are_distinct(self):
        partners = self.env["res.partner"].create([{"name": f"Batch {index}"} for index in range(3)])
        partners.write({"is_telecom_subscriber": True})
        created = self.env["res.partner"].create([{"name": "Created", "is_telecom_subscriber": True}])
        accounts = (partners | created).mapped("subscriber_account")
        self.assertEqual(len(set(accounts)), 4)
        for account in accounts:
            self.assertRegex(account, ACCOUNT)
        self.assertNotIn(self.individual.subscriber_account, accounts)
        self.assertNotEqual(self.individual.subscriber_account, self.company_subscriber.subscriber_account)

    def test_account_number_is_unique(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.other_individual.write({"subscriber_account": self.individual.subscriber_account})
            self.env.flush_all()

    def test_account_number_is_not_copied(self):
        copy = self.individual.copy()
        self.assertFalse(copy.is_telecom_subscriber)
        self.assertFalse(copy.subscriber_account)

    def test_subscriber_kind(self):
        self.assertEqual(self.individual.subscriber_kind, "individual")
        self.assertEqual(self.company_subscriber.subscriber_kind, "company")
        partner = self.env["res.partner"].create({"name": "Soon Ltd"})
        self.assertEqual(partner.subscriber_kind, "individual")
        partner.is_company = True
        self.assertEqual(partner.subscriber_kind, "company")
        # An order of a company's contact is a company's order.
        order = self._create_order(partner=self.company_contact, premises=self.premises_office)
        self.assertEqual(order.subscriber_kind, "company")
        self.assertEqual(order.subscriber_account, self.company_subscriber.subscriber_account)
        self.assertEqual(self._create_order().subscriber_kind, "individual")

    # Identity data: operators only

    def test_identity_fields_hidden_without_operator_group(self):
        identity = {
            "identity_document_type": "passport",
            "identity_document_number": "EH123456",
            "birthdate": "1980-02-29",
        }
        portal_partner = self.user_portal.partner_id
        (self.individual | portal_partner).write(identity)
        # A technician reads the subscriber's contact data, a portal user their own.
        for user, partner in ((self.user_technician, self.individual), (self.user_portal, portal_partner)):
            with self.subTest(user=user.login):
                fields = self.env["res.partner"].with_user(user).fields_get()
                self.assertIn("phone", fields)
                for name in IDENTITY_FIELDS:
                    self.assertNotIn(name, fields)
                partner = partner.with_user(user)
                self.assertEqual(partner.read(["name"])[0]["name"], partner.sudo().name)
                for name in IDENTITY_FIELDS:
                    with self.assertRaises(AccessError):
                        partner.read([name])
                with self.assertRaises(AccessError):
                    self.assertFalse(partner.identity_document_number)

        for user in (self.user_operator, self.user_division_manager, self.user_oms_manager):
            with self.subTest(user=user.login):
                fields = self.env["res.partner"].with_user(user).fields_get()
                self.assertTrue(set(IDENTITY_FIELDS) <= set(fields))
                values = self.individual.with_user(user).read(["identity_document_number", "birthdate"])[0]
                self.assertEqual(values["identity_document_number"], "EH123456")
                self.assertEqual(str(values["birthdate"]), "1980-02-29")

    # Counts and smart buttons

    def test_counts(self):
        self._create_service(partner=self.company_subscriber, premises=self.premises_office, product=self.fiber_500)
        self._create_service(partner=self.company_contact, premises=self.premises_office, product=self.phone)
        self._create_order(partner=self.company_contact, premises=self.premises_office)
        self._create_order(
            partner=self.company_subscriber, premises=self.premises_office, order_type="problem", lines=[]
        )
        for partner in (self.company_subscriber, self.company_contact):
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.telecom_service_count, 2)
                self.assertEqual(partner.telecom_order_count, 2)
        self.assertEqual(self.individual.telecom_service_count, 0)
        self.assertEqual(self.individual.telecom_order_count, 0)
        self.assertEqual(self.company_subscriber.telecom_premises_ids, self.premises_office)

    def test_smart_button_actions(self):
        services = self._create_service(
            partner=self.company_subscriber, premises=self.premises_office, product=self.fiber_500
        ) | self._create_service(partner=self.company_contact, premises=self.premises_office, product=self.phone)
        orders = self._create_order(partner=self.company_contact, premises=self.premises_office) | self._create_order(
            partner=self.company_subscriber, premises=self.premises_office, order_type="problem", lines=[]
        )
        self._create_order()  # another subscriber's

        action = self.company_contact.action_view_telecom_orders()
        self.assertEqual(action["res_model"], "telecom.order")
        self.assertEqual(self.env["telecom.order"].search(action["domain"]), orders)
        self.assertEqual(action["context"]["default_partner_id"], self.company_contact.id)

        action = self.company_subscriber.action_view_telecom_services()
        self.assertEqual(action["res_model"], "telecom.subscriber.service")
        self.assertEqual(self.env["telecom.subscriber.service"].search(action["domain"]), services)

        service = services[0]
        order = self._create_order(
            partner=self.company_subscriber,
            premises=self.premises_office,
            order_type="disconnection",
            lines=[{"service_id": service.id}],
        )
        action = service.action_view_orders()
        self.assertEqual(self.env["telecom.order"].search(action["domain"]), order)
        action = order.action_view_services()
        self.assertEqual(action["res_id"], service.id)
        self.assertEqual(action["view_mode"], "form")
