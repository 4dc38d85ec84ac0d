# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import HttpCase, tagged

from odoo.addons.oms_telecom.tests.scenario_common import ScenarioCase

from ..callback_guard import ALLOWED_HOSTS_PARAM

PO = "/tmf-api/productOrderingManagement/v4"
TT = "/tmf-api/troubleTicket/v4"
WO = "/tmf-api/workOrderManagement/v4"
ERROR_KEYS = {"@type", "code", "reason", "message", "status"}


class Listener:
    """An HTTP listener on 127.0.0.1 that records what it receives and answers
    with `status` (a callable may choose per request) and `headers`."""

    def __init__(self, status=200, port=0, headers=None):
        self.received = []
        self.status = status
        self.headers = headers or {}
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                listener.received.append({"headers": dict(self.headers), "body": body, "path": self.path})
                status = listener.status(len(listener.received)) if callable(listener.status) else listener.status
                self.send_response(status)
                for name, value in listener.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/listener"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def events(self):
        return [json.loads(item["body"]) for item in self.received]


@tagged("post_install", "-at_install")
class TmfApiCase(ScenarioCase, HttpCase):
    """Two integrations: a web shop acting as an operator and a provisioning
    system acting as a technician (work orders only)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The test listeners run on this host, which hubs may not reach otherwise.
        cls.env["ir.config_parameter"].set_param(ALLOWED_HOSTS_PARAM, "127.0.0.1")
        Client = cls.env["telecom.api.client"]
        cls.shop = Client.create({"name": "Web Shop", "user_id": cls.user_operator.id})
        cls.shop_key = cls.shop._issue_key()
        cls.provisioning = Client.create(
            {
                "name": "Provisioning",
                "user_id": cls.user_technician.id,
                "allow_product_ordering": False,
                "allow_trouble_ticket": False,
            }
        )
        cls.provisioning_key = cls.provisioning._issue_key()
        cls.Order = cls.env["telecom.order"]

    def api(self, method, path, payload=None, key=None, headers=None, data=None, params=None):
        """A request to the API with the web shop's key (or `key`)."""
        all_headers = {"X-API-Key": self.shop_key if key is None else key, **(headers or {})}
        if payload is not None:
            data = json.dumps(payload)
        if data is not None:
            all_headers.setdefault("Content-Type", "application/json")
        return self.opener.request(
            method, self.base_url() + path, data=data, headers=all_headers, params=params, timeout=30
        )

    def assertError(self, response, status, code=None):
        self.assertEqual(response.status_code, status, response.text)
        body = response.json()
        self.assertEqual(set(body), ERROR_KEYS, body)
        self.assertEqual(body["status"], str(status))
        self.assertEqual(body["@type"], "Error")
        if code:
            self.assertEqual(body["code"], code, body)
        return body

    def _order_payload(self, external_id=None, items=None, **values):
        """A connection of Fiber 100 (and what `items` adds) for the individual at home."""
        payload = {
            "relatedParty": [{"id": str(self.individual.id), "role": "Customer", "@referredType": "Individual"}],
            "productOrderItem": items
            or [
                {
                    "id": "1",
                    "action": "add",
                    "productOffering": {"id": str(self.fiber_100.id)},
                    "product": {
                        "productCharacteristic": [
                            {"name": "bandwidth", "value": 300},
                            {"name": "technology", "value": "fiber"},
                        ],
                        "place": [{"id": str(self.premises_home.id), "role": "installationAddress"}],
                    },
                }
            ],
            **values,
        }
        if external_id:
            payload["externalId"] = external_id
        return payload

    def _items(self, count):
        products = [self.fiber_100, self.fiber_500, self.phone]
        return [
            {
                "id": str(index + 1),
                "action": "add",
                "productOffering": {"id": str(products[index % 3].id)},
                "product": {"place": [{"id": str(self.premises_home.id)}]},
            }
            for index in range(count)
        ]

    def _plan_received(self):
        """What the scheduled action does right after the request: route and plan the orders received."""
        self.env.invalidate_all()
        self.env["telecom.order.intake"]._cron_plan_received()

    def _create_order_api(self, **kwargs):
        response = self.api("POST", f"{PO}/productOrder", self._order_payload(**kwargs))
        self.assertEqual(response.status_code, 201, response.text)
        return response.json()
