# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import mailbox
import os
import shutil
import smtplib
import socket
import sys
import tempfile
from email.message import EmailMessage
from email.utils import make_msgid

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tools import config, mute_logger

from .common import OmsTelecomCase
from .test_document import PDF
from .test_mail_gateway_documents import EXE

TOOLS = os.path.join(os.path.dirname(get_module_path("oms_telecom")), "tools")


def load_mail_loop():
    """`make run`'s mail server (tools/mail_loop.py), which is no addon."""
    spec = importlib.util.spec_from_file_location("oms_mail_loop", os.path.join(TOOLS, "mail_loop.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@tagged("post_install", "-at_install")
class TestMailLoop(OmsTelecomCase, HttpCase):
    """The demo's mail loop, end to end: an e-mail sent over SMTP to the local
    server is kept in its Maildir and handed, by the mailgate script over
    XML-RPC, to Odoo's gateway, which opens or continues an order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("oms_telecom.mail_alias_telecom_support")
        cls.domain = cls.env["mail.alias.domain"].create({"name": "loop.oms-test.example.com"})
        cls.alias.alias_domain_id = cls.domain
        cls.env.company.alias_domain_id = cls.domain
        cls.env.company.partner_id.email = "hello@loop.oms-test.example.com"
        cls.support = f"support@{cls.domain.name}"
        admin = cls.env.ref("base.user_admin")
        key = cls.env["res.users.apikeys"].with_user(admin).sudo()._generate(None, "Mail loop test", None)
        folder = tempfile.mkdtemp(prefix="oms-mail-loop-")
        cls.addClassCleanup(shutil.rmtree, folder, ignore_errors=True)
        cls.maildir = os.path.join(folder, "Maildir")
        mailgate = [sys.executable, os.path.join(TOOLS, "odoo_mailgate.py"), "-d", cls.env.cr.dbname]
        mailgate += ["-u", str(admin.id), "-p", key, "--host", "127.0.0.1", "--port", str(config["http_port"])]
        cls.port = free_port()
        cls.server = load_mail_loop().start(
            cls.port, cls.maildir, [cls.domain.name], mailgate, [f"bounce@{cls.domain.name}"]
        )
        cls.addClassCleanup(cls.server.stop)

    def _send(self, email_from, subject, body="My internet drops every evening.", files=(), in_reply_to=None,
              to=None, envelope_from=None):  # fmt: skip
        message = EmailMessage()
        message["From"] = email_from
        message["To"] = to or self.support
        message["Subject"] = subject
        message["Message-ID"] = make_msgid(domain="customer.example.com")
        if in_reply_to:
            message["In-Reply-To"] = message["References"] = in_reply_to
        message.set_content(body)
        for name, content, mimetype in files:
            maintype, subtype = mimetype.split("/")
            message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
        with smtplib.SMTP("127.0.0.1", self.port, timeout=120) as smtp:
            smtp.send_message(message, from_addr=envelope_from)
        self.env.invalidate_all()
        return message

    def _orders_about(self, subject):
        return self.env["telecom.order"].search([("message_ids.subject", "=", subject)])

    def _kept(self):
        return [message["Subject"] for message in mailbox.Maildir(self.maildir, create=False)]

    def _receipt(self, order):
        return order.message_ids.filtered(
            lambda message: message.message_type == "comment" and message.subtype_id == self.env.ref("mail.mt_comment")
        )

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_known_subscriber_opens_a_problem_order_and_gets_a_receipt(self):
        self._send(f'"Ivana" <{self.individual.email}>', "Internet drops every evening")
        self.assertIn("Internet drops every evening", self._kept(), "the Maildir keeps what went through")
        order = self._orders_about("Internet drops every evening")
        self.assertRecordValues(
            order, [{"order_type": "problem", "channel": "email", "partner_id": self.individual.id}]
        )
        receipt = self._receipt(order)
        self.assertEqual(len(receipt), 1)
        self.assertIn(order.name, receipt.subject)
        email = order.message_ids.filtered(lambda message: message.message_type == "email")
        self.assertGreater(receipt.id, email.id, "the receipt answers the e-mail, after it in the thread")
        self.assertEqual(receipt.author_id, self.env.company.partner_id, "written by the company")
        self.assertEqual(receipt.partner_ids, self.individual)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_unknown_sender_becomes_a_prospect_and_the_reply_lands_in_the_order(self):
        self._send('"Sam Stranger" <sam.stranger@example.com>', "Do you serve Lakeside?")
        order = self._orders_about("Do you serve Lakeside?")
        self.assertRecordValues(
            order,
            [{"partner_id": False, "prospect_name": "Sam Stranger", "prospect_email": "sam.stranger@example.com"}],
        )
        receipt = self._receipt(order)
        self.assertEqual(
            self.env["mail.mail"].sudo().search([("mail_message_id", "=", receipt.id)]).email_to,
            "sam.stranger@example.com",
            "the prospect gets the receipt by e-mail",
        )
        # Sam answers the receipt: the answer joins the order, no new order.
        orders = self.env["telecom.order"].search_count([])
        self._send(
            "sam.stranger@example.com",
            f"Re: {receipt.subject}",
            body="I live at 4 Lake Road.",
            in_reply_to=receipt.message_id,
            to=f"catchall@{self.domain.name}",
        )
        self.assertEqual(self.env["telecom.order"].search_count([]), orders)
        self.assertIn("4 Lake Road", "".join(order.message_ids.mapped("body")))

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_attached_files_follow_the_document_policy(self):
        files = [("contract.pdf", PDF, "application/pdf"), ("setup.exe", EXE, "application/octet-stream")]
        self._send(self.individual.email, "My signed contract", files=files)
        order = self._orders_about("My signed contract")
        self.assertEqual(order.document_ids.mapped("name"), ["contract.pdf"])
        self.assertEqual(order.document_ids.source, "email")
        note = order.message_ids.filtered(lambda message: "setup.exe" in str(message.body))
        self.assertTrue(note.subtype_id.internal, "the refused file is named in a note for the team")

    def test_other_domains_and_odoo_own_mail_are_only_kept(self):
        orders = self.env["telecom.order"].search_count([])
        self._send("hello@loop.oms-test.example.com", "Your order", to="ivana@example.com")
        # Odoo's own mail (its bounce address as envelope sender) never goes back to it.
        self._send(
            "hello@loop.oms-test.example.com",
            "Loop?",
            envelope_from=f"bounce@{self.domain.name}",
        )
        self.assertEqual(self.env["telecom.order"].search_count([]), orders)
        self.assertIn("Loop?", self._kept())
        self.assertIn("Your order", self._kept())

    @mute_logger("odoo.addons.mail.models.mail_thread", "odoo.http", "mail_loop")
    def test_unroutable_mail_is_refused_to_the_sender(self):
        with self.assertRaises(smtplib.SMTPDataError) as refused:
            self._send(self.individual.email, "Anybody there?", to=f"nobody@{self.domain.name}")
        self.assertEqual(refused.exception.smtp_code, 550)
