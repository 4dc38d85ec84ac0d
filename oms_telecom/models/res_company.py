from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    telecom_default_division_id = fields.Many2one(
        "telecom.division",
        string="Default Division",
        help="Takes the orders whose address no division covers.",
    )
