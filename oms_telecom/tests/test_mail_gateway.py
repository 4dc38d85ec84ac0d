# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MailCommon

from .common import OmsTelecomCase

MAIL_TEMPLATE = """Return-Path: {return_path}
To: {to}
cc: {cc}
Received: by mail1.example.com (Postfix, from userid 10002)
    id 5DF9ABFB2A; Fri, 10 Aug 2012 16:16:39 +0200 (CEST)
From: {email_from}
Subject: {subject}
MIME-Version: 1.0
Content-Type: multipart/alternative;
    boundary="----=_Part_4200734_24778174.1344608186754"
Date: Fri, 10 Aug 2012 14:16:26 +0000
Message-ID: {msg_id}
{extra}
------=_Part_4200734_24778174.1344608186754
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

My internet connection drops every evening around 8 pm.

------=_Part_4200734_24778174.1344608186754
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: quoted-printable

<html><body><p>My internet connection drops every evening around 8 pm.</p></body></html>
------=_Part_4200734_24778174.1344608186754--
"""


class TestMailGateway(OmsTelecomCase, MailCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("oms_telecom.mail_alias_telecom_support")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.support_address = f"support@{cls.alias_domain}"

    def _receive(self, email_from, subject):
        return self.format_and_process(
            MAIL_TEMPLATE,
            email_from,
            self.support_address,
            subject=subject,
            target_model="telecom.order",
            target_field="message_ids.subject",
        )

    def test_alias(self):
        self.assertEqual(self.alias.alias_full_name, self.support_address)
        self.assertEqual(self.alias.alias_model_id.model, "telecom.order")
        self.assertEqual(self.alias.alias_contact, "everyone")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_known_sender(self):
        order = self._receive(f'"Ivana Individual" <{self.individual.email}>', "Internet drops every evening")
        self.assertEqual(len(order), 1)
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "problem",
                    "channel": "email",
                    "partner_id": self.individual.id,
                    "prospect_name": False,
                    "prospect_email": False,
                    "state": "draft",
                }
            ],
        )
        self.assertTrue(order.name.startswith("COM/"), "the number comes from the sequence, not the subject")
        self.assertIn("drops every evening", order.description)
        self.assertIn(self.individual, order.message_partner_ids)
        message = order.message_ids.filtered(lambda msg: msg.message_type == "email")
        self.assertEqual(message.author_id, self.individual)
        self.assertEqual(message.subject, "Internet drops every evening")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_unknown_sender(self):
        partners = self.env["res.partner"].search_count([])
        order = self._receive('"Sam Stranger" <Sam.Stranger@Example.com>', "No TV signal")
        self.assertEqual(len(order), 1)
        self.assertRecordValues(
            order,
            [
                {
                    "order_type": "problem",
                    "channel": "email",
                    "partner_id": False,
                    "prospect_name": "Sam Stranger",
                    "prospect_email": "sam.stranger@example.com",
                }
            ],
        )
        self.assertTrue(order.name.startswith("COM/"))
        self.assertEqual(self.env["res.partner"].search_count([]), partners, "no partner is created for a stranger")
        # An operator can take it from there: the e-mail is enough to submit once premises are known.
        order.premises_id = self.premises_cottage
        order.action_submit()
        self.assertEqual(order.state, "acknowledged")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_reply_goes_to_the_same_order(self):
        order = self._receive(self.individual.email, "Phone line crackles")
        reply = MAIL_TEMPLATE.replace("{extra}", "In-Reply-To: {reply_to}\n{extra}")
        message_id = order.message_ids.filtered(lambda msg: msg.message_type == "email").message_id
        self.format_and_process(
            reply,
            self.individual.email,
            self.support_address,
            subject="Re: Phone line crackles",
            target_model="telecom.order",
            target_field="message_ids.subject",
            reply_to=message_id,
        )
        self.assertEqual(
            self.env["telecom.order"].search([("message_ids.subject", "ilike", "Phone line crackles")]), order
        )
        self.assertEqual(len(order.message_ids.filtered(lambda msg: msg.message_type == "email")), 2)
