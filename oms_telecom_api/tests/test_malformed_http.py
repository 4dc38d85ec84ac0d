# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import http.client
import json
import socket

from odoo.tests import tagged
from odoo.tests.common import HOST

from .common import ERROR_KEYS, PO, TmfApiCase

# Long enough for the test server to answer, short enough to fail rather than hang.
TIMEOUT = 5


@tagged("post_install", "-at_install")
class TestMalformedHttp(TmfApiCase):
    """A request whose body cannot be framed with certainty is refused at once
    with a TMF Error, before anything reads the body."""

    def _send_raw(self, headers, body):
        """POST a product order over a plain socket, headers as given; the
        (status, JSON body) of the answer."""
        head = [
            f"POST {PO}/productOrder HTTP/1.1",
            f"Host: {HOST}:{self.http_port()}",
            f"X-API-Key: {self.shop_key}",
            "Content-Type: application/json",
            *headers,
        ]
        request = "\r\n".join([*head, "", ""]).encode("latin-1") + body
        with socket.create_connection((HOST, self.http_port()), timeout=TIMEOUT) as connection:
            connection.sendall(request)
            response = http.client.HTTPResponse(connection)
            try:
                response.begin()
                data = response.read()
            except TimeoutError:
                self.fail(f"no answer within {TIMEOUT} s to {headers}")
        return response.status, data

    def assertBadRequest(self, headers, body):
        status, data = self._send_raw(headers, body)
        self.assertEqual(status, 400, data)
        error = json.loads(data)
        self.assertEqual(set(error), ERROR_KEYS, error)
        self.assertEqual((error["@type"], error["code"], error["status"]), ("Error", "INVALID_REQUEST", "400"))
        return error

    def test_invalid_content_length(self):
        before = self.Order.search_count([])
        body = json.dumps(self._order_payload()).encode()
        for length in (f"{len(body)}a", f"-{len(body)}", f"{len(body)}, {len(body)}", "\xb2", "9" * 5000):
            with self.subTest(length=length[:20]):
                error = self.assertBadRequest([f"Content-Length: {length}"], body)
                self.assertIn("Content-Length", error["message"])
        self.assertEqual(self.Order.search_count([]), before)

    def test_content_length_with_transfer_encoding(self):
        before = self.Order.search_count([])
        data = json.dumps(self._order_payload()).encode()
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(data), data)
        for body in (data, chunked):
            with self.subTest(chunked=body is chunked):
                error = self.assertBadRequest([f"Content-Length: {len(body)}", "Transfer-Encoding: chunked"], body)
                self.assertIn("Transfer-Encoding", error["message"])
        self.assertEqual(self.Order.search_count([]), before)

    def test_a_well_framed_request_still_passes(self):
        body = json.dumps(self._order_payload()).encode()
        status, data = self._send_raw([f"Content-Length: {len(body)}"], body)
        self.assertEqual(status, 201, data)
