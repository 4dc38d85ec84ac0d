# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .common import BillingCase


@tagged("post_install", "-at_install")
class TestContractPortalAccess(BillingCase, HttpCase):
    """The portal shows a telecom contract to the contacts of its subscriber, as
    they are now: following the contract gives no access of its own."""

    def setUp(self):
        super().setUp()
        # The company's contact orders: the contract is the company's.
        self.contact = self.user_portal.partner_id
        service = self._connect("2026-11-16", partner=self.contact, product=self.fiber_100)
        self.contract = service.contract_id
        self.assertEqual(self.contract.partner_id, self.company_subscriber)
        self.markers = [self.contract.name, "Test Fiber 100"]

    def _portal_contracts(self):
        return self.env["contract.contract"].with_user(self.user_portal).search([])

    def _portal_lines(self):
        return self.env["contract.line"].with_user(self.user_portal).search([])

    def test_a_contact_sees_the_companys_contract(self):
        self.assertEqual(self._portal_contracts(), self.contract)
        self.assertEqual(self._portal_lines(), self.contract.contract_line_ids)
        self.authenticate(self.user_portal.login, self.user_portal.login)
        listing = self.url_open("/my/contracts")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(self.contract.name, listing.text)
        page = self.url_open(f"/my/contracts/{self.contract.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        for marker in self.markers:
            self.assertIn(marker, page.text)

    def test_ordering_does_not_make_the_contact_follow_it(self):
        self.assertIn(self.company_subscriber, self.contract.message_partner_ids)
        self.assertNotIn(self.contact, self.contract.message_partner_ids)

    def test_a_former_contact_no_longer_sees_it(self):
        """Not even one who follows the contract (as contacts who ordered used to)."""
        self.contract.message_subscribe(partner_ids=self.contact.ids)
        self.contact.parent_id = False
        self.assertFalse(self._portal_contracts())
        self.assertFalse(self._portal_lines())
        contract = self.contract.with_user(self.user_portal)
        with self.assertRaises(AccessError):
            contract.read(["name"])
        with self.assertRaises(AccessError):
            self.contract.contract_line_ids.with_user(self.user_portal).read(["name", "price_unit"])

        self.authenticate(self.user_portal.login, self.user_portal.login)
        listing = self.url_open("/my/contracts")
        self.assertNotIn(self.contract.name, listing.text)
        self.assertNotIn(f"/my/contracts/{self.contract.id}", listing.text)
        page = self.url_open(f"/my/contracts/{self.contract.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.assertTrue(page.headers["Location"].endswith("/my"), page.headers["Location"])
        for marker in self.markers:
            self.assertNotIn(marker, page.text)

    def test_followers_still_see_other_contracts(self):
        """OCA contract's portal rule stands for the contracts that are not telecom ones."""
        other = self.env["contract.contract"].create({"name": "Test Maintenance", "partner_id": self.individual.id})
        other.message_subscribe(partner_ids=self.contact.ids)
        self.contact.parent_id = False
        self.assertEqual(self._portal_contracts(), other)
