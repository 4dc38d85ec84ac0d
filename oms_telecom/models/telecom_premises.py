# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_date, format_datetime, format_time
from odoo.tools.misc import babel_locale_parse, get_lang, posix_to_ldml

from odoo.addons.base.models.res_partner import _tz_get

# Services in these states prove the network reaches the premises.
LIVE_SERVICE_STATES = ("active", "suspended")
# Spellings that mean the same thing in a street address, folded to one word
# so that "12, Main St." and "main street 12" give the same key.
ABBREVIATIONS = {
    "st": "street",
    "str": "street",
    "ave": "avenue",
    "av": "avenue",
    "rd": "road",
    "blvd": "boulevard",
    "sq": "square",
    "ln": "lane",
    "pl": "place",
    "dr": "drive",
    "hwy": "highway",
    "pr": "prospect",
    "ul": "street",
    "ulitsa": "street",
}
FLAT_PREFIX = re.compile(r"\b(?:apt|apartment|flat|unit|fl|app|kv|room|office|of)\b\.?\s*", re.IGNORECASE)
BUILDING_PREFIX = re.compile(r"\b(?:bld|bldg|building|block|bl|korp|k)\b\.?\s*", re.IGNORECASE)
HOUSE_IN_STREET = re.compile(r"^(?P<house>\d+[a-z]?)\s+(?P<street>.+)$|^(?P<street2>.+?)\s+(?P<house2>\d+[a-z]?)$")
# A flat or building typed at the end of the street line: "Main St. 12, apt 5".
FLAT_IN_STREET = re.compile(r"[\s,]+(?:apt|apartment|flat|unit|app|kv|room)\.?\s*(?P<number>\d+\w*)\s*$", re.I)
BUILDING_IN_STREET = re.compile(r"[\s,]+(?:bld|bldg|building|block|korp)\.?\s*(?P<number>\d+\w*)\s*$", re.I)


def normalize_text(value):
    """Lower case, no punctuation, one space, known abbreviations folded."""
    words = re.sub(r"[^\w]+", " ", (value or "").lower()).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def normalize_number(value, prefix=None):
    """House, building or flat number without its label, spaces or case: '12 A' -> '12a'."""
    value = (value or "").strip()
    if prefix is not None:
        value = prefix.sub("", value)
    return re.sub(r"[^\w]+", "", value.lower())


def split_labelled_number(street, value, pattern):
    """When a flat or building was typed in the street and not in its own field, take it out."""
    street = street or ""
    match = not value and pattern.search(street)
    if not match:
        return street, value
    return street[: match.start()], match["number"]


ZIP_AND_CITY = re.compile(
    r"^(?P<zip>\d[\d\s-]{2,9}\d)\s+(?P<city>\D.*)$|^(?P<city2>\D.*?)\s+(?P<zip2>\d[\d\s-]{2,9}\d)$"
)
HOUSE_AND_STREET = re.compile(
    r"^(?P<house>\d+\s?[a-z]?)\s+(?P<street>\D.*)$|^(?P<street2>.*?\D)\s+(?P<house2>\d+\s?[a-z]?)$", re.I
)


def parse_address(text):
    """Field values of an address typed on one line, as people write it:
    'Birch Street 5, Northbridge', '12 Main St, apt 4, 55410 Northbridge',
    'Oak Avenue 14, Old Town, Northbridge'. Street first, city last, a district
    between them; flats, buildings and postcodes wherever they are."""
    parts = [part.strip() for part in (text or "").split(",") if part.strip()]
    if not parts:
        return {}
    vals = {}
    street, flat = split_labelled_number(parts[0], "", FLAT_IN_STREET)
    street, building = split_labelled_number(street, "", BUILDING_IN_STREET)
    match = HOUSE_AND_STREET.match(street.strip())
    if match:
        vals["street"] = (match["street"] or match["street2"]).strip()
        vals["house_number"] = (match["house"] or match["house2"]).replace(" ", "")
    elif any(char.isalpha() for char in street):
        vals["street"] = street.strip()
    if flat:
        vals["flat"] = flat
    if building:
        vals["building"] = building
    places = []
    for part in parts[1:]:
        if FLAT_PREFIX.match(part):
            vals["flat"] = FLAT_PREFIX.sub("", part).strip()
        elif BUILDING_PREFIX.match(part):
            vals["building"] = BUILDING_PREFIX.sub("", part).strip()
        elif (match := ZIP_AND_CITY.match(part)) and "zip" not in vals:
            vals["zip"] = (match["zip"] or match["zip2"]).strip()
            places.append((match["city"] or match["city2"]).strip())
        elif part.replace(" ", "").replace("-", "").isdigit() and "zip" not in vals:
            vals["zip"] = part
        else:
            places.append(part)
    if places:
        vals["city"] = places[-1]
    if len(places) > 1:
        vals["district"] = places[-2]
    return vals


def split_street(street, house_number):
    """When the house number was typed in the street ('Main St 12'), take it out."""
    street = normalize_text(street)
    if house_number:
        return street, normalize_number(house_number)
    match = HOUSE_IN_STREET.match(street)
    if not match:
        return street, ""
    return (match["street"] or match["street2"]), (match["house"] or match["house2"])


class TelecomPremises(models.Model):
    _name = "telecom.premises"
    _description = "Premises (service address)"
    _inherit = ["mail.thread", "telecom.system.fields.mixin"]
    _order = "city, street, house_number, flat"
    _rec_names_search = ["full_address", "normalized_key"]

    # === FIELDS ===

    country_id = fields.Many2one("res.country", required=True, default=lambda self: self.env.company.country_id)
    state_id = fields.Many2one("res.country.state", domain="[('country_id', '=?', country_id)]")
    city = fields.Char(required=True, tracking=True)
    district = fields.Char(tracking=True)
    street = fields.Char(required=True, tracking=True)
    house_number = fields.Char(tracking=True)
    building = fields.Char(help="Building, block or wing within the house number.")
    flat = fields.Char(string="Flat / Unit")
    zip = fields.Char(string="Postcode")
    latitude = fields.Float(digits=(10, 7))
    longitude = fields.Float(digits=(10, 7))
    access_notes = fields.Text(help="Entrance code, floor, who has the keys: printed on work orders.")
    full_address = fields.Char(compute="_compute_full_address", store=True, index="trigram")
    normalized_key = fields.Char(compute="_compute_normalized_key", store=True, index=True, readonly=True)
    city_key = fields.Char(compute="_compute_normalized_key", store=True, index=True)
    street_key = fields.Char(compute="_compute_normalized_key", store=True, index=True)
    house_key = fields.Char(compute="_compute_normalized_key", store=True)
    service_ids = fields.One2many("telecom.subscriber.service", "premises_id", string="Services")
    order_ids = fields.One2many("telecom.order", "premises_id", string="Orders")
    service_count = fields.Integer(compute="_compute_counts")
    order_count = fields.Integer(compute="_compute_counts")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    active = fields.Boolean(default=True)
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        compute="_compute_tz",
        store=True,
        readonly=True,
        help="Where the visits happen: the zone of the field team operating the premises, else the company's. "
        "Customers read the times of their address in it.",
    )

    _sql_constraints = [
        ("normalized_key_unique", "unique(normalized_key)", "These premises are already registered."),
    ]

    # === COMPUTE METHODS ===

    @api.depends("street", "house_number", "building", "flat", "district", "city", "zip", "country_id")
    def _compute_full_address(self):
        for premises in self:
            street = " ".join(filter(None, [premises.street, premises.house_number]))
            parts = [
                street,
                premises.building and self.env._("bld. %s", premises.building),
                premises.flat and self.env._("flat %s", premises.flat),
                premises.district,
                " ".join(filter(None, [premises.zip, premises.city])),
            ]
            premises.full_address = ", ".join(filter(None, parts))

    @api.depends("street", "house_number", "building", "flat", "city", "country_id")
    def _compute_normalized_key(self):
        for premises in self:
            key = self._normalize_address(premises._address_values())
            premises.normalized_key = key["normalized_key"]
            premises.city_key = key["city_key"]
            premises.street_key = key["street_key"]
            premises.house_key = key["house_key"]

    @api.depends("country_id", "city", "district", "zip", "street_key", "house_key")
    def _compute_tz(self):
        zones = self._telecom_lookup_zones()
        for premises in self:
            premises.tz = zones[premises]

    def _compute_counts(self):
        services = dict(
            self.env["telecom.subscriber.service"]._read_group(
                [("premises_id", "in", self.ids)], ["premises_id"], ["__count"]
            )
        )
        orders = dict(
            self.env["telecom.order"]._read_group([("premises_id", "in", self.ids)], ["premises_id"], ["__count"])
        )
        for premises in self:
            premises.service_count = services.get(premises, 0)
            premises.order_count = orders.get(premises, 0)

    def _compute_display_name(self):
        for premises in self:
            premises.display_name = premises.full_address or premises.normalized_key

    # === CONSTRAINT METHODS ===

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for premises in self:
            if not -90 <= premises.latitude <= 90 or not -180 <= premises.longitude <= 180:
                raise ValidationError(self.env._("Latitude must be within ±90° and longitude within ±180°."))

    # === CRUD METHODS ===

    @api.model
    def default_get(self, fields_list):
        """The form opened from an order's "Create and edit..." starts from what was typed."""
        defaults = super().default_get(fields_list)
        typed = self.env.context.get("default_name")
        if isinstance(typed, str):
            for field, value in parse_address(typed).items():
                if field in fields_list and not defaults.get(field):
                    defaults[field] = value
        return defaults

    @api.model
    def name_create(self, name):
        """Quick creation from a many2one: the typed address, or the premises it
        already is. An address without street or city opens the form instead."""
        vals = parse_address(name)
        if not vals.get("street") or not vals.get("city"):
            raise ValidationError(
                self.env._(
                    "Type the address as 'street and number, city' (e.g. 'Birch Street 5, Northbridge'), "
                    "or fill in the form."
                )
            )
        if self.env.context.get("default_country_id"):
            vals["country_id"] = self.env.context["default_country_id"]
        premises = self._find_or_create([vals])
        return premises.id, premises.display_name

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        keys = [self._normalize_address(vals)["normalized_key"] for vals in vals_list]
        if len(set(keys)) < len(keys):
            raise ValidationError(self.env._("The same premises appear twice in what you are creating."))
        existing = self.with_context(active_test=False).search([("normalized_key", "in", keys)])
        if existing:
            raise ValidationError(
                self.env._(
                    "These premises are already registered: %(address)s.",
                    address=", ".join(existing.mapped("display_name")),
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        if {"street", "house_number", "building", "flat", "city", "country_id"} & set(vals):
            self._check_duplicate_keys(vals)
        return super().write(vals)

    def _check_duplicate_keys(self, vals):
        """Checked before writing: the unique key would otherwise fail in SQL at flush."""
        keys = [self._normalize_address({**premises._address_values(), **vals})["normalized_key"] for premises in self]
        if len(set(keys)) < len(keys):
            raise ValidationError(self.env._("The same premises appear twice in what you are changing."))
        duplicates = self.with_context(active_test=False).search(
            [("normalized_key", "in", keys), ("id", "not in", self.ids)]
        )
        if duplicates:
            raise ValidationError(
                self.env._(
                    "These premises are already registered: %(address)s.",
                    address=", ".join(duplicates.mapped("display_name")),
                )
            )

    # === ACTION METHODS ===

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_action")
        action["domain"] = [("premises_id", "=", self.id)]
        action["context"] = {"default_premises_id": self.id}
        return action

    def action_view_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_subscriber_service_action")
        action["domain"] = [("premises_id", "=", self.id)]
        return action

    # === BUSINESS METHODS ===

    # Address keys

    def _address_values(self):
        self.ensure_one()
        return {
            "country_id": self.country_id.id,
            "city": self.city,
            "street": self.street,
            "house_number": self.house_number,
            "building": self.building,
            "flat": self.flat,
        }

    @api.model
    def _normalize_address(self, vals):
        """Normalised keys of an address given as field values.

        The key ignores district and postcode, which people often omit or get
        wrong, and identifies a premises by country, city, street, house,
        building and flat."""
        country = vals.get("country_id") or self.env.company.country_id.id or 0
        city = normalize_text(vals.get("city"))
        street, flat = split_labelled_number(vals.get("street"), vals.get("flat"), FLAT_IN_STREET)
        street, building = split_labelled_number(street, vals.get("building"), BUILDING_IN_STREET)
        street, house = split_street(street, vals.get("house_number"))
        building = normalize_number(building, BUILDING_PREFIX)
        flat = normalize_number(flat, FLAT_PREFIX)
        return {
            "city_key": f"{country}|{city}",
            "street_key": f"{country}|{city}|{street}",
            "house_key": house,
            "normalized_key": f"{country}|{city}|{street}|{house}|{building}|{flat}",
        }

    @api.model
    def _find_or_create(self, vals_list):
        """Premises for each address in vals_list, created when unknown (batched)."""
        keys = [self._normalize_address(vals)["normalized_key"] for vals in vals_list]
        found = {
            premises.normalized_key: premises
            for premises in self.with_context(active_test=False).search([("normalized_key", "in", keys)])
        }
        to_create = {}
        for key, vals in zip(keys, vals_list, strict=True):
            if key not in found and key not in to_create:
                to_create[key] = vals
        if to_create:
            for premises in self.create(list(to_create.values())):
                found[premises.normalized_key] = premises
        return self.browse([found[key].id for key in keys])

    # Coverage: what the subscriber and the prospect are told about an address (is
    # it served, by which services, in which time zone the technician comes)

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
        return self._telecom_zones()[self]

    def _telecom_zones(self):
        """{premises: its time zone} for all of self, as stored."""
        return {premises: premises.tz or self._telecom_company_tz() for premises in self}

    def _telecom_lookup_zones(self):
        """{premises: the zone of the calendar of the division whose area covers it}
        for all of self, with one search of the areas; the company's else."""
        zones = {}
        for premises, areas in self._telecom_covering_areas().items():
            area = areas.sorted(lambda area: (-area.specificity, area.sequence, area.id))[:1]
            zones[premises] = area.division_id.resource_calendar_id.tz or self._telecom_company_tz()
        return zones

    @api.model
    def _telecom_company_tz(self):
        """Where nobody covers an address: the company's zone (of its address, else
        of its working hours)."""
        company = self.env.company
        return company.partner_id.tz or company.resource_calendar_id.tz or "UTC"

    @api.model
    def _telecom_recompute_zones(self, countries=None):
        """The coverage or the field teams' hours changed: the zones of the premises
        they may concern are looked up again (when next read or flushed)."""
        domain = [("country_id", "in", countries.ids)] if countries is not None else []
        # Whoever changed the coverage or the hours, every premises concerned follows.
        premises_sudo = self.sudo().with_context(active_test=False).search(domain)
        self.env.add_to_compute(self._fields["tz"], premises_sudo)

    def _telecom_local_tz(self):
        """The zone a customer reads the premises' times in; the company's when the
        order has no premises yet."""
        return self._telecom_tz() if self else self._telecom_company_tz()

    def _telecom_local_time(self, start, end=False, dt_format=None, lang_code=None):
        """`start` (and `end`), naive UTC, as read at the premises, with the zone's
        name: '12/07/2026 10:00 – 11:00 (America/Chicago, CST)'."""
        return self._telecom_format_local_time(self._telecom_local_tz(), start, end, dt_format, lang_code)

    def _telecom_local_date(self, value, lang_code=None):
        """The day of `value` (naive UTC) at the premises, in the reader's date
        format: an evening in Chicago is not yet the next day."""
        if not value:
            return ""
        local = pytz.utc.localize(value).astimezone(pytz.timezone(self._telecom_local_tz()))
        return format_date(self.env, local.date(), lang_code=lang_code)

    @api.model
    def _telecom_format_local_time(self, tz_name, start, end=False, dt_format=None, lang_code=None):
        """`start` (and `end`), naive UTC, in the zone `tz_name`, with its name. The
        one place where the times a customer reads are formatted: pages, e-mails,
        PDFs. An end on another local day shows its date too."""
        if not start:
            return ""
        if not dt_format:
            lang = get_lang(self.env, lang_code)
            dt_format = posix_to_ldml(lang.date_format, locale=babel_locale_parse(lang.code)) + " HH:mm"
        local_start = pytz.utc.localize(start).astimezone(pytz.timezone(tz_name))
        label = format_datetime(self.env, start, tz=tz_name, dt_format=dt_format, lang_code=lang_code)
        if end:
            local_end = pytz.utc.localize(end).astimezone(pytz.timezone(tz_name))
            if local_end.date() == local_start.date():
                end_label = format_time(self.env, end, tz=tz_name, time_format="HH:mm", lang_code=lang_code)
            else:
                end_label = format_datetime(self.env, end, tz=tz_name, dt_format=dt_format, lang_code=lang_code)
            label = f"{label} – {end_label}"
        return self.env._(
            "%(time)s (%(zone)s, %(abbreviation)s)",
            time=label,
            zone=tz_name,
            abbreviation=local_start.strftime("%Z"),
        )
