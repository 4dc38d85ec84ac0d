# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.tests import tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingChange(BillingCase):
    def _recurring(self, service):
        return service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "recurring").sorted(
            "date_start"
        )

    def test_change_mid_period_after_invoicing_in_advance(self):
        service = self._connect("2026-11-01", product=self.fiber_100, parameters={"bandwidth": 100})
        contract = service.contract_id
        self.assertEqual(self._lines_of(self._invoice("2026-11-01", contract))[-2][1:], (1.0, 30.0))

        change = self._change("2026-11-16", service, self.fiber_100, {"bandwidth": 300})
        old, new = self._recurring(service)
        self.assertEqual((str(old.date_end), str(old.last_date_invoiced)), ("2026-11-15", "2026-11-15"))
        self.assertRecordValues(
            new,
            [
                {
                    "date_start": service.date_billing_start.replace(day=16),
                    "date_end": False,
                    "price_unit": 30.0,
                    "telecom_order_line_id": change.line_ids.id,
                }
            ],
        )
        self.assertIn("Bandwidth (Mbit/s): 300", new.name)
        credit = service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "credit")
        self.assertEqual((credit.quantity, credit.price_unit, str(credit.date_start)), (-1.0, 15.0, "2026-11-16"))

        invoice = self._invoice("2026-11-16", contract)
        # The rest of November at the new line, the paid rest of the old one given back: same price, nothing due.
        self.assertEqual(self._lines_of(invoice), [(self.fiber_100, -1.0, -15.0), (self.fiber_100, 1.0, 15.0)])
        self.assertEqual(self._lines_of(self._invoice("2026-12-01", contract)), [(self.fiber_100, 1.0, 30.0)])

    def test_upgrade_mid_period_bills_the_price_difference(self):
        service = self._connect("2026-11-01", product=self.fiber_100, parameters={"bandwidth": 100})
        contract = service.contract_id
        self._invoice("2026-11-01", contract)

        self._change("2026-11-16", service, self.fiber_500, {"bandwidth": 1000})
        self.assertEqual(service.product_id, self.fiber_500)
        old, new = self._recurring(service)
        self.assertEqual((old.product_id, new.product_id, new.price_unit), (self.fiber_100, self.fiber_500, 45.0))
        invoice = self._invoice("2026-11-16", contract)
        self.assertEqual(self._lines_of(invoice), [(self.fiber_100, -1.0, -15.0), (self.fiber_500, 1.0, 22.5)])
        self.assertAlmostEqual(invoice.amount_untaxed, 7.5, msg="half a month of the 15.00 difference")

    def test_change_billed_in_arrears_splits_the_month(self):
        service = self._connect("2026-11-01", product=self.phone, parameters={"lines": 1})
        contract = service.contract_id
        self._change("2026-11-16", service, self.phone, {"lines": 3})
        old, new = self._recurring(service)
        self.assertEqual((str(old.date_end), old.last_date_invoiced), ("2026-11-15", False))
        self.assertFalse(service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "credit"))
        invoice = self._invoice("2026-11-30", contract)
        fee = self.env.ref("oms_telecom_billing.product_installation_fee")
        self.assertEqual(self._lines_of(invoice), [(self.phone, 1.0, 5.0), (self.phone, 1.0, 5.0), (fee, 1.0, 20.0)])

    def test_disconnection_ends_the_line(self):
        service = self._connect("2026-11-01", product=self.fiber_100, parameters={"bandwidth": 100})
        contract = service.contract_id
        self._invoice("2026-11-01", contract)

        disconnection = self._disconnect("2026-11-20", service)
        self.assertEqual(service.state, "terminated")
        line = self._recurring(service)
        self.assertEqual(str(line.date_end), "2026-11-20")
        self.assertEqual(service.billing_state, "stopped")
        credit = service.contract_line_ids.filtered(lambda line: line.telecom_billing_role == "credit")
        self.assertEqual(credit.telecom_order_line_id, disconnection.line_ids)

        # The 10 paid days after the disconnection come back as a credit note.
        refund = self._invoice("2026-11-21", contract)
        self.assertEqual(refund.move_type, "out_refund")
        self.assertAlmostEqual(refund.amount_untaxed, 10.0)
        self.assertFalse(self._invoice("2026-12-01", contract), "nothing is invoiced after the disconnection")
        self.assertFalse(self._invoice("2027-01-01", contract))

    def test_disconnection_billed_in_arrears_bills_the_last_days(self):
        service = self._connect("2026-11-01", product=self.phone, parameters={"lines": 1})
        contract = service.contract_id
        self._disconnect("2026-11-12", service)
        invoice = self._invoice("2026-11-12", contract)
        fee = self.env.ref("oms_telecom_billing.product_installation_fee")
        self.assertEqual(self._lines_of(invoice), [(self.phone, 1.0, 4.0), (fee, 1.0, 20.0)], "12 of 30 days")
        self.assertFalse(self._invoice("2026-11-30", contract))

    def test_suspension_stops_invoicing(self):
        service = self._connect("2026-11-01", product=self.fiber_100, parameters={"bandwidth": 100})
        contract = service.contract_id
        self._invoice("2026-11-01", contract)

        with freeze_time("2026-11-10"):
            service.with_user(self.user_operator).action_suspend()
        self.assertEqual(service.billing_state, "stopped")
        self.assertEqual(str(self._recurring(service).date_end), "2026-11-09")
        with freeze_time("2026-11-16"):
            service.with_user(self.user_operator).action_resume()
        old, resumed = self._recurring(service)
        self.assertEqual((str(resumed.date_start), resumed.price_unit), ("2026-11-16", 30.0))
        self.assertEqual(service.billing_state, "billed")

        # Suspended from the 10th to the 15th: those 6 paid days (6.00) come back.
        invoice = self._invoice("2026-11-16", contract)
        self.assertAlmostEqual(invoice.amount_untaxed, 6.0)
        self.assertEqual(invoice.move_type, "out_refund")
        self.assertEqual(self._lines_of(self._invoice("2026-12-01", contract)), [(self.fiber_100, 1.0, 30.0)])
