from freezegun import freeze_time

from odoo.tests import HttpCase, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingPortal(BillingCase, HttpCase):
    def test_subscriber_sees_contract_and_invoices(self):
        # The portal user is a contact of the company subscriber.
        service = self._connect(
            "2026-11-16", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        contract = service.contract_id
        invoice = self._invoice("2026-11-16", contract)
        with freeze_time("2026-11-16"):
            invoice.action_post()
        other = self._connect("2026-11-16", partner=self.other_individual)

        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = self.url_open("/my/contracts")
        self.assertEqual(page.status_code, 200)
        self.assertIn(contract.name, page.text)
        self.assertNotIn(other.contract_id.name, page.text)
        page = self.url_open(f"/my/contracts/{contract.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Test Fiber 100", page.text)
        self.assertNotIn("Test Fiber 500", self.url_open(f"/my/contracts/{other.contract_id.id}").text)

        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.name, page.text)

    def test_subscriber_tour(self):
        service = self._connect(
            "2026-11-16", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        invoice = self._invoice("2026-11-16", service.contract_id)
        with freeze_time("2026-11-16"):
            invoice.action_post()
        # Half of November (15.00) and the installation fee (50.00).
        self.assertAlmostEqual(invoice.amount_total, 65.0)
        self.start_tour("/my", "oms_telecom_billing_portal", login=self.user_portal.login)
