# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(HttpCase):
    def test_operator_sees_telecom_menu(self):
        operator = self.env.ref("oms_telecom.user_operator")
        menus = self.env["ir.ui.menu"].with_user(operator).search([("name", "=", "Telecom Orders")])
        self.assertEqual(menus, self.env.ref("oms_telecom.menu_oms_root"))

    def test_group_chain(self):
        manager_group = self.env.ref("oms_telecom.group_oms_manager")
        implied = manager_group.trans_implied_ids
        for xmlid in ("group_oms_division_manager", "group_oms_operator", "group_oms_technician"):
            self.assertIn(self.env.ref(f"oms_telecom.{xmlid}"), implied)

    def test_login_page(self):
        response = self.url_open("/web/login")
        self.assertEqual(response.status_code, 200)

    def test_menu_pages_have_paths(self):
        """URLs read /odoo/telecom-orders: each page a menu opens has a path of its own
        (dialogs show no URL)."""
        root = self.env.ref("oms_telecom.menu_oms_root")
        menus = (
            self.env["ir.ui.menu"]
            .with_context(**{"ir.ui.menu.full_list": True})
            .search([("id", "child_of", root.id), ("action", "!=", False)])
        )
        self.assertGreater(len(menus), 20)
        for menu in menus:
            if getattr(menu.action, "target", None) == "new":
                continue
            with self.subTest(menu=menu.complete_name):
                self.assertRegex(menu.action.path or "", r"^telecom(-[a-z0-9]+)+$")
