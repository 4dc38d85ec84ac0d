# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    telecom_default_division_id = fields.Many2one(
        "telecom.division",
        string="Default Division",
        help="Takes the orders whose address no division covers.",
    )
    telecom_contract_terms = fields.Html(
        string="Service Contract Terms",
        translate=True,
        default=lambda self: self._default_telecom_contract_terms(),
        help="Printed on the service contracts, in the subscriber's language.",
    )

    def _default_telecom_contract_terms(self):
        terms = [
            self.env._(
                "The provider supplies the services listed above at the premises of this contract from the start "
                "date. Monthly prices are invoiced in advance; the installation fee is invoiced once, after the "
                "installation."
            ),
            self.env._(
                "The subscriber gives the technicians access to the premises at the agreed time and keeps the "
                "provider's equipment in good condition; rented equipment is returned when the contract ends."
            ),
            self.env._(
                "The contract runs for an indefinite period. Either party may end it with one month's written notice."
            ),
        ]
        return Markup().join(Markup("<p>%s</p>") % term for term in terms)
