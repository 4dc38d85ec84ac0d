# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from unittest.mock import patch

import requests
from lxml import html

from odoo import SUPERUSER_ID, api, fields
from odoo.tests import HOST, TransactionCase, tagged
from odoo.tools import config

from .common import PublicFormCase

RATE_LIMIT_PARAM = "oms_telecom_portal.form_rate_limit"


@tagged("post_install", "-at_install")
class TestPublicFormRateLimit(PublicFormCase):
    def _send(self, data, headers=None):
        response = self.url_open(
            self.form_url, data={**data, "csrf_token": self._csrf()}, headers=headers, allow_redirects=False
        )
        self.env.invalidate_all()
        return response

    def _set_limit(self, value):
        self.env["ir.config_parameter"].set_param(RATE_LIMIT_PARAM, value)

    def test_invalid_submissions_get_their_errors_at_the_limit(self):
        self._set_limit("1/10m")
        self.assertEqual(self._send(self._form_data()).status_code, 200)
        self.assertEqual(len(self._web_orders()), 1)
        # At the limit, a wrong form still gets its errors, with what was typed.
        response = self._send(self._form_data(name="", street="Rue des Erreurs"))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Name is required.", response.text)
        self.assertIn("Rue des Erreurs", response.text)
        self.assertNotIn("o_telecom_rate_limited", response.text)
        # An empty form too.
        response = self._send({"form_token": self._form_token()})
        self.assertEqual(response.status_code, 200)
        self.assertIn("Name is required.", response.text)
        self.assertIn("Choose at least one service.", response.text)
        self.assertEqual(len(self._web_orders()), 1)

    def test_invalid_submissions_do_not_count(self):
        self._set_limit("2/10m")
        for _index in range(4):
            response = self._send(self._form_data(email="not-an-address"))
            self.assertEqual(response.status_code, 200)
            self.assertIn("E-mail is not a valid e-mail address.", response.text)
        self.assertFalse(self._web_orders())
        for _index in range(2):
            self.assertEqual(self._send(self._form_data()).status_code, 200)
        self.assertEqual(len(self._web_orders()), 2)
        self.assertEqual(self._send(self._form_data()).status_code, 429)
        self.assertEqual(len(self._web_orders()), 2)

    def test_rate_limited_page_keeps_the_typed_data(self):
        self._set_limit("1/10m")
        self.assertEqual(self._send(self._form_data()).status_code, 200)
        data = self._form_data(name="Paula Later", comment="Call me after 6 pm", product_ids=[self.fiber.id])
        response = self._send(data)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.headers["Retry-After"], "600")
        self.assertIn("o_telecom_rate_limited", response.text)
        self.assertEqual(len(self._web_orders()), 1)
        # The page keeps what was typed, to take it back to the form.
        back_form = html.fromstring(response.text).xpath("//form[hasclass('o_telecom_back_to_form')]")[0]
        self.assertEqual(back_form.get("action"), self.form_url)
        self.assertTrue(back_form.xpath(".//button[@type='submit']"))
        kept = {}
        for field in back_form.xpath(".//input[@type='hidden']"):
            kept.setdefault(field.get("name"), []).append(field.get("value"))
        self.assertEqual(kept["name"], ["Paula Later"])
        self.assertEqual(kept["comment"], ["Call me after 6 pm"])
        self.assertEqual(kept["product_ids"], [str(self.fiber.id)])
        self.assertEqual(kept["form_token"], [data["form_token"]])
        self.assertNotIn("website_url", kept)
        # Back on the form: refilled, nothing recorded, no error shown.
        kept.pop("csrf_token")
        response = self._send(kept)
        self.assertEqual(response.status_code, 200)
        form = html.fromstring(response.text).xpath("//form[hasclass('o_telecom_order_form')]")[0]
        self.assertEqual(form.xpath(".//input[@name='name']")[0].get("value"), "Paula Later")
        self.assertEqual(form.xpath(".//textarea[@name='comment']")[0].text_content(), "Call me after 6 pm")
        checked = form.xpath(".//input[@name='product_ids'][@checked]/@value")
        self.assertEqual(checked, [str(self.fiber.id)])
        self.assertEqual(form.xpath(".//input[@name='form_token']/@value"), [data["form_token"]])
        self.assertNotIn("o_telecom_form_error", response.text)
        self.assertEqual(len(self._web_orders()), 1)
        # Sent again once the limit allows it: the order is recorded.
        self._set_limit("0")
        refilled = {name: value for name, value in kept.items() if name != "back_to_form"}
        self.assertEqual(self._send(refilled).status_code, 200)
        self.assertEqual(len(self._web_orders().filtered(lambda order: order.prospect_name == "Paula Later")), 1)

    def test_forwarded_for_is_ignored_without_proxy_mode(self):
        self.assertFalse(config["proxy_mode"])
        self._set_limit("1/10m")
        headers = {"X-Forwarded-For": "198.51.100.7", "X-Forwarded-Host": f"{HOST}:{config['http_port']}"}
        self.assertEqual(self._send(self._form_data(), headers).status_code, 200)
        self.assertEqual(self._web_orders().request_ip, "127.0.0.1")
        # Another forged address does not escape the limit.
        headers["X-Forwarded-For"] = "198.51.100.8"
        self.assertEqual(self._send(self._form_data(), headers).status_code, 429)

    def test_forwarded_for_is_used_in_proxy_mode(self):
        """Behind a reverse proxy (proxy_mode), the address is the last one of
        X-Forwarded-For, the one the proxy added; Odoo reads it only from requests
        that carry X-Forwarded-Host."""
        host = f"{HOST}:{config['http_port']}"
        with patch.dict(config.options, {"proxy_mode": True}):
            headers = {"X-Forwarded-For": "198.51.100.7, 203.0.113.9", "X-Forwarded-Host": host}
            self.assertEqual(self._send(self._form_data(), headers).status_code, 200)
            self.assertEqual(self._web_orders().request_ip, "203.0.113.9")
            self._send(self._form_data(), {"X-Forwarded-For": "203.0.113.10"})
        self.assertEqual(set(self._web_orders().mapped("request_ip")), {"203.0.113.9", "127.0.0.1"})


@tagged("post_install", "-at_install")
class TestPublicFormRateLimitConcurrency(TransactionCase):
    """Parallel submissions from one address, each in its own HTTP connection.

    The test server serialises the requests of a test (they share its cursor), so
    the form is served here by a second Odoo server, started on the test database
    as in production: each request in its own thread and its own transaction,
    committed. What the test commits is removed at the end."""

    limit = 5
    senders = 8

    def setUp(self):
        super().setUp()
        self.start = fields.Datetime.now() - timedelta(seconds=1)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.previous_limit = env["ir.config_parameter"].get_param(RATE_LIMIT_PARAM)
            env["ir.config_parameter"].set_param(RATE_LIMIT_PARAM, f"{self.limit}/10m")
            self.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Race Fiber 100",
                        "type": "service",
                        "is_telecom_service": True,
                        "sale_ok": True,
                        "telecom_family": "internet",
                    }
                )
                .id
            )
            self.country_id = env.ref("base.be").id
        self.addCleanup(self._remove_committed_data)
        with self.registry.cursor() as cr:
            # No earlier order of this address counts.
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertFalse(self._web_orders(env, self.start - timedelta(minutes=10)))
        self.base_url = self._start_server()

    def _start_server(self):
        """An Odoo server of its own on the test database; stopped at the end."""
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        command = [sys.executable, "-m", "odoo", "server", "-d", self.env.cr.dbname]
        for option in ("db_host", "db_port", "db_user"):
            if config[option]:
                command += [f"--{option}", str(config[option])]
        command += [
            f"--addons-path={config['addons_path']}",
            f"--data-dir={config['data_dir']}",
            f"--db-filter=^{re.escape(self.env.cr.dbname)}$",
            f"--http-interface={HOST}",
            f"--http-port={port}",
            "--workers=0",
            "--max-cron-threads=0",
            "--no-database-list",
            "--log-level=warn",
        ]
        log = tempfile.NamedTemporaryFile(prefix="oms-rate-limit-", suffix=".log")  # noqa: SIM115
        self.addCleanup(log.close)
        environ = dict(os.environ, PGPASSWORD=config["db_password"] or "")
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environ)

        def stop():
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()

        self.addCleanup(stop)
        base_url = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            self.assertIsNone(server.poll(), f"The second server stopped: {self._tail(log)}")
            with contextlib.suppress(requests.ConnectionError):
                if requests.get(f"{base_url}/telecom/order", timeout=60).status_code == 200:
                    return base_url
            time.sleep(0.5)
        self.fail(f"The second server did not answer: {self._tail(log)}")

    def _tail(self, log):
        log.flush()
        with open(log.name, encoding="utf-8", errors="replace") as file:
            return file.read()[-3000:]

    def _web_orders(self, env, since=None):
        return env["telecom.order"].search(
            [("channel", "=", "web"), ("request_ip", "=", "127.0.0.1"), ("create_date", ">=", since or self.start)]
        )

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = self._web_orders(env)
            premises = orders.premises_id
            env["mail.mail"].search([("model", "=", "telecom.order"), ("res_id", "in", orders.ids)]).unlink()
            orders.unlink()
            premises.unlink()
            env["product.product"].browse(self.product_id).product_tmpl_id.unlink()
            if "telecom.web.form.address" in env:
                env["telecom.web.form.address"].search([("request_ip", "=", "127.0.0.1")]).unlink()
            env["ir.config_parameter"].set_param(RATE_LIMIT_PARAM, self.previous_limit)

    def test_parallel_submissions_respect_the_limit(self):
        url = f"{self.base_url}/telecom/order"
        barrier = threading.Barrier(self.senders)
        statuses = [None] * self.senders

        def send(index):
            with requests.Session() as session:
                page = session.get(url, timeout=60).text
                data = {
                    "csrf_token": re.search(r'name="csrf_token" value="([^"]+)"', page)[1],
                    "form_token": re.search(r'name="form_token" value="([^"]+)"', page)[1],
                    "subscriber_kind": "individual",
                    "name": f"Racer {index}",
                    "email": f"racer{index}@example.com",
                    "street": "Avenue de la Course",
                    "house_number": str(100 + index),
                    "city": "Racetown",
                    "country_id": str(self.country_id),
                    "product_ids": [self.product_id],
                }
                barrier.wait(timeout=60)
                statuses[index] = session.post(url, data=data, timeout=180).status_code

        threads = [threading.Thread(target=send, args=(index,)) for index in range(self.senders)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with self.registry.cursor() as cr:
            created = len(self._web_orders(api.Environment(cr, SUPERUSER_ID, {})))
        self.assertEqual(created, self.limit, f"{created} orders for a limit of {self.limit} (answers: {statuses})")
        self.assertEqual(sorted(statuses), [200] * self.limit + [429] * (self.senders - self.limit))
