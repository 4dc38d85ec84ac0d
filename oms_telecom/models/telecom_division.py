from odoo import api, fields, models
from odoo.exceptions import ValidationError

DIVISION_KINDS = [
    ("sales", "Sales / Back Office"),
    ("technical", "Technical Department"),
    ("support", "Support"),
]


class TelecomDivision(models.Model):
    _name = "telecom.division"
    _description = "Division"
    _inherit = ["mail.thread"]
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True, tracking=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    parent_id = fields.Many2one("telecom.division", string="Parent Division", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("telecom.division", "parent_id", string="Sub-divisions")
    kind = fields.Selection(DIVISION_KINDS, required=True, default="sales", tracking=True)
    manager_id = fields.Many2one("res.users", string="Manager", tracking=True)
    member_ids = fields.Many2many("res.users", string="Members")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for division in self:
            if division.parent_id:
                division.complete_name = f"{division.parent_id.complete_name} / {division.name}"
            else:
                division.complete_name = division.name

    @api.constrains("parent_id")
    def _check_hierarchy(self):
        if self._has_cycle():
            raise ValidationError(self.env._("A division cannot be its own parent or ancestor."))
