# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingAccess(BillingCase):
    def test_operators_cannot_change_prices(self):
        order = self._create_order(no_scenario=True)
        line = order.line_ids.with_user(self.user_operator)
        self.assertFalse(line.can_edit_prices)
        with self.assertRaisesRegex(AccessError, "Only Invoicing users and OMS managers"):
            line.monthly_price = 1.0
        with self.assertRaisesRegex(AccessError, "Only Invoicing users and OMS managers"):
            line.installation_fee = 0.0
        self.assertEqual((line.installation_fee, line.monthly_price), (50.0, 30.0), "nothing changed")
        with self.assertRaisesRegex(AccessError, "Only Invoicing users and OMS managers"):
            self._create_order(no_scenario=True, lines=[{"product_id": self.fiber_100.id, "monthly_price": 5.0}])
        # The catalogue price, as the order form sends it back, is accepted.
        line.write({"monthly_price": 30.0, "product_id": self.fiber_100.id})

    def test_operators_cannot_take_another_services_prices(self):
        """Prices are checked against the catalogue of the product the line gets."""
        order = self._create_order(no_scenario=True)
        line = order.line_ids.with_user(self.user_operator)
        with self.assertRaisesRegex(AccessError, "Only Invoicing users and OMS managers"):
            line.write({"product_id": self.fiber_500.id, "monthly_price": 30.0, "installation_fee": 50.0})
        self.assertEqual((line.product_id, line.monthly_price), (self.fiber_100, 30.0))
        line.write({"product_id": self.fiber_500.id})
        self.assertEqual(line._prices(), line._catalogue_prices(), "the new product's catalogue prices")

    def test_billing_users_and_managers_agree_a_price_with_a_reason(self):
        order = self._create_order(no_scenario=True)
        line = order.line_ids.with_user(self.user_billing)
        with self.assertRaisesRegex(ValidationError, "need a reason"):
            line.monthly_price = 25.0
        line.write({"monthly_price": 25.0, "price_reason": "Loyalty discount, 5 years a subscriber"})
        self.assertEqual(order.line_ids.monthly_price, 25.0)
        note = order.message_ids.filtered(lambda message: "Prices agreed" in (message.body or ""))
        self.assertIn("Loyalty discount", note.body)
        self.assertEqual(note.author_id, self.user_billing.partner_id)
        order.line_ids.with_user(self.user_oms_manager).installation_fee = 0.0
        self.assertTrue(order.line_ids.with_user(self.user_oms_manager).can_edit_prices)
        with self.assertRaisesRegex(AccessError, "Only Invoicing users and OMS managers"):
            order.line_ids.with_user(self.user_operator).price_reason = "Changed my mind"

    def test_the_agreed_price_is_billed(self):
        order = self._create_order(no_scenario=True)
        order.line_ids.with_user(self.user_billing).write(
            {"monthly_price": 25.0, "installation_fee": 0.0, "price_reason": "Fee waived for the launch"}
        )
        order.action_submit()
        self._complete_work(order)
        service = order.line_ids.service_id
        self.assertEqual(service.contract_line_ids.mapped("price_unit"), [25.0], "no fee line for a waived fee")
        self.assertIn("Agreed price: Fee waived for the launch", service.contract_line_ids.name)

    def test_operators_read_billing_but_cannot_touch_contracts(self):
        service = self._connect("2026-11-16")
        order = service.order_line_ids.order_id.with_user(self.user_operator)
        self.assertEqual(order.telecom_contract_name, service.contract_id.display_name)
        self.assertEqual(str(order.telecom_date_next_invoice), "2026-11-16")
        self.assertEqual(order.telecom_open_invoice_count, 0)
        operator_service = service.with_user(self.user_operator)
        self.assertEqual(operator_service.billing_state, "billed")
        contract_line = service.contract_line_ids[:1]
        with self.assertRaises(AccessError):
            contract_line.with_user(self.user_operator).price_unit = 1.0
        with self.assertRaises(AccessError):
            contract_line.with_user(self.user_operator).read(["price_unit"])
        with self.assertRaises(AccessError):
            operator_service.action_start_billing()
        with self.assertRaises(AccessError):
            operator_service.read(["contract_line_ids"])
        self.assertEqual(contract_line.price_unit, 45.0)

    def test_technicians_complete_work_billed_by_the_system(self):
        # The technician has no Invoicing rights; the completion bills anyway.
        service = self._connect("2026-11-16")
        self.assertTrue(service.contract_id)
        with self.assertRaises(AccessError):
            self.env["contract.contract"].with_user(self.user_technician).search([])

    def test_open_invoices_on_the_subscriber(self):
        service = self._connect("2026-11-16")
        invoice = self._invoice("2026-11-16", service.contract_id)
        invoice.action_post()
        self.individual.invalidate_recordset()
        partner = self.individual.with_user(self.user_operator)
        self.assertEqual(partner.telecom_open_invoice_count, 1)
        self.assertAlmostEqual(partner.telecom_amount_due, 102.5)
        action = self.individual.with_user(self.user_billing).action_view_telecom_invoices()
        self.assertEqual(self.env["account.move"].search(action["domain"]), invoice)
        action = service.order_line_ids.order_id.with_user(self.user_billing).action_view_telecom_contract()
        self.assertEqual(action["res_id"], service.contract_id.id)

    def test_forms_open_for_each_role(self):
        service = self._connect("2026-11-16")
        order = service.order_line_ids.order_id
        for user in (self.user_operator, self.user_billing, self.user_oms_manager):
            with self.subTest(user=user.login):
                order_form = Form(order.with_user(user))
                self.assertEqual(order_form.telecom_contract_name, service.contract_id.display_name)
                service_form = Form(service.with_user(user))
                self.assertEqual(service_form.billing_state, "billed")
                partner_form = Form(self.individual.with_user(user))
                self.assertEqual(str(partner_form.telecom_date_next_invoice), "2026-11-16")
        for user in (self.user_billing, self.user_oms_manager):
            with self.subTest(user=user.login):
                contract_form = Form(service.contract_id.with_user(user))
                self.assertEqual(len(contract_form.contract_line_ids), 2)
