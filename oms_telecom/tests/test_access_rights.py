# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, users

from .common import oms_new_test_user


class TestAccessRights(TransactionCase):
    """What each role may do, and what it may not, on every model, following
    the division hierarchy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_user = oms_new_test_user
        cls.operator = new_user(cls.env, login="acl_operator", groups="oms_telecom.group_oms_operator")
        cls.other_operator = new_user(cls.env, login="acl_other_operator", groups="oms_telecom.group_oms_operator")
        cls.technician = new_user(cls.env, login="acl_technician", groups="oms_telecom.group_oms_technician")
        cls.division_manager = new_user(
            cls.env, login="acl_division_manager", groups="oms_telecom.group_oms_division_manager"
        )
        cls.oms_manager = new_user(cls.env, login="acl_oms_manager", groups="oms_telecom.group_oms_manager")
        cls.portal = new_user(cls.env, login="acl_portal", groups="base.group_portal")
        cls.other_portal = new_user(cls.env, login="acl_other_portal", groups="base.group_portal")
        Division = cls.env["telecom.division"]
        cls.region = Division.create({"name": "Region", "kind": "sales", "manager_id": cls.division_manager.id})
        cls.north = Division.create(
            {
                "name": "North",
                "kind": "sales",
                "parent_id": cls.region.id,
                "member_ids": [Command.set(cls.operator.ids)],
            }
        )
        cls.south = Division.create(
            {
                "name": "South",
                "kind": "sales",
                "member_ids": [Command.set(cls.other_operator.ids)],
            }
        )
        cls.field_team = Division.create(
            {
                "name": "Field",
                "kind": "technical",
                "member_ids": [Command.set(cls.technician.ids)],
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "ACL Fiber", "type": "service", "is_telecom_service": True, "telecom_family": "internet"}
        )
        premises = cls.env["telecom.premises"].create(
            [{"city": "Ghent", "street": "Acl street", "house_number": str(n)} for n in (1, 2)]
        )
        cls.subscriber = cls.portal.partner_id
        cls.other_subscriber = cls.other_portal.partner_id

        def order(division, partner, premises):
            return cls.env["telecom.order"].create(
                {
                    "partner_id": partner.id,
                    "premises_id": premises.id,
                    "division_id": division.id,
                    "line_ids": [Command.create({"product_id": cls.product.id})],
                }
            )

        cls.north_order = order(cls.north, cls.subscriber, premises[0])
        cls.south_order = order(cls.south, cls.other_subscriber, premises[1])
        (cls.north_order | cls.south_order).action_submit()
        cls.north_work_order = cls.env["telecom.work.order"].create(
            {"order_id": cls.north_order.id, "division_id": cls.field_team.id, "kind": "installation"}
        )
        cls.north_work_order.action_done("Installed")
        cls.north_service = cls.north_order.line_ids.service_id

    def _visible(self, model, records):
        return self.env[model].search([("id", "in", records.ids)])

    @users("acl_operator")
    def test_operator(self):
        orders = self.north_order | self.south_order
        self.assertEqual(self._visible("telecom.order", orders), self.north_order)
        self.assertEqual(self._visible("telecom.subscriber.service", self.north_service), self.north_service)
        self.north_order.with_env(self.env).description = "<p>Called the subscriber</p>"
        with self.assertRaises(AccessError):
            self.south_order.with_env(self.env).description = "<p>Not mine</p>"
        with self.assertRaises(AccessError):
            self.north_order.with_env(self.env).unlink()
        # No configuration.
        for model in ("telecom.division", "telecom.coverage.area", "telecom.order.stage"):
            with self.assertRaises(AccessError):
                self.env[model].create({"name": "x"})
        with self.assertRaises(AccessError):
            self.product.with_env(self.env).telecom_monthly_price = 1.0

    @users("acl_technician")
    def test_technician(self):
        work_order = self.north_work_order.with_env(self.env)
        self.assertEqual(self._visible("telecom.order", self.north_order | self.south_order), self.north_order)
        work_order.result = "Fibre spliced"
        with self.assertRaises(AccessError):
            self.north_order.with_env(self.env).description = "<p>x</p>"
        with self.assertRaises(AccessError):
            self.env["telecom.work.order"].create({"order_id": self.north_order.id})
        with self.assertRaises(AccessError):
            work_order.unlink()
        # Identity data is not the technician's business.
        partner = self.subscriber.with_env(self.env)
        with self.assertRaises(AccessError):
            partner.read(["identity_document_number"])

    @users("acl_division_manager")
    def test_division_manager(self):
        self.assertEqual(self._visible("telecom.order", self.north_order | self.south_order), self.north_order)
        self.north_order.with_env(self.env).user_id = self.operator
        self.assertEqual(self._visible("telecom.work.order", self.north_work_order), self.north_work_order)
        with self.assertRaises(AccessError):
            self.env["telecom.division"].create({"name": "Mine", "kind": "sales"})

    @users("acl_oms_manager")
    def test_oms_manager(self):
        orders = self.north_order | self.south_order
        self.assertEqual(self._visible("telecom.order", orders), orders)
        division = self.env["telecom.division"].create({"name": "New", "kind": "support"})
        self.env["telecom.coverage.area"].create({"division_id": division.id, "level": "city", "city": "Antwerp"})
        self.product.with_env(self.env).telecom_monthly_price = 30.0
        self.assertEqual(self.product.telecom_monthly_price, 30.0)

    @users("acl_portal")
    def test_portal(self):
        self.assertEqual(self._visible("telecom.order", self.north_order | self.south_order), self.north_order)
        self.assertEqual(self._visible("telecom.subscriber.service", self.north_service), self.north_service)
        order = self.north_order.with_env(self.env)
        with self.assertRaises(AccessError):
            order.write({"priority": "3"})
        with self.assertRaises(AccessError):
            order.action_request_cancellation()
        with self.assertRaises(AccessError):
            self.south_order.with_env(self.env).read(["name"])
        with self.assertRaises(AccessError):
            self.env["telecom.order"].create({"prospect_name": "rpc"})
        with self.assertRaises(AccessError):
            self.env["telecom.division"].search([])

    def test_multi_company(self):
        other_company = self.env["res.company"].create({"name": "Other Telco"})
        foreign = self.env["telecom.order"].create({"prospect_name": "F", "company_id": other_company.id})
        visible = self.env["telecom.order"].with_user(self.oms_manager).search([("id", "=", foreign.id)])
        self.assertFalse(visible)
