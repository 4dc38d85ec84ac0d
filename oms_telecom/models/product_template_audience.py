from odoo import fields, models

TELECOM_AUDIENCES = [
    ("all", "Everyone"),
    ("individual", "Private Persons"),
    ("company", "Companies"),
]


class ProductTemplate(models.Model):
    _inherit = "product.template"

    telecom_audience = fields.Selection(
        TELECOM_AUDIENCES,
        string="Offered To",
        default="all",
        required=True,
        help="Who may order the service in the portal and on the public form.",
    )
