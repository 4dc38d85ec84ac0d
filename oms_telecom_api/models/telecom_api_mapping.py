# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta, timezone

from odoo import api, models, tools
from odoo.tools import html2plaintext, plaintext2html

from ..errors import bad_request, invalid

ROOT_PATH = "/tmf-api"
# Our priorities (0 normal .. 3 critical) and TM Forum's (0 highest .. 4 lowest).
PRIORITY_TO_TMF = {"3": "0", "2": "1", "1": "2", "0": "4"}
PRIORITY_FROM_TMF = {"0": "3", "1": "2", "2": "1", "3": "0", "4": "0"}
ALWAYS_SELECTED = ("id", "href", "@type")
# What a request reads of the records it names (see _readable).
PARTY_FIELDS = ("name", "email", "commercial_partner_id", "is_company", "subscriber_account")
PLACE_FIELDS = (
    "full_address",
    "street",
    "house_number",
    "district",
    "city",
    "zip",
    "state_id",
    "country_id",
    "building",
    "flat",
)


class TelecomApiMapping(models.AbstractModel):
    """What every TM Forum resource shares: URLs, dates, places (premises),
    related parties (subscribers), attribute selection and filters."""

    _name = "telecom.api.mapping"
    _description = "TM Forum API Mapping Helpers"

    # Plain values

    @api.model
    def _base_url(self):
        return self.env["ir.config_parameter"].sudo().get_param("web.base.url", "").rstrip("/") + ROOT_PATH

    @api.model
    def _iso(self, value):
        """A TM Forum date-time (UTC, with Z) from a naive UTC datetime or a date."""
        if not value:
            return None
        if isinstance(value, datetime):
            return value.replace(microsecond=0).isoformat() + "Z"
        return datetime.combine(value, time.min).isoformat() + "Z"

    @api.model
    def _to_naive_utc(self, value):
        if value is None:
            return False
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError as error:
                raise bad_request(f"Invalid date-time: {value}", code="INVALID_VALUE") from error
        if isinstance(value, datetime):
            if value.tzinfo:
                try:
                    value = value.astimezone(timezone.utc).replace(tzinfo=None)
                except (OverflowError, ValueError) as error:
                    raise bad_request(f"Invalid date-time: {value}", code="INVALID_VALUE") from error
            return value
        if isinstance(value, date):
            return datetime.combine(value, time.min)
        raise bad_request(f"Invalid date-time: {value}", code="INVALID_VALUE")

    @api.model
    def _to_date(self, value):
        moment = self._to_naive_utc(value)
        return moment.date() if moment else False

    @api.model
    def _html_to_text(self, html):
        return html2plaintext(html).strip() if html else None

    @api.model
    def _text_to_html(self, text):
        return plaintext2html(text) if text else False

    # Attribute selection (?fields=) and filters

    @api.model
    def _parse_fields(self, value, allowed):
        """The attributes asked with ?fields=a,b (None: all of them)."""
        if not value:
            return None
        asked = {name.strip() for name in value.split(",") if name.strip()}
        unknown = asked - set(allowed) - set(ALWAYS_SELECTED)
        if unknown:
            raise bad_request(f"Unknown attribute(s) in fields: {', '.join(sorted(unknown))}", code="INVALID_FIELDS")
        return asked

    @api.model
    def _select(self, resource, selected):
        """Keep the selected attributes (and id, href, @type); drop empty ones."""
        return {
            key: value
            for key, value in resource.items()
            if value is not None and value != [] and (selected is None or key in selected or key in ALWAYS_SELECTED)
        }

    @api.model
    def _date_domain(self, field_name, filters, attribute):
        """Domain for attribute.gt/.gte/.lt/.lte filters on a date field, and
        for attribute=<date-time>: the second it names (dates are shown to the
        second, without the fraction)."""
        domain = []
        for suffix, operator in (("gt", ">"), ("gte", ">="), ("lt", "<"), ("lte", "<=")):
            value = filters.get(f"{attribute}.{suffix}")
            if value is not None:
                domain.append((field_name, operator, self._to_naive_utc(value)))
        if filters.get(attribute) is not None:
            moment = self._to_naive_utc(filters[attribute]).replace(microsecond=0)
            domain += [(field_name, ">=", moment), (field_name, "<", moment + timedelta(seconds=1))]
        return domain

    @api.model
    def _split_values(self, value, allowed, attribute):
        values = [part.strip() for part in value.split(",") if part.strip()]
        wrong = [part for part in values if part not in allowed]
        if wrong or not values:
            raise bad_request(f"Invalid {attribute}: {value}", code="INVALID_FILTER")
        return values

    # Places: premises

    @api.model
    def _place_to_tmf(self, premises, role="installationAddress"):
        if not premises:
            return None
        sub_address = {}
        if premises.building:
            sub_address["buildingName"] = premises.building
        if premises.flat:
            sub_address["subUnit"] = [{"subUnitType": "flat", "subUnitNumber": premises.flat}]
        place = {
            "id": str(premises.id),
            "role": role,
            "@type": "GeographicAddress",
            "name": premises.full_address,
            "streetName": premises.street,
            "streetNr": premises.house_number or None,
            "locality": premises.district or None,
            "city": premises.city,
            "postcode": premises.zip or None,
            "stateOrProvince": premises.state_id.name or None,
            "country": self._country_code(premises.country_id.id) or None,
            "geographicSubAddress": [sub_address] if sub_address else None,
        }
        return {key: value for key, value in place.items() if value is not None}

    @api.model
    @tools.ormcache("country_id")
    def _country_code(self, country_id):
        """The ISO code of a country (reference data, read by every order's body):
        cached; res.country clears the registry's caches when a code changes."""
        return self.env["res.country"].sudo().browse(country_id).code if country_id else False

    @api.model
    def _resolve_places(self, places):
        """Premises of each place given by reference (id) or by value (address):
        known addresses are found whatever their spelling, new ones created."""
        Premises = self.env["telecom.premises"]
        result = [None] * len(places)
        by_value, refs = [], {}
        for index, place in enumerate(places):
            if place.get("id") and not place.get("streetName"):
                refs[index] = self._to_int(place["id"], "place.id")
            else:
                by_value.append((index, self._place_vals(place)))
        if refs:
            known = self._readable(Premises, set(refs.values()), PLACE_FIELDS)
            for index, premises_id in refs.items():
                premises = known.filtered(lambda p, premises_id=premises_id: p.id == premises_id)
                if not premises:
                    raise invalid(f"Unknown place {premises_id}.", code="UNKNOWN_PLACE")
                result[index] = premises
        if by_value:
            found = Premises._find_or_create([vals for _index, vals in by_value])
            for (index, _vals), premises in zip(by_value, found, strict=True):
                result[index] = premises
        return result

    @api.model
    def _place_vals(self, place):
        street, city = place.get("streetName"), place.get("city")
        if not street or not city:
            raise invalid("A place given by value needs at least streetName and city.", code="INVALID_PLACE")
        vals = {
            "street": street,
            "house_number": place.get("streetNr") or False,
            "district": place.get("locality") or False,
            "city": city,
            "zip": place.get("postcode") or False,
        }
        country = place.get("country")
        if country:
            found = self.env["res.country"].search(
                ["|", ("code", "=ilike", country), ("name", "=ilike", country)], limit=1
            )
            if not found:
                raise invalid(f"Unknown country {country}.", code="INVALID_PLACE")
            vals["country_id"] = found.id
        else:
            vals["country_id"] = self.env.company.country_id.id
        if not vals["country_id"]:
            raise invalid("The place needs a country.", code="INVALID_PLACE")
        for sub_address in place.get("geographicSubAddress") or []:
            if sub_address.get("buildingName"):
                vals["building"] = sub_address["buildingName"]
            for unit in sub_address.get("subUnit") or []:
                if unit.get("subUnitNumber"):
                    vals["flat"] = unit["subUnitNumber"]
        return vals

    # Related parties: subscribers and prospects

    @api.model
    def _party_to_tmf(self, order):
        partner = order.partner_id
        if partner:
            commercial = partner.commercial_partner_id
            party = {
                "id": str(partner.id),
                "href": None,
                "name": partner.name,
                "role": "Customer",
                "@referredType": "Organization" if commercial.is_company else "Individual",
                "@type": "RelatedParty",
            }
            if commercial.subscriber_account:
                party["accountNumber"] = commercial.subscriber_account
            return [{key: value for key, value in party.items() if value is not None}]
        if not (order.prospect_name or order.prospect_company_name or order.prospect_email or order.prospect_phone):
            return []
        media = []
        if order.prospect_email:
            media.append({"mediumType": "email", "characteristic": {"emailAddress": order.prospect_email}})
        if order.prospect_phone:
            media.append({"mediumType": "phone", "characteristic": {"phoneNumber": order.prospect_phone}})
        company = order.subscriber_kind == "company" or bool(order.prospect_company_name)
        party = {
            # A prospect known by a contact medium only is named by it.
            "name": (order.prospect_company_name if company else False)
            or order.prospect_name
            or order.prospect_email
            or order.prospect_phone,
            "role": "Customer",
            "@referredType": "Organization" if company else "Individual",
            "@type": "RelatedParty",
        }
        if media:
            party["contactMedium"] = media
        if company and order.prospect_name:
            party["contactName"] = order.prospect_name
        return [party]

    @api.model
    def _party_vals(self, parties):
        """Order values for the customer among `parties`: a known subscriber (by id)
        or a prospect (name and contact media)."""
        customers = [party for party in parties or [] if (party.get("role") or "customer").lower() == "customer"]
        if len(customers) > 1:
            raise invalid("Give one relatedParty with the role Customer.", code="INVALID_PARTY")
        if not customers:
            return {}
        party = customers[0]
        if party.get("id"):
            partner = self._readable(
                self.env["res.partner"], self._to_int(party["id"], "relatedParty.id"), PARTY_FIELDS
            )
            if not partner:
                raise invalid(f"Unknown party {party['id']}.", code="UNKNOWN_PARTY")
            return {"partner_id": partner.id}
        if not party.get("name"):
            raise invalid("A new customer needs a name (or the id of a known one).", code="INVALID_PARTY")
        vals = {}
        company = party.get("@referredType") == "Organization"
        if company:
            vals.update(prospect_company_name=party["name"], subscriber_kind="company")
            vals["prospect_name"] = party.get("contactName") or False
        else:
            vals.update(prospect_name=party["name"], subscriber_kind="individual")
        for medium in party.get("contactMedium") or []:
            characteristic = medium.get("characteristic") or {}
            if characteristic.get("emailAddress"):
                vals["prospect_email"] = characteristic["emailAddress"]
            if characteristic.get("phoneNumber"):
                vals["prospect_phone"] = characteristic["phoneNumber"]
        return vals

    @api.model
    def _readable(self, model, ids, field_names):
        """The records of `ids` (archived ones included) the caller may read, with
        `field_names` read: one query, the record rules part of it (in the order of
        their ids: the callers look them up by id, the model's own order would only
        add joins and sorting)."""
        if not model.has_access("read"):
            return model
        ids = [ids] if isinstance(ids, int) else list(ids)
        readable = model.with_context(active_test=False).search_fetch([("id", "in", ids)], field_names, order="id")
        return readable.with_env(model.env)

    @api.model
    def _to_int(self, value, attribute):
        try:
            number = int(str(value))
        except ValueError:
            number = 0
        if number <= 0 or number > 2**31 - 1:
            raise invalid(f"Unknown {attribute} {value}.", code="UNKNOWN_REFERENCE")
        return number

    @api.model
    def _channel_to_tmf(self, order):
        labels = dict(order._fields["channel"]._description_selection(self.env))
        return [{"id": order.channel, "name": labels.get(order.channel), "@type": "ChannelRef"}]
