# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tools import mute_logger

from odoo.addons.oms_telecom.tests.test_document import PDF
from odoo.addons.oms_telecom.tests.test_mail_gateway_documents import EXE, HTML, SVG, incoming_mail

from .common import TelecomPortalCase

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class TestPortalMyDocuments(TelecomPortalCase):
    def test_my_documents_lists_only_my_current_documents(self):
        mine = self.order._add_document("my-id.png", PNG, "id_copy")
        old = self.order._add_document("old.png", PNG, "other")
        old.write({"state": "superseded"})
        theirs = self.order_other._add_document("their-id.png", PNG, "id_copy")
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/documents")
        self.assertEqual(page.status_code, 200)
        self.assertIn("my-id.png", page.text)
        self.assertIn(f"/web/content/{mine.attachment_id.id}?download=true&amp;access_token=", page.text)
        self.assertNotIn("old.png", page.text)
        self.assertNotIn("their-id.png", page.text)
        mine.attachment_id.invalidate_recordset()
        content = self.url_open(f"/web/content/{mine.attachment_id.id}?access_token={mine.attachment_id.access_token}")
        self.assertEqual(content.content, PNG)
        # The home page counts them: the ID copy, the order's summary and contract.
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["telecom_document_count"]})
        self.assertEqual(counters["telecom_document_count"], 3)
        self.assertTrue(theirs)

    def test_my_documents_lists_every_order_document(self):
        """The contract and summary each order offers are listed with the files,
        named by type and order, and download under these names."""
        problem = self._create_order(
            self.subscriber, self.premises_home, [], order_type="problem", affected_service_id=self.service.id
        )
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/documents").text
        for order in (self.order, problem):
            self.assertIn(f"Order Summary - {order.name}", page)
            self.assertIn(f"/my/telecom/orders/{order.id}/report/summary?download=true", page)
        self.assertIn(f"Service Contract - {self.order.name}", page)
        self.assertIn(f"/my/telecom/orders/{self.order.id}/report/contract?download=true", page)
        self.assertNotIn(f"Service Contract - {problem.name}", page, "a repair has no contract")
        self.assertNotIn(self.order_other.name, page)
        self.assertEqual(page.count('class="o_telecom_my_document"'), 3)

        file_names = set()
        for key in ("summary", "contract"):
            response = self.url_open(f"/my/telecom/orders/{self.order.id}/report/{key}?download=true")
            self.assertEqual(response.status_code, 200)
            disposition = response.headers["Content-Disposition"]
            self.assertTrue(disposition.startswith("attachment;"))
            file_names.add(disposition)
        self.assertEqual(len(file_names), 2, "a contract and a summary are two files")
        number = self.order.name.replace("/", "_")
        self.assertIn(f"Order%20Summary%20-%20{number}.pdf", " ".join(file_names))

    def test_my_documents_file_on_record_replaces_the_print(self):
        """A generated summary on record is listed once, as the version on record."""
        documents = self.order._generate_document_package(["oms_telecom.action_report_telecom_order_summary"])
        self.assertEqual(documents.document_type, "order_summary")
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/documents").text
        self.assertIn(documents.attachment_id.name, page)
        self.assertNotIn(f"/my/telecom/orders/{self.order.id}/report/summary", page)
        self.assertIn(f"/my/telecom/orders/{self.order.id}/report/contract", page)
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["telecom_document_count"]})
        self.assertEqual(counters["telecom_document_count"], 2)

    def test_no_contract_upload_on_a_problem(self):
        problem = self._create_order(
            self.subscriber, self.premises_home, [], order_type="problem", affected_service_id=self.service.id
        )
        self._login(self.user_subscriber)
        self.assertIn("o_telecom_upload_form", self.url_open(f"/my/telecom/orders/{self.order.id}").text)
        self.assertNotIn("o_telecom_upload_form", self.url_open(f"/my/telecom/orders/{problem.id}").text)
        response = self.url_open(
            f"/my/telecom/orders/{problem.id}/documents",
            data={"csrf_token": self._csrf(), "document_type": "signed_contract"},
            files={"attachment": ("contract.png", PNG, "image/png")},
            allow_redirects=False,
        )
        self.assertIn("message=not_allowed", response.headers["Location"])
        self.assertFalse(problem.document_ids)

    def test_my_documents_needs_login(self):
        self._anonymous()
        response = self.url_open("/my/telecom/documents", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    def test_files_emailed_by_the_subscriber_follow_the_document_policy(self):
        """A reply by e-mail with a program, a web page and an SVG attached to a
        PDF: only the PDF becomes a document the subscriber sees and downloads."""
        files = [
            ("signed-contract.pdf", PDF, "application/pdf"),
            ("setup.exe", EXE, "application/octet-stream"),
            ("invoice.html", HTML, "text/html"),
            ("logo.svg", SVG, "image/svg+xml"),
        ]
        raw = incoming_mail(self.subscriber.email, "support@example.com", f"Re: {self.order.name}", files)
        with mute_logger("odoo.addons.mail.models.mail_thread"):
            self.env["mail.thread"].message_process("telecom.order", raw, thread_id=self.order.id)
        refused = ["setup.exe", "invoice.html", "logo.svg"]
        self.assertFalse(self.env["ir.attachment"].search([("name", "in", refused)]), "nothing to download")
        self._login(self.user_subscriber)
        page = self.url_open("/my/telecom/documents").text
        self.assertIn("signed-contract.pdf", page)
        for name in refused:
            self.assertNotIn(name, page)
        document = self.order.document_ids.filtered(lambda doc: doc.name == "signed-contract.pdf")
        document.attachment_id.invalidate_recordset()
        token = document.attachment_id.access_token
        response = self.url_open(f"/web/content/{document.attachment_id.id}?download=true&access_token={token}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, PDF)
