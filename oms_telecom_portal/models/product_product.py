# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Parameter types a subscriber may choose in the portal; the others stay as they are.
PORTAL_EDITABLE_TYPES = ("boolean", "integer", "float", "char", "date", "selection")


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def _telecom_portal_catalogue_domain(self):
        return [
            ("is_telecom_service", "=", True),
            ("sale_ok", "=", True),
            ("company_id", "in", [False, self.env.company.id]),
        ]

    @api.model
    def _telecom_portal_catalogue(self):
        """Services offered in the portal and on the public form, in sudo: subscribers
        and visitors do not read products by their own rights."""
        return self.sudo().search(self._telecom_portal_catalogue_domain())

    def _telecom_parameter_definitions(self, editable_only=False):
        """The product's parameter definitions, without separators, labelled in the reader's language."""
        self.ensure_one()
        definitions = [
            definition
            for definition in self.env["telecom.parameter.label"]._telecom_localize_definitions(
                self.telecom_parameters_definition
            )
            if definition.get("type") != "separator"
        ]
        if editable_only:
            definitions = [definition for definition in definitions if definition.get("type") in PORTAL_EDITABLE_TYPES]
        return definitions

    def _telecom_parameter_rows(self, values):
        """[(label, displayed value)] of parameter `values` ({name: value}) along the definition."""
        self.ensure_one()
        values = values or {}
        rows = []
        for definition in self._telecom_parameter_definitions():
            value = values.get(definition["name"])
            if value in (None, False, "") and definition.get("type") != "boolean":
                continue
            rows.append(
                (definition.get("string") or definition["name"], self._telecom_format_parameter(definition, value))
            )
        return rows

    def _telecom_format_parameter(self, definition, value):
        kind = definition.get("type")
        if kind == "boolean":
            return self.env._("Yes") if value else self.env._("No")
        if kind == "selection":
            return dict(definition.get("selection") or []).get(value, value)
        if kind == "tags":
            labels = {tag[0]: tag[1] for tag in definition.get("tags") or []}
            return ", ".join(labels.get(tag, tag) for tag in value or [])
        if kind in ("many2one", "many2many") and definition.get("comodel") in self.env:
            ids = value if isinstance(value, list) else [value]
            records = self.env[definition["comodel"]].browse([int(id_) for id_ in ids if id_]).exists()
            return ", ".join(records.mapped("display_name"))
        return str(value)
