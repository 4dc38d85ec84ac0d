# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import ipaddress
import socket
import ssl
import tempfile
import threading
from contextlib import contextmanager, suppress
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import _super_send

from .. import callback_guard
from ..callback_guard import ALLOWED_HOSTS_PARAM
from .common import PO, Listener, TmfApiCase

# A name no resolver knows: only the resolver of the guard, patched, answers for it.
HUB_HOST = "hub.oms-test.invalid"
# URLs that the guard's old parser (urlsplit) and the sender (requests) read
# differently, or that only the C library reads as an address, and the reason
# each is refused for, whatever the allow-list says.
AMBIGUOUS_CALLBACKS = {
    "http://127.0.0.1\\@93.184.216.34/": "backslashes",
    "http://[::1]:8069\\@93.184.216.34/": "backslashes",
    "http://2130706433/": "four decimal numbers",
    "http://0x7f.1/": "four decimal numbers",
    "http://0177.0.0.1/": "four decimal numbers",
    "http://127.1/": "four decimal numbers",
    "http://[::ffff:127.0.0.1]/": "inside an IPv6 address",
    "http://[::ffff:7f00:1]/": "inside an IPv6 address",
    "http://[0:0:0:0:0:0:0:1]/": "as [::1]",
    "http://localhost./": "trailing dot",
    "http://127.0.0.1./": "trailing dot",
    "http://user:secret@93.184.216.34/": "user name",
    "http://93.184.216.34@127.0.0.1/": "user name",
}


@contextmanager
def resolving(*answers):
    """The guard's resolver answers `answers` in turn (the last one again and
    again) and records the names it was asked; sockets and HTTP stay real."""
    asked = []

    def resolve(host, port):
        asked.append(host)
        return [ipaddress.ip_address(answers[min(len(asked), len(answers)) - 1])]

    with patch.object(callback_guard, "_resolve", resolve):
        yield asked


def self_signed_certificate(host, directory):
    """(certificate file, key file) of a self-signed certificate for `host`."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = Path(directory, "cert.pem"), Path(directory, "key.pem")
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(cert_file), str(key_file)


class TlsProbe:
    """A TLS server on 127.0.0.1 that records the host names clients ask for (SNI)."""

    def __init__(self, cert_file, key_file):
        self.server_names = []
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(cert_file, key_file)
        self.context.sni_callback = lambda _sock, server_name, _context: self.server_names.append(server_name)
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                conn, _address = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            # The client refuses the self-signed certificate: the handshake fails.
            with conn, suppress(OSError):
                conn.settimeout(5)
                self.context.wrap_socket(conn, server_side=True).close()

    def stop(self):
        self.stopped.set()
        self.thread.join(5)
        self.socket.close()


@tagged("post_install", "-at_install")
class TestCallbackGuard(TmfApiCase):
    """What parsers read differently is refused; a send dials what was checked."""

    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # The test framework lets requests reach this host only, by name: the
        # hub's name is dialled at the address its check found, 127.0.0.1.
        if urlsplit(r.url).hostname == HUB_HOST:
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    def setUp(self):
        super().setUp()
        self.Listener = self.env["telecom.api.listener"]
        self.Delivery = self.env["telecom.api.delivery"]

    def _register(self, callback, event_type="ProductOrderCreateEvent"):
        return self.api("POST", f"{PO}/hub", {"callback": callback, "query": f"eventType={event_type}"})

    def _delivery(self):
        return self.Delivery.search([("event_type", "=", "ProductOrderCreateEvent")])

    def test_ambiguous_callbacks_are_refused_whatever_the_allow_list(self):
        # Even with the addresses they reach allowed, these URLs are refused for how they are written.
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "127.0.0.0/8, ::1, localhost")
        before = self.Listener.search_count([])
        for callback, reason in AMBIGUOUS_CALLBACKS.items():
            with self.subTest(callback=callback):
                body = self.assertError(self._register(callback), 422, "INVALID_CALLBACK")
                self.assertIn(reason, body["message"])
                self.assertNotIn(ALLOWED_HOSTS_PARAM, body["message"], "the allow-list cannot help here")
        self.assertEqual(self.Listener.search_count([]), before, "a refused hub was written")
        self.assertEqual(self._register("http://127.0.0.1:8069/events").status_code, 201)

    def test_technical_systems_are_checked_like_hubs(self):
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "")
        for url in ("http://192.168.0.10/billing", "http://127.0.0.1\\@93.184.216.34/", "http://169.254.169.254/"):
            with self.subTest(url=url), self.assertRaises(ValidationError):
                self.Listener.create({"name": "Billing", "kind": "system", "callback": url})
        # The allow-list, an administrator's setting, lets a manager reach an internal system.
        self.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "192.168.0.0/16, 127.0.0.1")
        system = self.Listener.create({"name": "Billing", "kind": "system", "callback": "http://192.168.0.10/"})
        self.assertFalse(system._callback_problem())
        with self.assertRaisesRegex(ValidationError, "backslashes"):
            system.callback = "http://127.0.0.1\\@93.184.216.34/"

    def test_send_dials_the_checked_address(self):
        listener = Listener()
        self.addCleanup(listener.stop)
        callback = f"http://{HUB_HOST}:{listener.port}/events"
        with resolving("127.0.0.1"):  # allowed by the test setup
            self.assertEqual(self._register(callback).status_code, 201)
        self._create_order_api()
        # Checked at 127.0.0.1, then the name points elsewhere: the send does not ask again.
        with resolving("127.0.0.1", "192.0.2.1") as asked:
            self.Delivery._process_due()
        delivery = self._delivery()
        self.assertEqual(delivery.state, "delivered", delivery.last_error)
        self.assertEqual(asked, [HUB_HOST], "one resolution per send: the check's")
        self.assertEqual(len(listener.received), 1)
        request = listener.received[0]
        self.assertEqual(request["headers"]["Host"], f"{HUB_HOST}:{listener.port}")
        self.assertEqual(request["path"], "/events/listener/productOrderCreateEvent")

    def test_tls_keeps_the_host_name_and_the_certificate_check(self):
        directory = tempfile.TemporaryDirectory()
        self.addCleanup(directory.cleanup)
        probe = TlsProbe(*self_signed_certificate(HUB_HOST, directory.name))
        self.addCleanup(probe.stop)
        with resolving("127.0.0.1"):
            self.assertEqual(self._register(f"https://{HUB_HOST}:{probe.port}/events").status_code, 201)
        self._create_order_api()
        with resolving("127.0.0.1", "192.0.2.1"):
            self.Delivery._process_due()
        delivery = self._delivery()
        # Dialled at 127.0.0.1, the TLS handshake names the host (SNI) and its
        # certificate is verified: a self-signed one is refused.
        self.assertEqual(probe.server_names, [HUB_HOST])
        self.assertEqual((delivery.state, delivery.last_status_code), ("pending", 0))
        self.assertIn("CERTIFICATE_VERIFY_FAILED", delivery.last_error)

    def test_redirections_are_not_followed(self):
        target = Listener()
        self.addCleanup(target.stop)
        moved = Listener(status=307, headers={"Location": target.url})
        self.addCleanup(moved.stop)
        self.assertEqual(self._register(moved.url).status_code, 201)
        self._create_order_api()
        self.Delivery._process_due()
        delivery = self._delivery()
        self.assertEqual((delivery.state, delivery.last_status_code, delivery.last_error), ("pending", 307, "HTTP 307"))
        self.assertEqual(len(moved.received), 1)
        self.assertFalse(target.received)

    def test_send_checks_the_name_again(self):
        listener = Listener()
        self.addCleanup(listener.stop)
        with resolving("127.0.0.1"):
            self.assertEqual(self._register(f"http://{HUB_HOST}:{listener.port}/events").status_code, 201)
        self._create_order_api()
        # The name now points at the metadata service: nothing is sent, nothing is dialled.
        with resolving("169.254.169.254"):
            self.Delivery._process_due()
        delivery = self._delivery()
        self.assertEqual((delivery.state, delivery.attempt_count, delivery.last_status_code), ("pending", 1, 0))
        self.assertIn("169.254.169.254", delivery.last_error)
        self.assertFalse(listener.received)
