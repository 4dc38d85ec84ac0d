# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingContractList(BillingCase):
    """Subscriber contracts as the billing user lists them."""

    def test_list_columns(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom_billing.telecom_contract_action")
        views = (
            self.env["contract.contract"]
            .with_user(self.user_billing)
            .get_views(action["views"], {"action_id": action["id"]})
        )
        arch = etree.fromstring(views["views"]["list"]["arch"])
        columns = [
            field.get("name") for field in arch.iter("field") if field.get("column_invisible") not in ("True", "1")
        ]
        for name in ("name", "code", "partner_id", "telecom_monthly_amount", "recurring_next_date", "telecom_state"):
            self.assertIn(name, columns)
        self.assertEqual(views["views"]["form"]["id"], self.env.ref("contract.contract_contract_customer_form_view").id)

    def test_monthly_amount_and_status(self):
        service = self._connect("2026-11-16")
        contract = service.contract_id
        self.assertRecordValues(contract, [{"telecom_monthly_amount": 45.0, "telecom_state": "active"}])
        phone = self._connect("2026-11-20", product=self.phone, parameters={"lines": 2})
        # The installation fees are no part of a month.
        self.assertRecordValues(contract, [{"telecom_monthly_amount": 55.0, "telecom_state": "active"}])

        # A change bills the new price from its date: the month costs the new price.
        self._change("2026-12-10", service, self.fiber_100, {"bandwidth": 100})
        self.assertEqual(contract.telecom_monthly_amount, 40.0)

        service.action_suspend()
        phone.action_suspend()
        self.assertRecordValues(contract, [{"telecom_monthly_amount": 0.0, "telecom_state": "suspended"}])
        phone.action_resume()
        self.assertRecordValues(contract, [{"telecom_monthly_amount": 10.0, "telecom_state": "active"}])

        self._disconnect("2027-01-10", phone)
        self.assertEqual(phone.state, "terminated")
        self.assertEqual(contract.telecom_state, "suspended")

        # Listed and searched by status.
        self.assertEqual(
            self.env["contract.contract"]
            .with_user(self.user_billing)
            .search([("telecom_state", "=", "suspended"), ("id", "=", contract.id)]),
            contract,
        )
