# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

SUPPORT_ALIAS = "oms_telecom.mail_alias_telecom_support"


class ResConfigSettings(models.TransientModel):
    """E-mail intake: the address customers write to, whose mail opens orders."""

    _inherit = "res.config.settings"  # pylint: disable=consider-merging-classes-inherited

    telecom_support_alias_name = fields.Char(string="Support Address")
    telecom_support_alias_domain_id = fields.Many2one("mail.alias.domain", string="Support Address Domain")
    telecom_support_alias_email = fields.Char(string="Support E-mail", readonly=True)

    @api.model
    def get_values(self):
        values = super().get_values()
        alias = self.env.ref(SUPPORT_ALIAS, raise_if_not_found=False)
        values.update(
            telecom_support_alias_name=alias.alias_name if alias else False,
            telecom_support_alias_domain_id=alias.alias_domain_id.id if alias else False,
            telecom_support_alias_email=alias.alias_full_name if alias and alias.alias_domain_id else False,
        )
        return values

    def set_values(self):
        super().set_values()
        alias = self.env.ref(SUPPORT_ALIAS, raise_if_not_found=False)
        if not alias:
            return
        vals = {}
        if self.telecom_support_alias_name and alias.alias_name != self.telecom_support_alias_name:
            vals["alias_name"] = self.telecom_support_alias_name
        if alias.alias_domain_id != self.telecom_support_alias_domain_id:
            vals["alias_domain_id"] = self.telecom_support_alias_domain_id.id
        if vals:
            alias.write(vals)
