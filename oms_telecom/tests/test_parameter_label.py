# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The labels of the services' parameters are translated through the catalogue
of parameter labels, kept in sync with the products' definitions."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import OmsTelecomCase
from .test_report import CONTRACT, pdf_text
from .test_translations import load_french

UPLINK = {
    "name": "uplink",
    "string": "Upload Speed",
    "type": "selection",
    "selection": [["10", "10 Mbit/s up"], ["50", "50 Mbit/s up"]],
}


@tagged("post_install", "-at_install")
class TestParameterLabels(OmsTelecomCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.individual.lang = "fr_FR"
        cls._translate({"Bandwidth (Mbit/s)": "Débit (Mbit/s)", "Technology": "Technologie", "Fiber": "Fibre"})

    @classmethod
    def _label(cls, source):
        return cls.env["telecom.parameter.label"].with_context(lang="en_US").search([("name", "=", source)])

    @classmethod
    def _translate(cls, translations):
        for source, french in translations.items():
            cls._label(source).update_field_translations("name", {"fr_FR": french})

    def _rows(self, lines):
        return self.env["telecom.report.parameters"]._parameter_rows(lines)[lines.id]

    def _order_line(self, partner=None, premises=None):
        order = self._create_order(
            partner=partner,
            premises=premises,
            lines=[{"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300, "technology": "fiber"}}],
            no_scenario=True,
        )
        return order.line_ids

    def test_saving_a_definition_fills_the_catalogue(self):
        Label = self.env["telecom.parameter.label"]
        before = Label.search_count([])
        self.tmpl_fiber_500.telecom_parameters_definition = [*self.tmpl_fiber_500.telecom_parameters_definition, UPLINK]
        self.assertEqual(self._label("Upload Speed").kind, "name")
        self.assertEqual(self._label("10 Mbit/s up").kind, "value")
        self.assertEqual(Label.search_count([]), before + 3)
        # Saved again, or by another product: each label is there once.
        self.tmpl_fiber_500.telecom_parameters_definition = self.tmpl_fiber_500.telecom_parameters_definition
        self.tmpl_fiber_100.telecom_parameters_definition = [UPLINK]
        self.assertEqual(Label.search_count([]), before + 3)
        # The product form edits the definition through the variant.
        self.phone.telecom_parameters_definition = [{"name": "pin", "string": "Voicemail PIN", "type": "char"}]
        self.assertTrue(self._label("Voicemail PIN"))

    def test_an_upgrade_fills_the_catalogue_from_every_product(self):
        """What the migration to the catalogue runs for a database that has products."""
        self._label("Upload Speed").unlink()
        self.tmpl_fiber_500.telecom_parameters_definition = [UPLINK]
        self._label("Upload Speed").unlink()
        self.env["telecom.parameter.label"]._telecom_sync_products()
        self.assertEqual(len(self._label("Upload Speed")), 1)
        self.assertEqual(len(self._label("Technology")), 1)

    def test_a_french_reader_reads_the_translated_labels(self):
        self.assertEqual(self._rows(self._order_line()), [("Débit (Mbit/s)", "300"), ("Technologie", "Fibre")])
        (self.company_subscriber | self.company_contact).lang = "en_US"
        english = self._order_line(self.company_contact, self.premises_office)
        self.assertEqual(self._rows(english), [("Bandwidth (Mbit/s)", "300"), ("Technology", "Fiber")])

    def test_a_new_translation_is_read_at_once(self):
        line = self._order_line()
        self.assertEqual(self._rows(line)[0][0], "Débit (Mbit/s)")
        self._label("Bandwidth (Mbit/s)").with_user(self.user_oms_manager).update_field_translations(
            "name", {"fr_FR": "Vitesse (Mbit/s)"}
        )
        self.assertEqual(self._rows(line)[0][0], "Vitesse (Mbit/s)")

    def test_a_label_left_untranslated_reads_as_written(self):
        self.tmpl_fiber_500.telecom_parameters_definition = [UPLINK]
        localized = (
            self.env["telecom.parameter.label"]
            .with_context(lang="fr_FR")
            ._telecom_localize_definitions(self.tmpl_fiber_500.telecom_parameters_definition)
        )
        self.assertEqual(localized[0]["string"], "Upload Speed")
        self.assertEqual(localized[0]["selection"][0], ["10", "10 Mbit/s up"])

    def test_the_contract_pdf_of_a_french_subscriber(self):
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())
        order = self._order_line().order_id
        order.action_submit()
        content, _format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(CONTRACT, order.ids)
        )
        text = pdf_text(content)
        self.assertIn("Débit (Mbit/s): 300", text)
        self.assertIn("Technologie: Fibre", text)
        self.assertNotIn("Bandwidth", text)

    def test_one_record_per_label(self):
        with self.assertRaises(ValidationError):
            self.env["telecom.parameter.label"].create({"name": "Technology", "kind": "name"})

    def test_staff_read_the_catalogue_and_only_managers_change_it(self):
        label = self._label("Technology")
        for user in (self.user_operator, self.user_technician):
            self.assertEqual(label.with_user(user).with_context(lang="fr_FR").name, "Technologie")
            with self.assertRaises(AccessError):
                label.with_user(user).write({"name": "Tech"})
            with self.assertRaises(AccessError):
                label.with_user(user).update_field_translations("name", {"fr_FR": "Techno"})
        label.with_user(self.user_oms_manager).update_field_translations("name", {"fr_FR": "Technologie d’accès"})
        self.assertEqual(label.with_context(lang="fr_FR").name, "Technologie d’accès")

    def test_subscribers_neither_read_nor_change_the_catalogue(self):
        label = self._label("Technology")
        with self.assertRaises(AccessError):
            label.with_user(self.user_portal).check_access("read")
        with self.assertRaises(AccessError):
            label.with_user(self.user_portal).write({"name": "Tech"})
        with self.assertRaises(AccessError):
            self.env["telecom.parameter.label"].with_user(self.user_portal).create({"name": "Tech", "kind": "name"})
        # Their own documents still show the labels, read by the system.
        line = self._order_line()
        rows = self.env["telecom.report.parameters"].with_user(self.user_portal)._parameter_rows(line.sudo())
        self.assertEqual(rows[line.id][1], ("Technologie", "Fibre"))
