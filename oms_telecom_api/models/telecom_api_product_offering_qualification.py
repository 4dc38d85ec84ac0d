# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from odoo.addons.oms_telecom.models.telecom_order import CHANNELS
from odoo.addons.oms_telecom.models.telecom_qualification import MAX_ITEMS

from ..errors import bad_request, invalid, not_found

PATH = "/productOfferingQualification/v4"
ATTRIBUTES = (
    "productOfferingQualificationDate",
    "productOfferingQualificationDateTime",
    "effectiveQualificationDate",
    "state",
    "qualificationResult",
    "instantSyncQualification",
    "provideAlternative",
    "provideOnlyAvailable",
    "provideUnavailabilityReason",
    "channel",
    "relatedParty",
    "place",
    "productOfferingQualificationItem",
)
STATE_TO_TMF = {"done": "done", "terminated_with_error": "terminatedWithError"}
STATE_FROM_TMF = {tmf: state for state, tmf in STATE_TO_TMF.items()}
# The states TMF679 knows; a synchronous qualification is never acknowledged or in progress.
TMF_STATES = ("acknowledged", "inProgress", "done", "terminatedWithError")


class TelecomApiProductOfferingQualification(models.AbstractModel):
    """TMF679 Product Offering Qualification on the qualification engine:
    productOfferingQualification <-> telecom.qualification, its items <->
    telecom.qualification.item. Answered synchronously (instantSyncQualification)."""

    _name = "telecom.api.product.offering.qualification"
    _description = "TMF679 Product Offering Qualification"
    _inherit = "telecom.api.mapping"

    # Reading

    @api.model
    def _href(self, qualification_id):
        return f"{self._base_url()}{PATH}/productOfferingQualification/{qualification_id}"

    @api.model
    def _client_domain(self, client_id):
        """An integration reads the qualifications it asked for, nobody else's."""
        return [("tmf_client_id", "=", client_id)]

    @api.model
    def _domain(self, filters, client_id):
        domain = list(self._client_domain(client_id))
        if filters.get("state"):
            states = self._split_values(filters["state"], TMF_STATES, "state")
            domain.append(("state", "in", [STATE_FROM_TMF.get(state, state) for state in states]))
        if filters.get("relatedParty.id"):
            domain.append(("partner_id", "=", self._to_int(filters["relatedParty.id"], "relatedParty.id")))
        if filters.get("channel.id"):
            channels = self._split_values(filters["channel.id"], [key for key, _label in CHANNELS], "channel.id")
            domain.append(("channel", "in", channels))
        # The date a qualification is (synchronously) made and expected: one date.
        for attribute in ("productOfferingQualificationDate", "expectedQualificationDate"):
            domain += self._date_domain("date", filters, attribute)
        return domain

    @api.model
    def _get(self, qualification_id, client_id):
        number = self.env["telecom.api.product.order"]._to_int_or_404(qualification_id)
        qualification = (
            self.env["telecom.qualification"].search([("id", "=", number), *self._client_domain(client_id)])
            if number
            else None
        )
        if not qualification:
            raise not_found("productOfferingQualification", qualification_id)
        return qualification

    @api.model
    def _to_tmf(self, qualifications, selected=None):
        wants = (lambda name: True) if selected is None else (lambda name: name in selected)
        labels = dict(CHANNELS)
        result = []
        for qualification in qualifications:
            moment = self._iso(qualification.date)
            resource = {
                "id": str(qualification.id),
                "href": self._href(qualification.id),
                "@type": "ProductOfferingQualification",
                "productOfferingQualificationDate": moment,
                "productOfferingQualificationDateTime": moment,
                "effectiveQualificationDate": moment,
                "state": STATE_TO_TMF[qualification.state],
                "qualificationResult": qualification.result,
                "instantSyncQualification": True,
                "provideAlternative": qualification.provide_alternative,
                "provideOnlyAvailable": qualification.provide_only_available,
                "provideUnavailabilityReason": qualification.provide_unavailability_reason,
                "channel": {"id": qualification.channel, "name": labels[qualification.channel], "@type": "ChannelRef"},
                "place": [self._qualification_place_to_tmf(qualification)] if wants("place") else None,
                "productOfferingQualificationItem": self._items_to_tmf(qualification)
                if wants("productOfferingQualificationItem")
                else None,
            }
            resource = self._select(resource, selected)
            # Always there, even empty: who asked, when known.
            if wants("relatedParty"):
                resource["relatedParty"] = self._qualification_party(qualification)
            if wants("productOfferingQualificationItem"):
                resource.setdefault("productOfferingQualificationItem", [])
            result.append(resource)
        return result

    @api.model
    def _qualification_place_to_tmf(self, qualification):
        """The address asked about: the premises when registered, else as given."""
        if qualification.premises_id:
            return self._place_to_tmf(qualification.premises_id)
        place = {
            "role": "installationAddress",
            "@type": "GeographicAddress",
            "name": qualification.address,
            "streetName": qualification.street,
            "streetNr": qualification.house_number or None,
            "locality": qualification.district or None,
            "city": qualification.city,
            "postcode": qualification.zip or None,
            "country": qualification.country_id.code or None,
        }
        return {key: value for key, value in place.items() if value is not None}

    @api.model
    def _qualification_party(self, qualification):
        partner = qualification.partner_id
        if not partner:
            return []
        party = {
            "id": str(partner.id),
            "name": partner.name,
            "role": "Customer",
            "@referredType": "Organization" if partner.commercial_partner_id.is_company else "Individual",
            "@type": "RelatedParty",
        }
        return [party]

    @api.model
    def _items_to_tmf(self, qualification):
        items = qualification.item_ids
        if qualification.provide_only_available:
            items = items.filtered(lambda item: item.result == "qualified")
        return [self._item_to_tmf(item, qualification) for item in items]

    @api.model
    def _offering_ref(self, product):
        return {
            "id": str(product.id),
            "name": product.display_name,
            "@type": "ProductOfferingRef",
            "@referredType": "ProductOffering",
        }

    @api.model
    def _item_to_tmf(self, item, qualification):
        resource = {
            "id": item.item_ref,
            "@type": "ProductOfferingQualificationItem",
            "state": "done",
            "qualificationItemResult": item.result,
            "productOffering": self._offering_ref(item.product_id),
            "expectedActivationDate": self._iso(item.expected_date),
        }
        if item.reason_code and qualification.provide_unavailability_reason:
            resource["eligibilityUnavailabilityReason"] = [
                {"code": item.reason_code, "label": item.reason, "@type": "EligibilityUnavailabilityReason"}
            ]
        if item.alternative_ids and qualification.provide_alternative:
            resource["alternateProductOfferingProposal"] = [
                {
                    "id": f"{item.item_ref}-{index}",
                    "alternateProductOffering": self._offering_ref(product),
                    "alternateActivationDate": self._iso(item.expected_date),
                    "@type": "AlternateProductOfferingProposal",
                }
                for index, product in enumerate(item.alternative_ids, start=1)
            ]
        return {key: value for key, value in resource.items() if value is not None}

    # Writing

    @api.model
    def _create(self, payload, client_id):
        """Qualify the items at their place and record the answer (synchronously)."""
        items = payload.get("productOfferingQualificationItem") or []
        if not items:
            raise bad_request(
                "A qualification needs at least one productOfferingQualificationItem.", code="MISSING_ITEMS"
            )
        if len(items) > MAX_ITEMS:
            raise bad_request(
                f"At most {MAX_ITEMS} productOfferingQualificationItem per qualification.", code="TOO_MANY_ITEMS"
            )
        if payload.get("instantSyncQualification") is False:
            raise invalid("Qualifications are answered synchronously: instantSyncQualification is true.")
        refs = [str(item.get("id") or index) for index, item in enumerate(items, start=1)]
        if len(set(refs)) < len(refs):
            raise invalid("Item ids must be unique within the qualification.", code="DUPLICATE_ITEM")
        products = self._qualified_offerings(items)
        premises = self._qualification_premises(items, payload.get("place"))
        partner = self.env["res.partner"].browse(self._party_vals(payload.get("relatedParty")).get("partner_id"))
        try:
            qualification = self.env["telecom.qualification"]._qualify(
                premises,
                products,
                "api",
                partner=partner,
                item_refs=refs,
                provide_alternative=payload.get("provideAlternative", True) is not False,
                provide_unavailability_reason=payload.get("provideUnavailabilityReason", True) is not False,
                provide_only_available=bool(payload.get("provideOnlyAvailable")),
            )
        except UserError as error:
            raise invalid(error.args[0], code="QUALIFICATION_REFUSED") from error
        qualification.write({"tmf_client_id": client_id})
        return qualification.with_env(self.env)

    @api.model
    def _qualified_offerings(self, items):
        """The product of each item, in the items' order (one may appear twice)."""
        offerings = self.env["telecom.api.product.order"]._offerings(items)
        products = self.env["product.product"]
        for index, item in enumerate(items, start=1):
            offering_id = (item.get("productOffering") or {}).get("id")
            if not offering_id:
                raise invalid(
                    f"Item {item.get('id') or index}: productOffering.id is required.", code="MISSING_OFFERING"
                )
            products += offerings[str(offering_id)]
        return products

    @api.model
    def _qualification_premises(self, items, places):
        """The premises of the one place of the items: registered (by id, or found by
        value whatever the spelling), or the address as given (no premises are
        created for a question)."""
        places = list(places or []) + [
            place for item in items for place in (item.get("product") or {}).get("place") or []
        ]
        if not places:
            raise invalid("Give the address to qualify as the place.", code="MISSING_PLACE")
        found = [self._qualification_place(place) for place in places]
        if len({premises.normalized_key for premises in found}) > 1:
            raise invalid("All the items of a qualification are at one place.", code="SEVERAL_PLACES")
        return found[0]

    @api.model
    def _qualification_place(self, place):
        if place.get("id") and not place.get("streetName"):
            premises = self.env["telecom.premises"].browse(self._to_int(place["id"], "place.id")).exists()
            if not premises or not premises.has_access("read"):
                raise invalid(f"Unknown place {place['id']}.", code="UNKNOWN_PLACE")
            return premises
        vals = self._place_vals(place)
        if not (vals.get("house_number") or "").strip():
            raise invalid("A place given by value needs streetName, streetNr and city.", code="INVALID_PLACE")
        return self.env["telecom.qualification"]._premises_of_address(vals)
