# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.common import OmsTelecomCase, oms_new_test_user


@tagged("post_install", "-at_install")
class TestCancelRequestAccess(OmsTelecomCase):
    """A cancellation request is read by whoever may read its order, and by no one else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_foreign_division()
        # An operator of no division, as the demo's billing user.
        cls.user_no_division = oms_new_test_user(
            cls.env, login="oms_test_no_division", name="Nadia Nodivision", groups="oms_telecom.group_oms_operator"
        )
        # The manager of a region above the foreign division.
        cls.user_region_manager = oms_new_test_user(
            cls.env,
            login="oms_test_region_manager",
            name="Rita Region",
            groups="oms_telecom.group_oms_division_manager",
        )
        cls.division_foreign.parent_id = cls.env["telecom.division"].create(
            {"name": "Test Region", "kind": "sales", "manager_id": cls.user_region_manager.id}
        )
        own_order = cls.env["telecom.order"].create(
            cls._order_values(
                cls.individual, cls.premises_home, lines=[{"product_id": cls.fiber_100.id}], no_scenario=True
            )
        )
        Request = cls.env["telecom.api.cancel.request"]
        cls.own_request, cls.foreign_request = Request.create(
            [
                {"order_id": own_order.id, "reason": "Changed my mind"},
                {"order_id": cls.foreign_order.id, "reason": "Moving abroad"},
            ]
        )

    def assertReadsOnly(self, user, expected):
        """`user` finds exactly `expected`, reads it, and reads a request exactly when
        it may read its order."""
        requests = self.own_request | self.foreign_request
        Request = self.env["telecom.api.cancel.request"].with_user(user)
        self.assertEqual(Request.search([("id", "in", requests.ids)]), expected, user.name)
        for request in requests:
            as_user = request.with_user(user)
            may_read_order = request.order_id.with_user(user).has_access("read")
            self.assertEqual(as_user.has_access("read"), may_read_order, f"{user.name} on {request.reason}")
            if request in expected:
                self.assertEqual(as_user.reason, request.reason)
            else:
                with self.assertRaises(AccessError, msg=f"{user.name} reads {request.reason}"):
                    as_user.read(["order_id", "reason"])

    def test_operators_read_the_requests_of_their_divisions_orders(self):
        self.assertReadsOnly(self.user_operator, self.own_request)
        self.assertReadsOnly(self.user_foreign_operator, self.foreign_request)

    def test_operator_of_no_division_reads_none_of_them(self):
        self.assertReadsOnly(self.user_no_division, self.env["telecom.api.cancel.request"])

    def test_division_managers_read_their_subtrees_requests(self):
        self.assertReadsOnly(self.user_division_manager, self.own_request)
        self.assertReadsOnly(self.user_region_manager, self.foreign_request)

    def test_oms_managers_read_every_request(self):
        self.assertReadsOnly(self.user_oms_manager, self.own_request | self.foreign_request)

    def test_the_orders_user_reads_its_request(self):
        self.foreign_order.user_id = self.user_no_division
        self.assertReadsOnly(self.user_no_division, self.foreign_request)
