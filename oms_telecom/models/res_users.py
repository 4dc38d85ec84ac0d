# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    telecom_division_ids = fields.Many2many(
        "telecom.division", "telecom_division_member_rel", "user_id", "division_id", string="Divisions"
    )
    telecom_managed_division_ids = fields.One2many("telecom.division", "manager_id", string="Managed Divisions")
