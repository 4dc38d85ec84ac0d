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
        return Markup().join(Markup("<p>%s</p>") % term for term in self._default_telecom_contract_paragraphs())

    def _default_telecom_contract_paragraphs(self):
        return [
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

    def _telecom_translate_default_terms(self, lang_codes):
        """Give the default contract terms their translations in these languages;
        terms a company wrote itself are left for it to translate."""
        field = self._fields["telecom_contract_terms"]
        for company in self:
            english = company.with_context(lang="en_US")
            # The default as the field stores it (sanitized), to compare like with like.
            default_terms = field.convert_to_cache(english._default_telecom_contract_terms(), english)
            if english.telecom_contract_terms != default_terms:
                continue
            # The terms are translated paragraph by paragraph.
            paragraphs = english._default_telecom_contract_paragraphs()
            translations = {
                code: company.with_context(lang=code)._default_telecom_contract_paragraphs() for code in lang_codes
            }
            company.update_field_translations(
                "telecom_contract_terms",
                {code: dict(zip(paragraphs, translated, strict=True)) for code, translated in translations.items()},
            )
