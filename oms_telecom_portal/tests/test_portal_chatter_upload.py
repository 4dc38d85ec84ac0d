# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import TelecomPortalCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"
# Files the document policy (PDF, JPEG, PNG) refuses, whatever their name says.
REFUSED_FILES = [
    ("page.html", HTML),
    ("logo.svg", SVG),
    ("setup.exe", EXE),
    ("invoice.pdf", HTML),
]


@tagged("post_install", "-at_install")
class TestPortalChatterUpload(TelecomPortalCase):
    """Files a subscriber sends in the order's chatter follow the document policy
    of the portal's upload form; files of an order are never displayed inline
    unless they are images or PDFs."""

    def setUp(self):
        super().setUp()
        self._login(self.user_subscriber)

    def _upload(self, name, content, is_pending=True, **params):
        """The portal chatter's upload, as its composer sends it."""
        response = self.url_open(
            "/mail/attachment/upload",
            data={
                "csrf_token": self._csrf(),
                "thread_id": str(self.order.id),
                "thread_model": "telecom.order",
                "is_pending": "true" if is_pending else "false",
                **params,
            },
            files={"ufile": (name, content, "application/octet-stream")},
        )
        self.env.invalidate_all()
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _post_message(self, attachments, **params):
        """The portal chatter's message, with the files uploaded before."""
        return self.make_jsonrpc_request(
            "/mail/message/post",
            {
                "thread_model": "telecom.order",
                "thread_id": self.order.id,
                "post_data": {
                    "body": "Here are my files",
                    "attachment_ids": attachments.ids,
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                },
                "attachment_tokens": attachments.mapped("access_token"),
                **params,
            },
        )

    def _attachments_named(self, name):
        return self.env["ir.attachment"].search([("name", "=", name)])

    def _order_documents(self):
        return self.env["telecom.order.document"].search([("order_id", "=", self.order.id)])

    def _pending_attachment(self, name, content):
        """A file the subscriber uploaded for a message not posted yet, whichever
        route stored it."""
        return (
            self.env["ir.attachment"]
            .with_user(self.user_subscriber)
            .sudo()
            .create(
                {
                    "name": name,
                    "raw": content,
                    "res_model": "mail.compose.message",
                    "res_id": 0,
                    "access_token": self.env["ir.attachment"]._generate_access_token(),
                }
            )
        )

    def test_chatter_upload_refuses_files_outside_the_policy(self):
        messages_before = len(self.order.message_ids)
        for name, content in REFUSED_FILES:
            for is_pending in (True, False):
                with self.subTest(name=name, is_pending=is_pending):
                    result = self._upload(name, content, is_pending=is_pending)
                    self.assertIn("which is not accepted", result.get("error", ""))
                    self.assertIn("application/pdf, image/jpeg, image/png", result["error"])
                    self.assertFalse(self._attachments_named(name), "Nothing is stored.")
        self.assertFalse(self._order_documents())
        self.assertEqual(len(self.order.message_ids), messages_before)

    def test_visitor_with_the_order_link_is_refused_too(self):
        """Prospects follow their web order through its tokenised link, without an account."""
        self._anonymous()
        token = self.order._portal_ensure_token()
        result = self._upload("page.html", HTML, is_pending=False, token=token)
        self.assertIn("which is not accepted", result.get("error", ""))
        self.assertFalse(self._attachments_named("page.html"))
        result = self._upload("id-front.png", PNG, is_pending=False, token=token)
        self.assertEqual(self._attachments_named("id-front.png").id, result["data"]["ir.attachment"][0]["id"])
        self.assertEqual(self._order_documents().attachment_id.name, "id-front.png")

    def test_chatter_upload_refuses_files_too_large(self):
        self.env["ir.config_parameter"].set_param("oms_telecom.document_max_size_mb", "0.001")
        for is_pending in (True, False):
            result = self._upload("id-front.png", PNG + b"\x00" * 2048, is_pending=is_pending)
            self.assertIn("is too large", result.get("error", ""))
            self.assertIn("the limit is 0.001 MB", result["error"])
        self.assertFalse(self._attachments_named("id-front.png"))

    def test_chatter_accepts_pdf_and_png_as_portal_documents(self):
        uploaded = [self._upload(name, content) for name, content in (("id-front.png", PNG), ("contract.pdf", PDF))]
        attachments = self.env["ir.attachment"].browse(
            [result["data"]["ir.attachment"][0]["id"] for result in uploaded]
        )
        self._post_message(attachments)
        self.env.invalidate_all()
        message = self.order.message_ids[:1]
        self.assertEqual(message.author_id, self.subscriber)
        self.assertEqual(message.attachment_ids, attachments)
        self.assertRecordValues(
            attachments.sorted("name"),
            [
                {"res_model": "telecom.order", "res_id": self.order.id, "mimetype": "application/pdf"},
                {"res_model": "telecom.order", "res_id": self.order.id, "mimetype": "image/png"},
            ],
        )
        documents = self._order_documents()
        self.assertEqual(documents.attachment_id, attachments)
        self.assertEqual(set(documents.mapped("source")), {"portal"})
        # Kept under the type its content has, whatever its name says.
        result = self._upload("scan.html", PNG)
        attachment = self.env["ir.attachment"].browse(result["data"]["ir.attachment"][0]["id"])
        self._post_message(attachment)
        self.assertEqual(attachment.mimetype, "image/png")

    @mute_logger("odoo.http")
    def test_posting_refuses_pending_files_outside_the_policy(self):
        """The rule holds on the model: a file stored for a message by any route
        is refused when the message would attach it to the order."""
        for name, content in REFUSED_FILES:
            with self.subTest(name=name):
                attachment = self._pending_attachment(name, content)
                # Neither a context sent by the client skips it.
                for params in ({}, {"context": {"telecom_skip_document_registration": True}}):
                    with self.assertRaises(JsonRpcException) as error:
                        self._post_message(attachment, **params)
                    self.assertIn("odoo.exceptions.UserError", str(error.exception))
                    self.env.invalidate_all()
                    self.assertRecordValues(attachment, [{"res_model": "mail.compose.message", "res_id": 0}])
        self.assertFalse(self._order_documents())
        self.assertFalse(self.order.message_ids.filtered(lambda message: message.author_id == self.subscriber))

    def test_forged_context_does_not_forge_document_bookkeeping(self):
        """A subscriber's file is registered as the subscriber's, whatever context
        the client sends with it."""
        for index, context in enumerate(
            (
                {"telecom_document_source": "generated"},
                {"telecom_skip_document_registration": True},
                {"telecom_document_registered": True},
            )
        ):
            with self.subTest(context=context):
                attachment = self._pending_attachment(f"bill-{index}.pdf", PDF)
                self._post_message(attachment, context=context)
                document = self._order_documents().filtered(lambda doc, att=attachment: doc.attachment_id == att)
                self.assertRecordValues(document, [{"source": "portal", "document_type": "other"}])

    def test_staff_chatter_keeps_other_files(self):
        """The policy is the portal's: the team still attaches what it needs."""
        self.order.message_post(body="Site survey", attachments=[("survey.html", HTML), ("plan.svg", SVG)])
        self.assertEqual(len(self._order_documents()), 2)
        self.assertEqual(set(self._order_documents().mapped("source")), {"operator"})

    def test_order_files_not_images_or_pdf_are_downloaded(self):
        files = {
            name: self.env["ir.attachment"].create(
                {"name": name, "raw": content, "res_model": "telecom.order", "res_id": self.order.id}
            )
            for name, content in (("mail.html", HTML), ("plan.svg", SVG), ("tool.exe", EXE), ("c.pdf", PDF))
        }
        files["id.png"] = self.order._add_document("id.png", PNG, "id_copy").attachment_id
        for attachment in files.values():
            attachment.generate_access_token()
        self.assertEqual(files["mail.html"].mimetype, "text/html")
        self._anonymous()

        def fetch(attachment, route="/web/content", query=""):
            response = self.url_open(f"{route}/{attachment.id}?access_token={attachment.access_token}{query}")
            self.assertEqual(response.status_code, 200)
            return response

        for name in ("mail.html", "plan.svg", "tool.exe"):
            for route, query in (("/web/content", ""), ("/web/content", "&mimetype=text/html"), ("/web/image", "")):
                with self.subTest(name=name, route=route, query=query):
                    response = fetch(files[name], route, query)
                    self.assertEqual(response.headers["Content-Type"], "application/octet-stream")
                    self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
                    self.assertEqual(response.headers["X-Content-Type-Options"], "nosniff")
        # Images and PDFs are shown in the browser, unless a download is asked.
        response = fetch(files["c.pdf"])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.headers["Content-Disposition"].startswith("inline"))
        response = fetch(files["c.pdf"], query="&mimetype=text/html")
        self.assertEqual(response.headers["Content-Type"], "application/octet-stream")
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
        response = fetch(files["id.png"])
        self.assertEqual(response.headers["Content-Type"], "image/png")
        self.assertTrue(response.headers["Content-Disposition"].startswith("inline"))
        self.assertEqual(response.content, PNG)
        response = fetch(files["id.png"], query="&download=true")
        self.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))
        # Files of other records are left as Odoo serves them.
        other = self.env["ir.attachment"].create({"name": "note.html", "raw": HTML, "res_model": "res.partner"})
        other.generate_access_token()
        self.assertEqual(fetch(other).headers["Content-Type"], "text/html; charset=utf-8")
