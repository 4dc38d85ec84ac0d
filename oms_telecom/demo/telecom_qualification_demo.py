# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomQualification(models.Model):
    _inherit = "telecom.qualification"

    @api.model
    def _demo_qualify(self, address_vals, product_xmlids, channel, lead=None):
        """A prospect's question, answered by the engine as on the public form
        (and their contact details left when the address is not covered)."""
        products = self.env["product.product"].concat(
            *(self.env.ref(xmlid).product_variant_id for xmlid in product_xmlids)
        )
        qualification = self._qualify_address(address_vals, products, channel)
        if lead and not qualification.covered:
            self.env["telecom.coverage.lead"]._create_from_qualification_sudo(qualification, *lead)
        return qualification.id
