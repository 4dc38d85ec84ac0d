# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.message import EmailMessage
from email.utils import make_msgid

from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MailCommon

from .common import OmsTelecomCase
from .test_document import PDF

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"PE\x00\x00L\x01"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def incoming_mail(email_from, email_to, subject, files, in_reply_to=None):
    """A raw e-mail with `files` [(name, content, MIME type)] attached."""
    message = EmailMessage()
    message["From"] = email_from
    message["To"] = email_to
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.com")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content("Here are the files you asked for.")
    for name, content, mimetype in files:
        maintype, subtype = mimetype.split("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_string()


class TestMailGatewayDocuments(OmsTelecomCase, MailCommon):
    """Files that arrive by e-mail follow the document policy, as the files
    subscribers upload in the portal do, although the gateway runs as superuser:
    the refused ones are left out, with a note saying which and why."""

    FILES = [
        ("signed-contract.pdf", PDF, "application/pdf"),
        ("setup.exe", EXE, "application/octet-stream"),
        ("invoice.html", HTML, "text/html"),
        ("logo.svg", SVG, "image/svg+xml"),
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias = cls.env.ref("oms_telecom.mail_alias_telecom_support")
        cls.alias.alias_domain_id = cls.mail_alias_domain
        cls.support_address = f"support@{cls.alias_domain}"

    def _process(self, raw):
        return self.env["mail.thread"].message_process(False, raw)

    def _attachment_names(self, order):
        return set(
            self.env["ir.attachment"]
            .search([("res_model", "=", "telecom.order"), ("res_id", "=", order.id)])
            .mapped("name")
        )

    def _assert_only_the_pdf_kept(self, order, message):
        self.assertEqual(order.document_ids.mapped("name"), ["signed-contract.pdf"])
        self.assertEqual(order.document_ids.source, "email")
        self.assertEqual(order.document_ids.mimetype, "application/pdf")
        self.assertEqual(message.attachment_ids.mapped("name"), ["signed-contract.pdf"])
        self.assertEqual(self._attachment_names(order), {"signed-contract.pdf"}, "the refused files are not stored")
        note = order.message_ids.filtered(lambda msg: "setup.exe" in str(msg.body))
        self.assertEqual(len(note), 1, "one note lists the refused files")
        self.assertTrue(note.subtype_id.internal, "an internal note, for the team")
        for name in ("setup.exe", "invoice.html", "logo.svg"):
            self.assertIn(name, str(note.body))
        self.assertIn("not accepted", str(note.body))
        self.assertNotIn("signed-contract.pdf", str(note.body))

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_new_order_by_email_keeps_allowed_files_only(self):
        raw = incoming_mail(self.individual.email, self.support_address, "My signed contract", self.FILES)
        order = self.env["telecom.order"].browse(self._process(raw))
        self.assertEqual(order.partner_id, self.individual)
        message = order.message_ids.filtered(lambda msg: msg.message_type == "email")
        self._assert_only_the_pdf_kept(order, message)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_reply_on_an_order_keeps_allowed_files_only(self):
        first = incoming_mail(self.individual.email, self.support_address, "Line cut", [])
        order = self.env["telecom.order"].browse(self._process(first))
        message_id = order.message_ids.filtered(lambda msg: msg.message_type == "email").message_id
        reply = incoming_mail(self.individual.email, self.support_address, "Re: Line cut", self.FILES, message_id)
        self.assertEqual(self._process(reply), order.id)
        message = order.message_ids.filtered(lambda msg: msg.message_type == "email" and msg.attachment_ids)
        self._assert_only_the_pdf_kept(order, message)

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_allowed_file_named_as_a_program_is_kept_by_its_content(self):
        """The type is read from the content: a PDF named .exe is a PDF."""
        raw = incoming_mail(
            self.individual.email, self.support_address, "Scan", [("scan.exe", PDF, "application/octet-stream")]
        )
        order = self.env["telecom.order"].browse(self._process(raw))
        self.assertEqual(order.document_ids.mapped("name"), ["scan.exe"])
        self.assertEqual(order.document_ids.mimetype, "application/pdf")

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_reply_on_a_work_order_keeps_allowed_files_only(self):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        work_order = self._create_work_order(order)
        files = [(name, content) for name, content, _mimetype in self.FILES]
        message = work_order.message_post(body="Photos of the site", message_type="email", attachments=files)
        self.assertEqual(message.attachment_ids.mapped("name"), ["signed-contract.pdf"])
        self.assertEqual(work_order.document_ids.mapped("name"), ["signed-contract.pdf"])
        self.assertEqual(work_order.document_ids.source, "email")
        self.assertFalse(
            self.env["ir.attachment"].search(
                [
                    ("res_model", "=", "telecom.work.order"),
                    ("res_id", "=", work_order.id),
                    ("name", "!=", "signed-contract.pdf"),
                ]
            )
        )
        note = work_order.message_ids.filtered(lambda msg: "setup.exe" in str(msg.body))
        self.assertTrue(note.subtype_id.internal)
