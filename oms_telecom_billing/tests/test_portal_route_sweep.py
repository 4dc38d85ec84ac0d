# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
import threading
from urllib.parse import urlencode

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import TwoSubscribersCase

_logger = logging.getLogger(__name__)

# The portal's routes: the subscriber's pages, the public form, contracts, invoices,
# documents and reports.
ROUTE_PREFIXES = ("/my/telecom", "/telecom", "/my/contracts", "/my/invoices", "/invoice/", "/report/", "/web/content")
# The chatter's routes, called on the other subscriber's documents, with what they need.
CHATTER_ROUTES = {
    "/portal/chatter_init": {},
    "/mail/chatter_fetch": {},
    "/mail/thread/data": {"request_list": ["followers", "attachments", "activities"]},
    "/mail/thread/messages": {},
    "/mail/message/post": {"post_data": {"body": "Hello from someone else", "message_type": "comment"}},
    "/mail/attachment/upload": {},
}
# Routes under those prefixes that take no subscriber's record, and why.
SKIPPED_ROUTES = {
    "/report/barcode": "draws a barcode of the value given",
    "/report/barcode/<barcode_type>/<path:value>": "draws a barcode of the value given",
    "/report/check_wkhtmltopdf": "the state of the PDF engine",
    "/report/<converter>/<reportname>": "a report of the data sent (wizards); with record ids it is swept",
    "/web/content/<string:xmlid>": "files named by XML id (module data)",
    "/web/content/<string:xmlid>/<string:filename>": "files named by XML id (module data)",
    "/invoice/transaction/overdue": "pays the logged-in subscriber's own overdue invoices",
}
# Reports that show none of a record's data whatever the reader's rights, and why.
EMPTY_REPORTS = {
    "account.report_original_vendor_bill": "an empty page per id; its PDF merges the bill's original file, "
    "read with the reader's rights",
}
# Where a refused request may send the subscriber.
REFUSAL_REDIRECTS = {"/web/login", "/my", "/my/home", "/my/telecom/orders", "/my/telecom/services"}
# What a form may send to a route (the other subscriber's ids are in the URL).
FORM_DATA = {
    "confirm": "1",
    "description": "Nothing works at all since this morning",
    "reason": "Moving out",
    "comment": "Still broken",
    "document_type": "id_copy",
    "param_bandwidth": "50",
    "slot": "2026-11-17 08:00:00-0",
}
UPLOAD = ("id.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
# Tables counted before and after: a refused request writes nothing.
COUNTED_MODELS = (
    "telecom.order",
    "telecom.order.line",
    "telecom.work.order",
    "telecom.order.document",
    "telecom.subscriber.service",
    "telecom.premises",
    "contract.contract",
    "contract.line",
    "account.move",
    "payment.transaction",
    "ir.attachment",
    "mail.message",
    "mail.followers",
)
# What a probe must get back.
REFUSED = "refused"  # 403, 404, a redirection to the login or the portal home, a JSON error
PAGE = "page"  # a list or a form of the subscriber's own (200, or 303 after a form)
NOTHING = "nothing"  # any answer but a server error, without the other subscriber's data
MIN_ROUTES = 15
MIN_TELECOM_ROUTES = 15


@tagged("post_install", "-at_install")
class TestPortalRouteSweep(TwoSubscribersCase, HttpCase):
    """Every portal route, found from the routing map (new routes are swept too),
    called by subscriber A with subscriber B's record ids and B's tokens of other
    records: refused, never an answer with B's data, and nothing written."""

    def setUp(self):
        super().setUp()
        theirs = self.theirs
        self.their_orders = orders = theirs["connection"] | theirs["order"]
        self.their_attachment = theirs["document"].attachment_id
        self.their_attachment.generate_access_token()
        # B's tokens, each tried on another of B's records.
        self.tokens = {
            "telecom.order": theirs["contract"]._portal_ensure_token(),
            "contract.contract": theirs["invoice"]._portal_ensure_token(),
            "account.move": orders[0]._portal_ensure_token(),
            "ir.attachment": orders[1]._portal_ensure_token(),
        }
        self.their_ids = {
            "order_id": orders,
            "service_id": theirs["service"],
            "contract_contract_id": theirs["contract"],
            "invoice_id": theirs["invoice"],
            "id": self.their_attachment,
        }
        self.markers = [
            *orders.mapped("name"),
            theirs["contract"].name,
            theirs["invoice"].name,
            self.other_individual.name,
            self.premises_cottage.street,
            self.their_attachment.name,
        ]

    # Routes

    def _portal_routes(self):
        thread = threading.current_thread()
        if not hasattr(thread, "dbname"):
            # Outside Odoo's server (pytest-odoo) the thread is not named after the database.
            thread.dbname = self.env.cr.dbname
            self.addCleanup(delattr, thread, "dbname")
        rules = {}
        for rule in self.env["ir.http"].routing_map().iter_rules():
            path = rule.rule
            if (path.startswith(ROUTE_PREFIXES) or path in CHATTER_ROUTES) and path not in SKIPPED_ROUTES:
                rules.setdefault(path, rule)
        return [rules[path] for path in sorted(rules)]

    def _reports(self):
        """(report name, B's record ids) of every report on B's records."""
        records = {
            "telecom.order": self.their_orders,
            "telecom.work.order": self.theirs["connection"].work_order_ids,
            "contract.contract": self.theirs["contract"],
            "account.move": self.theirs["invoice"],
            "res.partner": self.other_individual,
        }
        reports = self.env["ir.actions.report"].search(
            [("model", "in", list(records)), ("report_type", "in", ("qweb-pdf", "qweb-html"))]
        )
        return [(report.report_name, ",".join(map(str, records[report.model].ids))) for report in reports]

    # Probes: (method, url, data, expectation)

    def _probes(self, rule):
        path = rule.rule
        if path in CHATTER_ROUTES:
            return self._chatter_probes(path)
        if path == "/report/<converter>/<reportname>/<docids>":
            return [
                ("GET", f"/report/{converter}/{name}/{docids}", None, NOTHING if name in EMPTY_REPORTS else REFUSED)
                for name, docids in self._reports()
                for converter in ("html", "pdf")
            ]
        if path == "/report/download":
            return [
                (
                    "POST",
                    path,
                    {"data": json.dumps([f"/report/pdf/{name}/{docids}", "qweb-pdf"]), "context": "{}"},
                    NOTHING if name in EMPTY_REPORTS else REFUSED,
                )
                for name, docids in self._reports()
            ]
        if path.startswith("/web/content") and path != "/web/content/<int:id>":
            return self._content_probes(rule)
        arguments = set(rule.arguments)
        if not arguments - {"page"}:
            return self._page_probes(rule)
        return self._record_probes(rule)

    def _chatter_probes(self, path):
        threads = [*self.their_orders, self.theirs["contract"], self.theirs["invoice"]]
        probes = []
        for thread in threads:
            for token in (None, self.tokens[thread._name]):
                params = {"thread_model": thread._name, "thread_id": thread.id, **CHATTER_ROUTES[path]}
                if token:
                    params["token"] = token
                if path == "/mail/attachment/upload":
                    probes.append(("UPLOAD", path, params, NOTHING))
                else:
                    probes.append(("JSON", path, params, NOTHING))
        return probes

    def _content_probes(self, rule):
        attachment = self.their_attachment
        urls = {
            "/web/content": f"/web/content?model=ir.attachment&id={attachment.id}&field=datas",
            "/web/content/<int:id>/<string:filename>": f"/web/content/{attachment.id}/{attachment.name}",
            "/web/content/<string:model>/<int:id>/<string:field>": f"/web/content/ir.attachment/{attachment.id}/datas",
            "/web/content/<string:model>/<int:id>/<string:field>/<string:filename>": (
                f"/web/content/ir.attachment/{attachment.id}/datas/{attachment.name}"
            ),
        }
        self.assertIn(rule.rule, urls, f"{rule.rule}: teach the sweep the other subscriber's files")
        url = urls[rule.rule]
        separator = "&" if "?" in url else "?"
        return [
            ("GET", url, None, REFUSED),
            ("GET", f"{url}{separator}access_token={self.tokens['ir.attachment']}", None, REFUSED),
        ]

    def _page_probes(self, rule):
        """Lists and forms: the other subscriber's records are offered nowhere."""
        path = rule.build({"page": 1}, append_unknown=False)[1] if rule.arguments else rule.rule
        if rule.endpoint.routing.get("type") == "json":
            return [("JSON", path, {}, NOTHING)]
        probes = [("GET", path, None, PAGE)]
        if path == "/my/telecom/orders/new":
            premises = self.premises_cottage.id
            probes += [
                ("GET", f"{path}?premises_id={premises}", None, PAGE),
                ("POST", path, {"premises_choice": premises, "product_ids": self.fiber_100.id}, PAGE),
            ]
        return probes

    def _record_probes(self, rule):
        """B's records in the URL, without a token and with B's token of another record."""
        path, routing = rule.rule, rule.endpoint.routing
        arguments = set(rule.arguments)
        choices = {"report_key": ("summary", "contract", "unknown")}
        id_arguments = arguments & set(self.their_ids)
        unknown = arguments - id_arguments - set(choices)
        self.assertFalse(unknown, f"{path}: teach the sweep the other subscriber's values of {sorted(unknown)}")
        self.assertEqual(len(id_arguments), 1, f"{path}: teach the sweep which record it shows")
        (id_argument,) = id_arguments
        records = self.their_ids[id_argument]
        methods = [method for method in (routing.get("methods") or ["GET"]) if method in ("GET", "POST")]
        probes = []
        for record in records:
            for choice in choices["report_key"] if "report_key" in arguments else (None,):
                url = rule.build({id_argument: record.id, "report_key": choice}, append_unknown=False)[1]
                for token in (None, self.tokens.get(record._name)) if record._name in self.tokens else (None,):
                    if routing.get("type") == "json":
                        probes.append(("JSON", url, {"access_token": token or ""}, REFUSED))
                        continue
                    query = {"access_token": token} if token else {}
                    for method in methods:
                        probes.append((method, f"{url}?{urlencode(query)}" if query else url, FORM_DATA, REFUSED))
                        if method == "GET":
                            printed = urlencode({**query, "report_type": "pdf", "download": "true"})
                            probes.append((method, f"{url}?{printed}", None, REFUSED))
        return probes

    # Requests

    def _call(self, method, url, data):
        """(status, body, path redirected to) of one request."""
        if method == "JSON":
            try:
                result = self.make_jsonrpc_request(url, data)
            except JsonRpcException as error:
                return 200, error.args[0], None
            return 200, json.dumps(result), None
        if method in ("POST", "UPLOAD"):
            data = {**(data or {}), "csrf_token": http.Request.csrf_token(self)}
            files = {"ufile" if method == "UPLOAD" else "attachment": UPLOAD}
            response = self.opener.post(
                self.base_url() + url, data=data, files=files, allow_redirects=False, timeout=60
            )
        else:
            response = self.url_open(url, allow_redirects=False, timeout=60)
        location = response.headers.get("Location")
        return response.status_code, response.text, location and self.parse_http_location(location).path

    def _snapshot(self):
        self.env.invalidate_all()
        counts = {model: self.env[model].sudo().search_count([]) for model in COUNTED_MODELS}
        theirs = self.theirs
        records = (
            self.their_orders,
            theirs["service"],
            theirs["contract"],
            theirs["contract"].contract_line_ids,
            theirs["invoice"],
            theirs["document"],
            self.their_attachment,
        )
        written = {(record._name, record.id): record.write_date for recordset in records for record in recordset}
        return counts, written

    def _assert_answer(self, method, url, expectation, status, body, location):
        where = f"{method} {url}"
        for marker in self.markers:
            self.assertNotIn(marker, body, f"{where}: the other subscriber's data")
        self.assertLess(status, 500, where)
        if expectation == PAGE:
            self.assertIn(status, (200, 303), where)
        elif expectation == REFUSED and method == "JSON":
            self.assertIn(
                body,
                ("odoo.exceptions.AccessError", "odoo.exceptions.MissingError", "odoo.exceptions.ValidationError"),
                where,
            )
        elif expectation == REFUSED and url == "/report/download":
            # The error comes back as a page holding it in JSON.
            self.assertIn("odoo.exceptions.AccessError", body, where)
        elif expectation == REFUSED and status in (301, 302, 303):
            self.assertIn(location, REFUSAL_REDIRECTS, where)
        elif expectation == REFUSED:
            self.assertIn(status, (403, 404), where)

    def test_route_sweep(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        routes = self._portal_routes()
        self.assertGreaterEqual(len(routes), MIN_ROUTES, "the sweep found the portal's routes")
        # The telecom portal is not a dependency of billing: swept when installed.
        telecom_portal = self.env["ir.module.module"].search_count(
            [("name", "=", "oms_telecom_portal"), ("state", "=", "installed")]
        )
        if telecom_portal:
            telecom = [rule for rule in routes if rule.rule.startswith(("/my/telecom", "/telecom"))]
            self.assertGreaterEqual(len(telecom), MIN_TELECOM_ROUTES, "the sweep found the telecom portal's routes")
        before = self._snapshot()
        figures = dict.fromkeys((REFUSED, PAGE, NOTHING), 0)
        for rule in routes:
            for method, url, data, expectation in self._probes(rule):
                with self.subTest(route=rule.rule, method=method, url=url, data=data):
                    with mute_logger("odoo.http", "odoo.addons.web.controllers.report"):
                        status, body, location = self._call(method, url, data)
                    self._assert_answer(method, url, expectation, status, body, location)
                    figures[expectation] += 1
        self.assertEqual(self._snapshot(), before, "the requests wrote nothing")
        if telecom_portal:
            page = self.url_open("/my/telecom/orders").text
            self.assertIn(self.mine["order"].name, page, "the subscriber's own orders are listed")
        _logger.info(
            "Portal route sweep: %d routes x the other subscriber's ids and tokens: %d probes "
            "(%d refused, %d chatter and report answers without their data, %d own lists and forms)",
            len(routes),
            sum(figures.values()),
            figures[REFUSED],
            figures[NOTHING],
            figures[PAGE],
        )
