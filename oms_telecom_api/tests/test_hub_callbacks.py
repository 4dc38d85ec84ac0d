# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import socket
from contextlib import contextmanager
from unittest.mock import patch

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..callback_guard import ALLOWED_HOSTS_PARAM, UnsafeCallback, check_callback
from ..models.telecom_api_listener import hub_listener_url
from .common import PO, TT, Listener, TmfApiCase

REAL_GETADDRINFO = socket.getaddrinfo


@contextmanager
def dns(**answers):
    """Host names resolving to the given addresses (None: to nothing); others as usual."""

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        if answers[host] is None:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))
            for address in answers[host]
        ]

    with patch.object(socket, "getaddrinfo", getaddrinfo):
        yield


@tagged("post_install", "-at_install")
class TestHubCallbacks(TmfApiCase):
    """A hub's callback may not make Odoo call its own network (SSRF)."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "")
        self.Listener = self.env["telecom.api.listener"]

    def _register(self, callback, path=PO):
        return self.api("POST", f"{path}/hub", {"callback": callback})

    def test_internal_callbacks_are_refused(self):
        refused = [
            "http://127.0.0.1:8069/web",
            "http://127.1/",
            "http://2130706433/",
            "http://0.0.0.0/",
            "http://localhost:5432/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/",
            "http://0x7f.1/",
            "http://0177.0.0.1/",
            "http://localhost./",
            "http://127.0.0.1:80@93.184.216.34/",
            # The host for urlsplit is the public address after "@"; for requests, the one before "\".
            "http://127.0.0.1\\@93.184.216.34/",
            "http://[::1]:8069\\@93.184.216.34/",
            "http://10.0.0.8/",
            "http://172.16.5.4/",
            "http://172.31.255.1/",
            "http://192.168.1.1/",
            "https://169.254.169.254/latest/meta-data/",
            "http://[fe80::1]/",
            "http://[fd00::1]/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://224.0.0.1/",
            "ftp://example.com/",
            "file:///etc/passwd",
            "gopher://93.184.215.14/",
            "http:///nohost",
        ]
        before = self.Listener.search_count([])
        for callback in refused:
            with self.subTest(callback=callback):
                body = self.assertError(self._register(callback, TT), 422, "INVALID_CALLBACK")
                self.assertIn("refused", body["message"])
        self.assertEqual(self.Listener.search_count([]), before, "a refused hub was written")
        self.assertEqual(self._register("http://93.184.215.14:8080/events").status_code, 201)

    def test_every_address_of_a_name_is_checked(self):
        with dns(**{"shop.example.com": ["93.184.215.14", "10.1.2.3"], "cdn.example.com": ["2606:4700::6810:85e5"]}):
            body = self.assertError(self._register("https://shop.example.com/events"), 422, "INVALID_CALLBACK")
            self.assertIn("10.1.2.3", body["message"])
            self.assertEqual(self._register("https://cdn.example.com/events").status_code, 201)
        with dns(**{"gone.example.com": None}):
            body = self.assertError(self._register("https://gone.example.com/events"), 422, "INVALID_CALLBACK")
        self.assertIn("cannot be resolved", body["message"])

    def test_allowed_hosts(self):
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, " Localhost, 10.1.0.0/16 ,")
        self.assertEqual(self._register("http://localhost:9000/events").status_code, 201)
        self.assertEqual(self._register("http://10.1.2.3/events").status_code, 201)
        self.assertError(self._register("http://10.2.0.1/events"), 422, "INVALID_CALLBACK")
        with dns(**{"crm.internal": ["10.1.9.9"]}):
            self.assertEqual(self._register("http://crm.internal/events").status_code, 201)
        # Hubs are checked when changed by hand too, and so are technical systems.
        hub = self.Listener.search([("kind", "=", "hub")], limit=1)
        with self.assertRaises(ValidationError):
            hub.callback = "http://192.168.0.10/"
        with self.assertRaises(ValidationError):
            self.Listener.create({"name": "Billing", "kind": "system", "callback": "http://192.168.0.10/"})
        system = self.Listener.create({"name": "Billing", "kind": "system", "callback": "http://10.1.0.10/"})
        self.assertFalse(system._callback_problem())

    def test_callback_checked_again_when_sending(self):
        listener = Listener()
        self.addCleanup(listener.stop)
        callback = f"http://shop.example.com:{listener.port}/events"
        with dns(**{"shop.example.com": ["93.184.215.14"]}):
            self.assertEqual(self._register(callback).status_code, 201)
        self._create_order_api()
        Delivery = self.env["telecom.api.delivery"]
        # The name now points at this host: nothing is sent.
        with dns(**{"shop.example.com": ["127.0.0.1"]}):
            Delivery._process_due()
        delivery = Delivery.search([("event_type", "=", "ProductOrderCreateEvent")])
        self.assertEqual((delivery.state, delivery.attempt_count, delivery.last_status_code), ("pending", 1, 0))
        self.assertIn("127.0.0.1", delivery.last_error)
        self.assertIn(ALLOWED_HOSTS_PARAM, delivery.attempt_ids.error)
        self.assertFalse(listener.received)
        # Once allowed, it is sent (tests may not call other hosts: the check is what matters here).
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "shop.example.com")
        with dns(**{"shop.example.com": ["127.0.0.1"]}):
            self.assertIsNone(delivery.listener_id._callback_problem())

    def test_guard_and_listener_url(self):
        with self.assertRaises(UnsafeCallback):
            check_callback("http://[::1]:80/", "")
        check_callback("http://[::1]:80/", "::1")
        check_callback("http://127.0.0.5/", "127.0.0.0/8")
        self.assertEqual(
            hub_listener_url("https://shop.example.com/tmf/?token=a", "ProductOrderStateChangeEvent"),
            "https://shop.example.com/tmf/listener/productOrderStateChangeEvent?token=a",
        )
