# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .telecom_premises import normalize_number, normalize_text

# How specific each level is: the most specific covering area wins.
COVERAGE_LEVELS = [
    ("premises", "Single Premises"),
    ("house_range", "House Number Range"),
    ("street", "Street"),
    ("postcode", "Postcode"),
    ("district", "District"),
    ("city", "City"),
    ("country", "Country"),
]
SPECIFICITY = {
    "premises": 60,
    "house_range": 50,
    "street": 40,
    "postcode": 30,
    "district": 20,
    "city": 10,
    "country": 0,
}
# What, written on an area, may bring coverage to addresses that had none.
COVERAGE_FIELDS = {
    "level",
    "country_id",
    "city",
    "district",
    "zip",
    "street",
    "house_from",
    "house_to",
    "parity",
    "premises_id",
    "active",
    "division_id",
}
# What decides which field team, hence which time zone, covers a premises.
ZONE_FIELDS = COVERAGE_FIELDS | {"sequence"}


def house_number_value(house):
    """Leading digits of a house number ('12a' -> 12), None when there are none."""
    digits = ""
    for char in house or "":
        if not char.isdigit():
            break
        digits += char
    return int(digits) if digits else None


class TelecomCoverageArea(models.Model):
    _name = "telecom.coverage.area"
    _description = "Coverage Area"
    # The offerings the areas sell are read through the registry cache by order intake.
    _inherit = "telecom.cached.config"
    _order = "specificity desc, sequence, id"

    name = fields.Char(compute="_compute_name", store=True)
    division_id = fields.Many2one("telecom.division", required=True, index=True, ondelete="cascade")
    division_kind = fields.Selection(related="division_id.kind", store=True, index=True, precompute=True)
    sequence = fields.Integer(default=10, help="Among areas of the same level, the lowest sequence wins.")
    level = fields.Selection(COVERAGE_LEVELS, required=True, default="street")
    specificity = fields.Integer(compute="_compute_keys", store=True, precompute=True)
    country_id = fields.Many2one("res.country", required=True, default=lambda self: self.env.company.country_id)
    city = fields.Char()
    district = fields.Char()
    zip = fields.Char(string="Postcode")
    street = fields.Char()
    house_from = fields.Integer(string="From No.")
    house_to = fields.Integer(string="To No.")
    parity = fields.Selection([("all", "All"), ("odd", "Odd"), ("even", "Even")], default="all", required=True)
    premises_id = fields.Many2one("telecom.premises", ondelete="cascade")
    match_key = fields.Char(
        compute="_compute_keys", store=True, precompute=True, index=True, help="What a premises is matched on."
    )
    company_id = fields.Many2one(related="division_id.company_id", store=True, index=True, precompute=True)
    active = fields.Boolean(default=True)
    product_ids = fields.Many2many(
        "product.product",
        string="Offerings Sold",
        domain=[("is_telecom_service", "=", True)],
        help="The offerings sold where this area is the most specific one (e.g. Fiber 1000 only where the "
        "access technology allows it). Empty: the whole catalogue.",
    )
    covered_lead_count = fields.Integer(compute="_compute_covered_lead_count", string="Leads Now Covered")

    def _compute_covered_lead_count(self):
        # A count only: whoever reads the area sees how many leads it brought.
        leads_sudo = self.env["telecom.coverage.lead"].sudo()
        counts = dict(leads_sudo._read_group([("covered_area_id", "in", self.ids)], ["covered_area_id"], ["__count"]))
        for area in self:
            area.covered_lead_count = counts.get(area.sudo(), 0)

    @api.depends("level", "country_id", "city", "district", "zip", "street", "premises_id")
    def _compute_keys(self):
        for area in self:
            area.specificity = SPECIFICITY[area.level]
            area.match_key = self._match_key(
                area.level,
                country=area.country_id.id,
                city=normalize_text(area.city),
                district=normalize_text(area.district),
                zip=normalize_number(area.zip),
                street=normalize_text(area.street),
                premises=area.premises_id.id,
            )

    @api.depends("level", "city", "district", "zip", "street", "house_from", "house_to", "parity", "premises_id")
    def _compute_name(self):
        levels = dict(COVERAGE_LEVELS)
        for area in self:
            detail = {
                "premises": area.premises_id.display_name,
                "house_range": f"{area.street or ''} {area.house_from or ''}–{area.house_to or ''} ({area.parity})",
                "street": f"{area.street or ''}, {area.city or ''}",
                "postcode": area.zip,
                "district": f"{area.district or ''}, {area.city or ''}",
                "city": area.city,
                "country": area.country_id.name,
            }[area.level]
            area.name = f"{levels[area.level]}: {detail or ''}"

    @api.model
    def _match_key(self, level, country, city="", district="", zip="", street="", premises=0):  # noqa: A002
        """The key a coverage area of `level` and a premises share when one covers the other."""
        if level == "premises":
            return f"p|{premises}"
        if level in ("street", "house_range"):
            return f"s|{country}|{city}|{street}"
        if level == "postcode":
            return f"z|{country}|{zip}"
        if level == "district":
            return f"d|{country}|{city}|{district}"
        if level == "city":
            return f"c|{country}|{city}"
        return f"n|{country}"

    @api.constrains("level", "city", "district", "zip", "street", "premises_id", "house_from", "house_to")
    def _check_level_fields(self):
        required = {
            "premises": ["premises_id"],
            "house_range": ["city", "street"],
            "street": ["city", "street"],
            "postcode": ["zip"],
            "district": ["city", "district"],
            "city": ["city"],
            "country": [],
        }
        for area in self:
            missing = [self._fields[name].string for name in required[area.level] if not area[name]]
            if missing:
                raise ValidationError(
                    self.env._("A coverage area of this level needs: %(fields)s.", fields=", ".join(missing))
                )
            if area.level == "house_range":
                if area.house_from <= 0 or area.house_to <= 0:
                    raise ValidationError(self.env._("A house-number range needs its first and last numbers."))
                if area.house_from > area.house_to:
                    raise ValidationError(
                        self.env._(
                            "House-number range %(start)s–%(end)s starts after it ends.",
                            start=area.house_from,
                            end=area.house_to,
                        )
                    )

    @api.constrains("match_key", "division_kind", "sequence", "house_from", "house_to", "parity", "active")
    def _check_ambiguous_overlap(self):
        """Two areas of the same kind, level and sequence covering the same premises
        would make the allocation depend on chance."""
        areas = self.filtered("active")
        if not areas:
            return
        others = (
            self.search(
                [
                    ("match_key", "in", areas.mapped("match_key")),
                    ("division_kind", "in", areas.mapped("division_kind")),
                    ("id", "not in", areas.ids),
                ]
            )
            | areas
        )
        for area in areas:
            for other in others:
                if (
                    other != area
                    and other.match_key == area.match_key
                    and other.division_kind == area.division_kind
                    and other.level == area.level
                    and other.sequence == area.sequence
                    and other.division_id != area.division_id
                    and area._overlaps(other)
                ):
                    raise ValidationError(
                        self.env._(
                            "%(area)s of %(division)s overlaps %(other)s of %(other_division)s at the same level "
                            "and sequence: give one of them another sequence.",
                            area=area.name,
                            division=area.division_id.display_name,
                            other=other.name,
                            other_division=other.division_id.display_name,
                        )
                    )

    # === CRUD METHODS ===

    @api.model_create_multi
    def create(self, vals_list):
        areas = super().create(vals_list)
        self.env["telecom.premises"]._telecom_recompute_zones(areas.country_id)
        self.env["telecom.coverage.lead"]._notice_new_coverage()
        return areas

    def write(self, vals):
        countries = self.country_id
        result = super().write(vals)
        if ZONE_FIELDS & set(vals):
            self.env["telecom.premises"]._telecom_recompute_zones(countries | self.country_id)
        if COVERAGE_FIELDS & set(vals):
            self.env["telecom.coverage.lead"]._notice_new_coverage()
        return result

    def unlink(self):
        countries = self.country_id
        result = super().unlink()
        self.env["telecom.premises"]._telecom_recompute_zones(countries)
        return result

    # === ACTION METHODS ===

    def action_open_covered_leads(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_coverage_lead_action")
        action["domain"] = [("covered_area_id", "=", self.id)]
        return action

    # === BUSINESS METHODS ===

    def _overlaps(self, other):
        if self.level != "house_range":
            return True
        if self.house_to < other.house_from or other.house_to < self.house_from:
            return False
        return "all" in (self.parity, other.parity) or self.parity == other.parity

    def _covers_house(self, house):
        """Whether a house-range area covers house number `house` (other levels always do)."""
        self.ensure_one()
        if self.level != "house_range":
            return True
        number = house_number_value(house)
        if number is None or not self.house_from <= number <= self.house_to:
            return False
        return self.parity == "all" or (number % 2 == 1) == (self.parity == "odd")

    @api.model
    def _premises_match_keys(self, premises):
        """Every key under which an area may cover `premises`."""
        country = premises.country_id.id
        city = normalize_text(premises.city)
        return [
            self._match_key("premises", country, premises=premises.id),
            self._match_key("street", country, city=city, street=premises.street_key.rsplit("|", 1)[-1]),
            self._match_key("postcode", country, zip=normalize_number(premises.zip)),
            self._match_key("district", country, city=city, district=normalize_text(premises.district)),
            self._match_key("city", country, city=city),
            self._match_key("country", country),
        ]
