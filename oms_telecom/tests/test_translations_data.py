# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a customer reads of the data is translated, not only the code: the
scenarios' steps, the stages (their names and the customer's description), the
catalogue (names and descriptions) and the labels of the services' parameters, as the addons' data and demo files
define them, each have a French value."""

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from .test_translations import ADDONS, load_french

# Fields of the data a customer reads (portal, e-mails, documents), by model.
CUSTOMER_DATA = {
    "telecom.scenario": ("name",),
    "telecom.scenario.step": ("name",),
    "telecom.order.stage": ("name", "description"),
    "product.template": ("name", "description_sale"),
    "telecom.parameter.label": ("name",),
}


@tagged("post_install", "-at_install")
class TestTranslatedData(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)

    def _data_records(self, model):
        """The records the addons' data and demo files define (a product by its variant too)."""
        records = self.env[model]
        models = (model, "product.product") if model == "product.template" else (model,)
        for data in self.env["ir.model.data"].search([("module", "in", ADDONS), ("model", "in", models)]):
            record = self.env[data.model].browse(data.res_id).exists()
            records |= record.product_tmpl_id if data.model == "product.product" else record
        return records

    def _without_french(self, records, field):
        """The records whose `field` has an English value and no French one."""
        if not records:
            return records
        column = SQL.identifier(field)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s AND %s->>'en_US' <> '' AND NOT %s ? 'fr_FR'",
                SQL.identifier(records._table),
                tuple(records.ids),
                column,
                column,
            )
        )
        return records.browse(row[0] for row in self.env.cr.fetchall())

    def test_the_data_a_customer_reads_has_a_french_value(self):
        problems = []
        for model, field_names in CUSTOMER_DATA.items():
            records = self._data_records(model)
            self.assertTrue(records, f"no {model} in the addons' data")
            for field_name in field_names:
                self.assertTrue(records._fields[field_name].translate, f"{model}.{field_name} is not translatable")
                problems += [
                    f"{model}.{field_name} of {record.display_name!r} has no French value"
                    for record in self._without_french(records, field_name)
                ]
        self.assertFalse(problems, "\n".join(problems) + "\n(run 'make pot', then translate)")

    def test_a_step_reads_french_where_a_french_customer_reads_it(self):
        diagnosis = self.env.ref("oms_telecom.scenario_problem_step_diagnosis")
        self.assertEqual(diagnosis.with_context(lang="fr_FR").name, "Diagnostic")
        self.assertEqual(diagnosis.with_context(lang="en_US").name, "Diagnosis")
        registration = self.env.ref("oms_telecom.scenario_problem_step_registration")
        self.assertEqual(registration.with_context(lang="fr_FR").name, "Enregistrement")

    def test_a_parameter_reads_french_where_a_french_customer_reads_it(self):
        Labels = self.env["telecom.parameter.label"].with_context(lang="fr_FR")
        fiber = self.env.ref("oms_telecom.product_fiber_100")
        french = Labels._telecom_localize_definitions(fiber.telecom_parameters_definition)
        self.assertEqual([definition["string"] for definition in french], ["Débit", "Technologie d’accès", "IPv6"])
        ip_count = self.env.ref("oms_telecom.product_static_ip").telecom_parameters_definition[:1]
        self.assertEqual(Labels._telecom_localize_definitions(ip_count)[0]["selection"][0], ["1", "1 adresse"])
