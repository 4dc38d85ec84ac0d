# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, TransactionCase, tagged
from odoo.tools import mute_logger

from .common import oms_new_test_user

# Model-level rights (ACLs) of every role on every model: read, write, create, unlink.
# Record-level rules (which records) are in test_access_rights.py.
EXPECTED = {
    "telecom.order": {
        "portal": "r---",
        "technician": "r---",
        "operator": "rwc-",
        "division_manager": "rwc-",
        "oms_manager": "rwcu",
    },
    "telecom.order.line": {
        "portal": "r---",
        "technician": "r---",
        "operator": "rwcu",
        "division_manager": "rwcu",
        "oms_manager": "rwcu",
    },
    "telecom.work.order": {
        "portal": "r---",
        "technician": "rw--",
        "operator": "rwc-",
        "division_manager": "rwcu",
        "oms_manager": "rwcu",
    },
    "telecom.subscriber.service": {
        "portal": "r---",
        "technician": "r---",
        "operator": "rwc-",
        "division_manager": "rwc-",
        "oms_manager": "rwcu",
    },
    "telecom.premises": {
        "portal": "r---",
        "technician": "r---",
        "operator": "rwc-",
        "division_manager": "rwc-",
        "oms_manager": "rwcu",
    },
    "telecom.division": {
        "portal": "----",
        "technician": "r---",
        "operator": "r---",
        "division_manager": "r---",
        "oms_manager": "rwcu",
    },
    "telecom.coverage.area": {
        "portal": "----",
        "technician": "r---",
        "operator": "r---",
        "division_manager": "r---",
        "oms_manager": "rwcu",
    },
    "telecom.order.stage": {
        "portal": "r---",
        "technician": "r---",
        "operator": "r---",
        "division_manager": "r---",
        "oms_manager": "rwcu",
    },
    "product.template": {
        "portal": "----",
        "technician": "r---",
        "operator": "r---",
        "division_manager": "r---",
        "oms_manager": "rwcu",
    },
    "res.partner": {
        "portal": "r---",
        "technician": "r---",
        "operator": "rwcu",
        "division_manager": "rwcu",
        "oms_manager": "rwcu",
    },
}
GROUPS = {
    "portal": "base.group_portal",
    "technician": "oms_telecom.group_oms_technician",
    "operator": "oms_telecom.group_oms_operator",
    "division_manager": "oms_telecom.group_oms_division_manager",
    "oms_manager": "oms_telecom.group_oms_manager",
}
OPERATIONS = ("read", "write", "create", "unlink")


class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_users = {
            role: oms_new_test_user(cls.env, login=f"matrix_{role}", groups=group) for role, group in GROUPS.items()
        }

    def test_model_rights_of_every_role(self):
        for model, rights in EXPECTED.items():
            for role, expected in rights.items():
                records = self.env[model].with_user(self.role_users[role])
                actual = "".join(
                    letter if records.has_access(operation) else "-"
                    for letter, operation in zip("rwcu", OPERATIONS, strict=True)
                )
                with self.subTest(model=model, role=role):
                    self.assertEqual(actual, expected)


@tagged("post_install", "-at_install")
class TestPortalRpc(HttpCase):
    """A portal user calling model methods over JSON-RPC gets an access error and changes nothing."""

    @mute_logger("odoo.http")
    def test_portal_user_cannot_drive_orders_over_rpc(self):
        portal = oms_new_test_user(self.env, login="rpc_portal", password="rpc_portal_pw", groups="base.group_portal")
        premises = self.env["telecom.premises"].create({"city": "Ghent", "street": "Rpc street", "house_number": "1"})
        order = self.env["telecom.order"].create(
            {"partner_id": portal.partner_id.id, "premises_id": premises.id, "prospect_name": "x"}
        )
        self.authenticate("rpc_portal", "rpc_portal_pw")
        calls = [
            ("telecom.order", "action_submit", [[order.id]]),
            ("telecom.order", "write", [[order.id], {"priority": "3"}]),
            ("telecom.order", "create", [{"prospect_name": "Injected"}]),
            ("telecom.order", "unlink", [[order.id]]),
            ("telecom.division", "search_read", [[]]),
        ]
        for model, method, args in calls:
            with self.subTest(method=method, model=model):
                response = self.opener.post(
                    f"{self.base_url()}/web/dataset/call_kw",
                    json={
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {"model": model, "method": method, "args": args, "kwargs": {}},
                    },
                )
                error = response.json().get("error")
                self.assertTrue(error, f"{model}.{method} should be refused")
                self.assertIn("AccessError", error["data"]["name"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.priority, "0")
        self.assertFalse(self.env["telecom.order"].search([("prospect_name", "=", "Injected")]))
