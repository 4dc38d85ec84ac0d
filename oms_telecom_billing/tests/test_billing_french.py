# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a French subscriber reads of their contract: numbers written the French
way, the timeline's start in French."""

import lxml.html

from odoo import Command
from odoo.tests import HttpCase, tagged

from ..models.contract_line import format_month_share
from .common import BillingCase


@tagged("post_install", "-at_install")
class TestBillingFrench(BillingCase, HttpCase):
    invoicing_run = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["contract", "oms_telecom_billing"], ["fr_FR"], overwrite=True)
        cls.individual.lang = "fr_FR"
        cls.user_individual = cls.env["res.users"].create(
            {
                "login": "oms_test_portal_french",
                "password": "oms_test_portal_french",
                "partner_id": cls.individual.id,
                "groups_id": [Command.set(cls.env.ref("base.group_portal").ids)],
            }
        )

    def test_share_of_a_month_in_the_reader_language(self):
        french, english = self.env(context={"lang": "fr_FR"}), self.env(context={"lang": "en_US"})
        self.assertEqual(format_month_share(french, 0.4), "40")
        self.assertEqual(format_month_share(french, 11 / 31), "35,48")
        self.assertEqual(format_month_share(french, 0.125), "12,5")
        self.assertEqual(format_month_share(english, 11 / 31), "35.48")
        self.assertEqual(format_month_share(english, 1), "100")

    def test_partial_month_on_the_invoice_in_french(self):
        service = self._connect("2026-12-21")
        invoice = self._invoice("2026-12-21", service.contract_id)
        line = invoice.invoice_line_ids.filtered(lambda line: line.product_id == service.product_id)
        self.assertIn("(35,48 % du mois)", line.name)
        self.assertNotIn("35.48", line.name)

    def test_contract_start_in_the_subscriber_language(self):
        service = self._connect("2026-11-16")
        contract = service.contract_id
        self.assertEqual(contract.modification_ids.mapped("description"), ["Début de contrat"])
        self.authenticate(self.user_individual.login, self.user_individual.login)
        page = lxml.html.fromstring(self.url_open(f"/my/contracts/{contract.id}").content)
        timeline = " ".join(page.xpath("string(//section[contains(@class, 's_timeline')])").split())
        self.assertIn("Début de contrat", timeline)
        self.assertNotIn("Contract start", timeline)

    def test_contract_start_of_an_english_subscriber(self):
        self.individual.lang = "en_US"
        service = self._connect("2026-11-16")
        self.assertEqual(service.contract_id.modification_ids.mapped("description"), ["Contract start"])
