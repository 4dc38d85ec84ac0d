import base64

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
        # The home page counts them.
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["telecom_document_count"]})
        self.assertEqual(counters["telecom_document_count"], 1)
        self.assertTrue(theirs)

    def test_my_documents_needs_login(self):
        self._anonymous()
        response = self.url_open("/my/telecom/documents", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
