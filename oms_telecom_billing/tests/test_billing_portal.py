# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import lxml.html
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
        # On a phone a cell hides with its heading, so each value stays under its own heading.
        table = lxml.html.fromstring(page.text).xpath("//table[.//th[@name='due_date']]")[0]
        headings, cells = table.xpath(".//thead//th"), table.xpath(".//tbody/tr[1]/td")
        self.assertEqual(len(headings), len(cells))
        self.assertEqual(
            ["d-none" in (heading.get("class") or "") for heading in headings],
            ["d-none" in (cell.get("class") or "") for cell in cells],
        )

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

    def test_portal_lists_only_the_subscribers_posted_invoices(self):
        self.company.telecom_invoice_auto_post = True
        own = self._connect("2026-11-16", partner=self.company_subscriber, product=self.fiber_100)
        other = self._connect("2026-11-16", partner=self.other_individual)
        own_invoice = self._invoice("2026-11-16", own.contract_id)
        other_invoice = other.contract_id._get_related_invoices()
        self.assertEqual([own_invoice.state, other_invoice.state], ["posted", "posted"])

        self.assertEqual(
            self.env["account.move"].with_user(self.user_portal).search([("move_type", "=", "out_invoice")]),
            own_invoice,
        )
        self.authenticate(self.user_portal.login, self.user_portal.login)
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn(own_invoice.name, page.text)
        self.assertNotIn(other_invoice.name, page.text)
        self.assertIn(own_invoice.name, self.url_open(f"/my/invoices/{own_invoice.id}").text)
        page = self.url_open(f"/my/invoices/{other_invoice.id}")
        self.assertNotIn(other_invoice.name, page.text)
        self.assertTrue(page.url.endswith("/my"), "sent back to the portal home")

    def test_portal_hides_draft_invoices(self):
        service = self._connect("2026-11-16", partner=self.company_subscriber, product=self.fiber_100)
        invoice = self._invoice("2026-11-16", service.contract_id)
        self.assertEqual(invoice.state, "draft")
        self.authenticate(self.user_portal.login, self.user_portal.login)
        self.assertFalse(self.env["account.move"].with_user(self.user_portal).search([("id", "=", invoice.id)]))
        page = self.url_open("/my/invoices")
        self.assertNotIn(f"/my/invoices/{invoice.id}", page.text)

    def test_contract_page_images_and_one_off_fee(self):
        service = self._connect(
            "2026-11-16", partner=self.company_subscriber, product=self.fiber_100, parameters={"bandwidth": 100}
        )
        contract = service.contract_id
        self.authenticate(self.user_portal.login, self.user_portal.login)
        for responsible in (self.env["res.users"], self.user_operator):
            with self.subTest(responsible=responsible.login):
                contract.user_id = responsible
                page = self.url_open(f"/my/contracts/{contract.id}")
                self.assertEqual(page.status_code, 200)
                html = lxml.html.fromstring(page.content)
                images = html.xpath("//div[@id='general_information']//img")
                self.assertEqual(len(images), 2 if responsible else 1)
                for image in images:
                    source = image.get("src")
                    if not source.startswith("data:"):
                        self.assertEqual(self.url_open(source).status_code, 200, source)

                rows = {
                    row.xpath("string(td[@name='td_name'])").strip(): row.xpath(
                        "string(td[@name='td_recurring_interval'])"
                    ).strip()
                    for row in html.xpath("//tbody[contains(@class, 'contract_tbody')]/tr")
                }
                self.assertEqual(rows[f"Installation: {service.display_name}"], "One-off")
                monthly = next(recurrence for name, recurrence in rows.items() if name.startswith(service.display_name))
                self.assertEqual(monthly, "Monthly")
                self.assertNotIn("Month(s)", page.text)
