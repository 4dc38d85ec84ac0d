# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import BillingCase


class BillingTourCase(BillingCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.telecom_invoice_auto_post = True
        # The demo's contracts are due today as well: out of the way of the run.
        cls.env["contract.contract"].search([("is_telecom_contract", "=", True)]).active = False

    def _connect_acme_today(self):
        """Acme Offices Ltd (the portal user's company) connected today: due now."""
        return self._connect(
            str(self.today), partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )


@tagged("post_install", "-at_install")
class TestBillingTour(BillingTourCase):
    def test_billing_user_invoices_and_the_subscriber_sees_it(self):
        service = self._connect_acme_today()
        self._connect(str(self.today), partner=self.other_individual)
        self.start_tour("/odoo", "oms_telecom_billing_run_invoicing", login=self.user_billing.login)
        invoices = service.contract_id._get_related_invoices()
        self.assertRecordValues(invoices, [{"state": "posted", "create_uid": self.user_billing.id}])
        self.start_tour("/my", "oms_telecom_billing_portal_invoice", login=self.user_portal.login)


@tagged("post_install", "-at_install")
class TestBillingTourPhone(BillingTourCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_invoice_and_contract_pages_on_a_phone(self):
        service = self._connect_acme_today()
        invoice = self._invoice(str(self.today), service.contract_id)
        self.assertEqual(invoice.state, "posted")
        self.start_tour("/my/invoices", "oms_telecom_billing_portal_mobile", login=self.user_portal.login)


@tagged("post_install", "-at_install")
class TestPriceAgreementTour(BillingTourCase):
    @mute_logger("odoo.http")  # the refusal without a reason, shown to the user
    def test_invoicing_user_agrees_a_price_with_a_reason(self):
        order = self._create_order(no_scenario=True)
        self.start_tour(
            f"/odoo/telecom-orders/{order.id}", "oms_telecom_billing_price_agreement", login=self.user_billing.login
        )
        self.assertRecordValues(
            order.line_ids, [{"monthly_price": 29.90, "price_reason": "Loyalty: 5 years a subscriber"}]
        )
