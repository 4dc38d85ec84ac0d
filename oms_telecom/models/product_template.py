# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

TELECOM_FAMILIES = [
    ("internet", "Internet"),
    ("telephony", "Telephony"),
    ("tv", "TV"),
    ("ip", "IP addresses"),
    ("equipment", "Equipment"),
]
TELECOM_AUDIENCES = [
    ("all", "Everyone"),
    ("individual", "Private Persons"),
    ("company", "Companies"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    is_telecom_service = fields.Boolean(string="Telecom Service", index=True)
    telecom_family = fields.Selection(TELECOM_FAMILIES, string="Service Family")
    telecom_parameters_definition = fields.PropertiesDefinition(
        string="Technical Parameters",
        help="Parameters a subscriber service of this product carries (bandwidth, lines, IP count...), "
        "with their allowed values.",
    )
    telecom_installation_fee = fields.Monetary(string="Installation Fee", currency_field="currency_id")
    telecom_monthly_price = fields.Monetary(string="Monthly Price", currency_field="currency_id")
    telecom_needs_installation = fields.Boolean(
        string="Needs Installation",
        default=True,
        help="A connection of this service needs an installation work order at the premises.",
    )
    telecom_audience = fields.Selection(
        TELECOM_AUDIENCES,
        string="Offered To",
        default="all",
        required=True,
        help="Who may order the service in the portal and on the public form.",
    )
    telecom_prerequisite_family = fields.Selection(
        TELECOM_FAMILIES,
        string="Needs a Service of",
        help="The service is only delivered where the customer has a service of this family, "
        "or orders one with it (e.g. a static IP needs an internet access).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        if any(vals.get("telecom_parameters_definition") for vals in vals_list):
            templates._telecom_sync_parameter_labels()
        return templates

    def write(self, vals):
        result = super().write(vals)
        if vals.get("telecom_parameters_definition"):
            self._telecom_sync_parameter_labels()
        return result

    def _telecom_sync_parameter_labels(self):
        """The parameters' labels become translatable entries of the label catalogue."""
        ParameterLabel = self.env["telecom.parameter.label"]
        for template in self:
            ParameterLabel._telecom_sync_definitions(template.telecom_parameters_definition)
