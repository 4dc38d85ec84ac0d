# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A French subscriber reads the parameters of their services, and the portal's
chatter, in French."""

import lxml.html

from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.test_translations import load_french

from .common import TelecomPortalCase

FRENCH_LABELS = {
    "Bandwidth (Mbit/s)": "Débit (Mbit/s)",
    "Technology": "Technologie",
    "Fiber": "Fibre",
    "Static IP": "IP fixe",
}


@tagged("post_install", "-at_install")
class TestPortalParameterLabels(TelecomPortalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.user_subscriber.lang = "fr_FR"
        Label = cls.env["telecom.parameter.label"].with_context(lang="en_US")
        for source, french in FRENCH_LABELS.items():
            Label.search([("name", "=", source)]).update_field_translations("name", {"fr_FR": french})

    def _parameters(self, url):
        page = lxml.html.fromstring(self.url_open(url).content)
        return [
            (term.text_content().strip(), term.getnext().text_content().strip())
            for term in page.xpath("//dl[contains(@class, 'o_telecom_parameters')]/dt")
        ]

    def test_services_page_in_french(self):
        self._login(self.user_subscriber)
        self.assertEqual(
            self._parameters("/my/telecom/services"),
            [("Débit (Mbit/s)", "100"), ("Technologie", "DSL"), ("IP fixe", "Non")],
        )

    def test_change_form_in_french(self):
        self._login(self.user_subscriber)
        page = lxml.html.fromstring(self.url_open(f"/my/telecom/services/{self.service.id}/change").content)
        labels = [label.text_content().strip() for label in page.xpath("//label[starts-with(@for, 'param_')]")]
        self.assertEqual(labels, ["Débit (Mbit/s)", "Technologie", "IP fixe"])
        options = page.xpath("//select[@name='param_technology']/option/text()")
        self.assertEqual(options, ["-", "Fibre", "DSL"])

    def test_order_page_in_french(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.fiber])
        order.line_ids.parameters = {"bandwidth": 300, "technology": "fiber", "static_ip": True}
        self._login(self.user_subscriber)
        self.assertEqual(
            self._parameters(f"/my/telecom/orders/{order.id}"),
            [("Débit (Mbit/s)", "300"), ("Technologie", "Fibre"), ("IP fixe", "Oui")],
        )

    def test_an_english_reader_reads_the_labels_as_written(self):
        self.user_other.lang = "en_US"
        self._login(self.user_other)
        self.assertEqual(
            self._parameters("/my/telecom/services"),
            [("Bandwidth (Mbit/s)", "300"), ("Technology", "Fiber"), ("Static IP", "No")],
        )

    def test_tour_french_subscriber_reads_and_changes_parameters(self):
        self.start_tour(
            "/my/telecom/services", "oms_telecom_portal_french_parameters", login=self.user_subscriber.login
        )
        change = self._new_orders([("order_type", "=", "change")])
        self.assertEqual(len(change), 1)
        self.assertEqual(change.line_ids.parameters["technology"], "fiber")

    def test_the_chatter_speaks_french(self):
        """The portal's chatter is mail's component: the portal pages load its terms."""
        self._login(self.user_subscriber)
        response = self.url_open("/website/translations/test?lang=fr_FR")
        modules = response.json()["modules"]
        self.assertIn("mail", modules)
        terms = {message["id"]: message["string"] for message in modules["mail"]["messages"]}
        self.assertEqual(terms["The conversation is empty."], "La conversation est vide.")
