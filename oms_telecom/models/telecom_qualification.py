# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command, api, fields, models, tools
from odoo.exceptions import UserError

from .telecom_order import CHANNELS
from .telecom_premises import LIVE_SERVICE_STATES

QUALIFICATION_RESULTS = [
    ("qualified", "Qualified"),
    ("alternate", "Alternative Offered"),
    ("unqualified", "Not Qualified"),
]
QUALIFICATION_STATES = [("done", "Done"), ("terminated_with_error", "Terminated With Error")]
# A request names a handful of offerings: more is a mistake or an abuse.
MAX_ITEMS = 50
# How far ahead the earliest installation date is looked for.
INSTALLATION_HORIZON_DAYS = (7, 42)
# What a qualification records of its address.
ADDRESS_FIELDS = ("city", "district", "street", "house_number", "building", "flat", "zip")
# The earliest installation told is the one of the current ten minutes.
SLOT_CACHE_MINUTES = 10
# Hours of the installation visit when the offering does not say.
DEFAULT_VISIT_HOURS = 2.0


class TelecomQualification(models.Model):
    """Can these offerings be delivered at this address, and when? The one engine
    the public form, the portal, the backend, TMF622 and TMF679 ask, and the
    record of every answer given (the unserved demand it reveals).

    The answer says what can be ordered at the address, never what someone has
    there: coverage comes from the divisions' areas only; the party's own
    services count for prerequisites, nobody else's."""

    _name = "telecom.qualification"
    _description = "Product Offering Qualification"
    _order = "id desc"
    _rec_name = "name"

    name = fields.Char(compute="_compute_name")
    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    premises_id = fields.Many2one(
        "telecom.premises",
        readonly=True,
        index=True,
        ondelete="set null",
        help="The registered premises at the address, when there are: a typed address creates none.",
    )
    address = fields.Char(readonly=True, help="The address, normalised as the premises write it.")
    country_id = fields.Many2one("res.country", readonly=True)
    city = fields.Char(readonly=True, index=True)
    district = fields.Char(readonly=True)
    street = fields.Char(readonly=True, index=True)
    house_number = fields.Char(readonly=True)
    building = fields.Char(readonly=True)
    flat = fields.Char(readonly=True)
    zip = fields.Char(string="Postcode", readonly=True, index=True)
    session_key = fields.Char(
        readonly=True,
        index="btree_not_null",
        copy=False,
        groups="base.group_system",
        help="The form a visitor types in: its checks while typing are one qualification, the last one.",
    )
    channel = fields.Selection(CHANNELS, required=True, readonly=True, index=True)
    partner_id = fields.Many2one("res.partner", string="Party", readonly=True, index=True, ondelete="set null")
    state = fields.Selection(QUALIFICATION_STATES, required=True, readonly=True, default="done")
    result = fields.Selection(QUALIFICATION_RESULTS, required=True, readonly=True, index=True)
    reason = fields.Char(readonly=True, help="Why the offerings are not all qualified.")
    covered = fields.Boolean(readonly=True, help="A field team's coverage area covers the address.")
    coverage_area_id = fields.Many2one("telecom.coverage.area", readonly=True, ondelete="set null")
    division_id = fields.Many2one("telecom.division", string="Field Team", readonly=True, ondelete="set null")
    expected_date = fields.Datetime(string="Earliest Installation", readonly=True)
    offerings_chosen = fields.Boolean(
        readonly=True,
        default=True,
        help="The offerings were chosen by who asked; otherwise the whole catalogue was qualified "
        "(an address checked before choosing): demand for the address, not for each offering.",
    )
    provide_alternative = fields.Boolean(readonly=True, default=True)
    provide_unavailability_reason = fields.Boolean(readonly=True, default=True)
    provide_only_available = fields.Boolean(readonly=True)
    item_ids = fields.One2many("telecom.qualification.item", "qualification_id", string="Items", readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company
    )

    def _compute_name(self):
        for qualification in self:
            qualification.name = f"POQ-{qualification.id}" if qualification.id else ""

    # Engine

    @api.model
    def _qualify_address(self, address_vals, products, channel, partner=None, **options):
        """Qualify `products` at an address typed as premises values: the registered
        premises when it is one (whatever the spelling), else the address as typed
        (no premises are created for a question)."""
        self._check_address(address_vals)
        return self._qualify(self._premises_of_address(address_vals), products, channel, partner, **options)

    @api.model
    def _qualify_typed_address(
        self, address_vals, products, channel, partner=None, session_key=None, offerings_chosen=True
    ):
        """Qualify an address while a form is typed in: the checks of one form
        (`session_key`) are one qualification, the last one, unless a lead holds it."""
        if session_key:
            previous_sudo = self._typed_qualification_sudo(session_key)
            if previous_sudo and not self.env["telecom.coverage.lead"].sudo().search_count(
                [("qualification_id", "=", previous_sudo.id)], limit=1
            ):
                previous_sudo.unlink()
        qualification_sudo = self._qualify_address(address_vals, products, channel, partner)
        qualification_sudo.write({"session_key": session_key or False, "offerings_chosen": offerings_chosen})
        return qualification_sudo

    @api.model
    def _typed_qualification_sudo(self, session_key):
        """The last qualification of the form `session_key`, made in the last hour."""
        if not session_key:
            return self.sudo().browse()
        since = fields.Datetime.now() - timedelta(hours=1)
        return self.sudo().search([("session_key", "=", session_key), ("date", ">=", since)], limit=1)

    @api.model
    def _premises_of_address(self, address_vals):
        Premises = self.env["telecom.premises"].sudo()
        key = Premises._normalize_address(address_vals)["normalized_key"]
        # Archived premises are still the address; archived areas cover nothing.
        premises = Premises.with_context(active_test=False).search([("normalized_key", "=", key)], limit=1)
        return premises.with_context(active_test=True) or Premises.new(address_vals)

    def _address_premises(self):
        """The premises of the qualification's address: registered, or as typed (unsaved)."""
        self.ensure_one()
        if self.premises_id:
            return self.premises_id
        return self.env["telecom.premises"].sudo().new(self._address_vals())

    def _address_vals(self):
        self.ensure_one()
        vals = {name: self[name] or False for name in ADDRESS_FIELDS}
        vals["country_id"] = self.country_id.id
        return vals

    @api.model
    def _coverage_preview(self, premises, products):
        """{"covered", "products"}: what of `products` can be ordered at `premises`
        (qualified, or their alternatives), computed and not recorded."""
        if not products:
            return {"covered": bool(self._covering_area(premises)), "products": products}
        answer = self._answer(premises, products, self.env["res.partner"], with_date=False)
        deliverable = products.browse()
        for item in answer["items"]:
            if item["result"] == "qualified":
                deliverable |= item["product"]
            deliverable |= item["alternatives"]
        return {"covered": bool(answer["area"]), "products": deliverable}

    @api.model
    def _check_address(self, address_vals):
        """An address the engine can place: a street, a house number and a city."""
        missing = [
            label
            for name, label in (
                ("street", self.env._("street")),
                ("house_number", self.env._("house number")),
                ("city", self.env._("city")),
            )
            if not (address_vals.get(name) or "").strip()
        ]
        if missing or not address_vals.get("country_id"):
            raise UserError(
                self.env._(
                    "The address cannot be placed: give its %(missing)s.", missing=", ".join(missing) or "country"
                )
            )

    @api.model
    def _qualify(
        self,
        premises,
        products,
        channel,
        partner=None,
        item_refs=None,
        requested_date=None,
        provide_alternative=True,
        provide_unavailability_reason=True,
        provide_only_available=False,
        with_date=True,
    ):
        """Qualify `products` (in the order given) at `premises` and record the
        answer: a telecom.qualification (sudo) with one item per product."""
        premises.ensure_one()
        catalogue = self._catalogue()
        self._check_products(products, catalogue)
        if not premises.country_id:
            raise UserError(self.env._("The address cannot be placed: give its country."))
        partner = partner or self.env["res.partner"]
        answer = self._answer(premises, products, partner, requested_date, with_date, catalogue)
        refs = item_refs or [str(index) for index in range(1, len(products) + 1)]
        if not provide_alternative:
            for item in answer["items"]:
                if item["result"] == "alternate":
                    item.update(result="unqualified", alternatives=item["alternatives"].browse(), expected_date=False)
        vals = {
            "premises_id": premises.id or False,
            "address": premises.full_address,
            "country_id": premises.country_id.id,
            **{name: premises[name] or False for name in ADDRESS_FIELDS},
            "channel": channel,
            "partner_id": partner.id or False,
            "result": self._overall_result([item["result"] for item in answer["items"]]),
            "reason": next((item["reason"] for item in answer["items"] if item["reason"]), False),
            "covered": bool(answer["area"]),
            "coverage_area_id": answer["area"].id,
            "division_id": answer["area"].division_id.id,
            "expected_date": answer["installation_date"],
            "provide_alternative": provide_alternative,
            "provide_unavailability_reason": provide_unavailability_reason,
            "provide_only_available": provide_only_available,
            "company_id": self.env.company.id,
            "item_ids": [
                Command.create(
                    {
                        "sequence": index,
                        "item_ref": ref,
                        "product_id": item["product"].id,
                        "result": item["result"],
                        "reason_code": item["reason_code"],
                        "reason": item["reason"],
                        "alternative_ids": [Command.set(item["alternatives"].ids)],
                        "expected_date": item["expected_date"],
                    }
                )
                for index, (ref, item) in enumerate(zip(refs, answer["items"], strict=True), start=1)
            ],
        }
        return self._create_qualification_sudo(vals)

    @api.model
    def _create_qualification_sudo(self, vals):
        # Every answer is recorded, whoever asks: a visitor, a subscriber, an integration.
        qualification_sudo = self.sudo().create(vals)
        return qualification_sudo

    @api.model
    def _check_products(self, products, catalogue):
        if not products:
            raise UserError(self.env._("Name at least one offering to qualify."))
        if len(products) > MAX_ITEMS:
            raise UserError(self.env._("At most %(count)s offerings can be qualified at once.", count=MAX_ITEMS))
        unknown = products - catalogue
        if unknown:
            raise UserError(
                self.env._("Unknown offering(s): %(names)s.", names=", ".join(str(product.id) for product in unknown))
            )

    @api.model
    def _offerings_domain(self):
        return self.env["telecom.premises"]._telecom_offered_products_domain()

    @api.model
    def _catalogue(self):
        """The offerings that may be qualified (sudo)."""
        return self.env["product.product"].sudo().search(self._offerings_domain())

    @api.model
    def _overall_result(self, results):
        if all(result == "qualified" for result in results):
            return "qualified"
        if all(result == "unqualified" for result in results):
            return "unqualified"
        return "alternate"

    @api.model
    def _answer(self, premises, products, partner, requested_date=None, with_date=True, catalogue=None):
        """{"area", "installation_date", "items": [{product, result, reason_code,
        reason, alternatives, expected_date}]}: the answer, computed and not stored."""
        area = self._covering_area(premises)
        sold = self._sold_offerings(area, catalogue)
        start = self._not_before(requested_date)
        # A family asked for and sold here: the offering or its alternative brings it.
        families = set(products.mapped("telecom_family")) & set(sold.mapped("telecom_family"))
        needing = products.filtered("telecom_prerequisite_family")
        if needing and not set(needing.mapped("telecom_prerequisite_family")) <= families:
            families |= self._own_live_families(premises, partner)
        items = []
        for product in products:
            item = {
                "product": product,
                "result": "qualified",
                "reason_code": False,
                "reason": False,
                "alternatives": product.browse(),
                "expected_date": False,
            }
            if not area:
                item.update(result="unqualified", reason_code="not_covered", reason=self._reason("not_covered"))
            elif product not in sold:
                alternatives = self._alternatives(product, sold)
                item.update(
                    result="alternate" if alternatives else "unqualified",
                    reason_code="not_sold_here",
                    reason=self._reason("not_sold_here", product=product),
                    alternatives=alternatives,
                )
            elif product.telecom_prerequisite_family and product.telecom_prerequisite_family not in families:
                item.update(
                    result="unqualified",
                    reason_code="prerequisite_missing",
                    reason=self._reason("prerequisite_missing", product=product),
                )
            items.append(item)
        deliverable = [item for item in items if item["result"] != "unqualified"]
        visits = [
            item for item in deliverable if (item["alternatives"][:1] or item["product"]).telecom_needs_installation
        ]
        installation_date = False
        if with_date and visits:
            installation_date = self._earliest_installation(area.division_id, requested_date)
        if with_date:
            # Services come with the visit they need; without any visit, at once.
            for item in deliverable:
                item["expected_date"] = installation_date if visits else start
        return {"area": area, "installation_date": installation_date, "items": items}

    @api.model
    def _reason(self, code, product=None):
        family = product and dict(product._fields["telecom_prerequisite_family"]._description_selection(self.env))
        return {
            "not_covered": lambda: self.env._("The address is not covered by our network yet."),
            "not_sold_here": lambda: self.env._(
                "%(offering)s is not available at this address.", offering=product.name
            ),
            "prerequisite_missing": lambda: self.env._(
                "%(offering)s needs a service of the %(family)s family, existing or ordered with it.",
                offering=product.name,
                family=family.get(product.telecom_prerequisite_family, ""),
            ),
        }[code]()

    @api.model
    def _covering_area(self, premises):
        """The most specific coverage area of a field team covering the premises."""
        areas = premises._telecom_covering_areas()[premises]
        return areas.sorted(lambda area: (-area.specificity, area.sequence, area.id))[:1]

    @api.model
    def _sold_offerings(self, area, catalogue=None):
        """The offerings sold in `area`: its own list, else the whole catalogue."""
        if not area:
            return self.env["product.product"]
        return area.product_ids or (catalogue if catalogue is not None else self._catalogue())

    @api.model
    def _alternatives(self, product, sold):
        """Offerings of the same family sold here, nearest lower tier first, then higher ones."""
        price = product.telecom_monthly_price
        same_family = sold.filtered(
            lambda other: (
                other != product
                and other.telecom_family == product.telecom_family
                and other.telecom_audience in ("all", product.telecom_audience)
            )
        )
        return same_family.sorted(
            lambda other: (other.telecom_monthly_price > price, abs(other.telecom_monthly_price - price), other.id)
        )

    @api.model
    def _own_live_families(self, premises, partner):
        """Families of the party's own live services at the premises (never anybody else's)."""
        if not partner or not premises.id:
            return set()
        services = (
            self.env["telecom.subscriber.service"]
            .sudo()
            .search(
                [
                    ("premises_id", "=", premises.id),
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                    ("state", "in", LIVE_SERVICE_STATES),
                ]
            )
        )
        return set(services.product_id.mapped("telecom_family"))

    @api.model
    def _not_before(self, requested_date=None):
        now = fields.Datetime.now().replace(microsecond=0)
        if requested_date:
            return max(now, datetime.combine(fields.Date.to_date(requested_date), datetime.min.time()))
        return now

    @api.model
    def _earliest_installation(self, division, requested_date=None):
        """The start of the field team's first free visit from now (or the requested
        date): as of the current ten minutes, read through the registry cache, so
        that the answers of a busy web shop do not each scan the team's calendars.
        The visit itself is booked on the order, against the live calendar."""
        start = self._not_before(requested_date)
        bucket = start.replace(minute=start.minute - start.minute % SLOT_CACHE_MINUTES, second=0)
        return self._earliest_installation_from(division.id, bucket + timedelta(minutes=SLOT_CACHE_MINUTES))

    @api.model
    @tools.ormcache("division_id", "start")
    def _earliest_installation_from(self, division_id, start):
        division = self.env["telecom.division"].sudo().browse(division_id)
        Availability = self.env["telecom.availability"].sudo()
        for days in INSTALLATION_HORIZON_DAYS:
            slots = Availability._free_slots(division, start, start + timedelta(days=days), DEFAULT_VISIT_HOURS)
            if slots:
                return slots[0]["start"]
        return False

    # Orders: the one call of order intake

    @api.model
    def _check_orders(self, orders):
        """Qualify the new services of connection orders at their premises when they
        are submitted. An offering that is not sold at a covered address, or lacks
        its prerequisite, refuses the order with the reason (and the alternatives);
        an address no field team covers is accepted for a feasibility study (see
        the readme). The order records the demand itself: no qualification is
        stored, and orders no rule can refuse cost no query."""
        for order in orders.filtered(lambda order: order.order_type == "connection" and order.premises_id):
            products = order.line_ids.filtered(lambda line: line.action == "add").product_id
            if not products or not self._may_refuse(order.premises_id, products):
                continue
            # Items outside the catalogue (a one-off service set up by hand) are the operator's call.
            products = products.sudo().filtered_domain(self._offerings_domain()).with_env(self.env)
            answer = self._answer(order.premises_id, products, order.partner_id, with_date=False, catalogue=products)
            refused = [
                item
                for item in answer["items"]
                if item["result"] != "qualified" and item["reason_code"] != "not_covered"
            ]
            if refused:
                raise UserError(self._refusal_message(refused))

    @api.model
    def _may_refuse(self, premises, products):
        """Whether a rule may refuse one of `products` at `premises`: a prerequisite,
        or an area limiting its offerings that may cover the premises and lacks one."""
        if any(products.mapped("telecom_prerequisite_family")):
            return True
        limiting_keys, sold_everywhere = self._offering_limits()
        if not limiting_keys or not set(products.ids) - sold_everywhere:
            return False
        return bool(limiting_keys & set(self.env["telecom.coverage.area"]._premises_match_keys(premises)))

    @api.model
    @tools.ormcache()
    def _offering_limits(self):
        """(the match keys of the field teams' areas that limit their offerings, the
        offerings every such area sells), read through the registry cache: coverage
        areas clear it when they change."""
        areas = (
            self.env["telecom.coverage.area"]
            .sudo()
            .search([("division_kind", "=", "technical"), ("product_ids", "!=", False)])
        )
        if not areas:
            return frozenset(), frozenset()
        sold = set(areas[0].product_ids.ids)
        for area in areas[1:]:
            sold &= set(area.product_ids.ids)
        return frozenset(areas.mapped("match_key")), frozenset(sold)

    @api.model
    def _refusal_message(self, items):
        """Why these items (of an answer) cannot be ordered, with what can be ordered instead."""
        lines = []
        for item in items:
            line = item["reason"]
            if item["alternatives"]:
                line += " " + self.env._(
                    "Available instead: %(offerings)s.", offerings=", ".join(item["alternatives"].mapped("name"))
                )
            lines.append(line)
        return "\n".join(lines)
