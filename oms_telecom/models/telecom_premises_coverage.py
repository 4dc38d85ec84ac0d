"""What the subscriber and the prospect are told about an address: is it served,
by which services, in which time zone the technician comes."""

from odoo import api, models

# Services in these states prove the network reaches the premises.
LIVE_SERVICE_STATES = ("active", "suspended")


class TelecomPremises(models.Model):
    _inherit = "telecom.premises"

    def _telecom_covering_areas(self):
        """{premises: areas of technical divisions covering it}: the network reaches
        what a field team operates. Works on new (unsaved) premises too."""
        Area = self.env["telecom.coverage.area"].sudo()
        keys = {premises: Area._premises_match_keys(premises) for premises in self}
        areas = Area.search(
            [
                ("match_key", "in", list({key for values in keys.values() for key in values})),
                ("division_kind", "=", "technical"),
                ("division_id.active", "=", True),
            ]
        )
        return {
            premises: areas.filtered(
                lambda area, premises=premises: (
                    area.match_key in keys[premises] and area._covers_house(premises.house_key)
                )
            )
            for premises in self
        }

    def _telecom_coverage(self):
        """{premises id: {"covered", "live_products", "products"}} for the premises:
        covered when a coverage area of a technical division covers them or when a
        service is live there; `products` are the catalogue services offered there."""
        areas = self._telecom_covering_areas()
        saved = self.filtered("id")
        live = self.env["telecom.subscriber.service"].sudo()
        if saved.ids:
            live = live.search([("premises_id", "in", saved.ids), ("state", "in", LIVE_SERVICE_STATES)])
        catalogue = self.env["product.product"].sudo().search(self._telecom_offered_products_domain())
        result = {}
        for premises in self:
            live_products = live.filtered(lambda service, premises=premises: service.premises_id == premises).product_id
            covered = bool(areas[premises] or live_products)
            result[premises.id] = {
                "covered": covered,
                "live_products": live_products,
                "products": catalogue if covered else catalogue.browse(),
            }
        return result

    @api.model
    def _telecom_offered_products_domain(self):
        return [
            ("is_telecom_service", "=", True),
            ("sale_ok", "=", True),
            ("company_id", "in", [False, self.env.company.id]),
        ]

    @api.model
    def _telecom_coverage_of_address(self, vals):
        """The coverage answer for an address typed in a form (premises values): the
        registered premises when it is one, else the address as typed."""
        key = self._normalize_address(vals)["normalized_key"]
        premises = self.sudo().with_context(active_test=False).search([("normalized_key", "=", key)], limit=1)
        if not premises:
            premises = self.sudo().new(vals)
        return premises._telecom_coverage()[premises.id]

    def _telecom_tz(self):
        """The premises' time zone, where appointments happen: the one of the field
        team operating them, else the company's."""
        self.ensure_one()
        areas = self._telecom_covering_areas()[self].sorted(lambda area: (-area.specificity, area.sequence, area.id))
        calendar = areas[:1].division_id.resource_calendar_id or self.env.company.resource_calendar_id
        return calendar.tz or self.env.company.partner_id.tz or "UTC"
