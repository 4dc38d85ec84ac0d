# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pydantic import Field

from .common import ChannelRef, Place, RelatedParty, TMFModel

# A request names a few offerings; a thousand is refused before anything is read.
MAX_REQUEST_ITEMS = 200


class ProductOfferingRef(TMFModel):
    id: str | None = None
    href: str | None = None
    name: str | None = None


class QualificationProduct(TMFModel):
    """The product to be: where it would be delivered."""

    place: list[Place] | None = None


class EligibilityUnavailabilityReason(TMFModel):
    code: str | None = None
    label: str | None = None


class AlternateProductOfferingProposal(TMFModel):
    id: str | None = None
    alternateActivationDate: str | None = None
    alternateProductOffering: ProductOfferingRef | None = None


class ProductOfferingQualificationItemCreate(TMFModel):
    id: str | None = Field(None, max_length=64)
    action: str | None = Field(None, description="add (the default): qualify a new product.")
    productOffering: ProductOfferingRef | None = None
    product: QualificationProduct | None = None


class ProductOfferingQualificationCreate(TMFModel):
    description: str | None = None
    instantSyncQualification: bool | None = Field(None, description="Always answered synchronously.")
    provideAlternative: bool | None = Field(None, description="Propose alternatives (default true).")
    provideOnlyAvailable: bool | None = Field(None, description="Return only the qualified items.")
    provideUnavailabilityReason: bool | None = Field(None, description="Say why (default true).")
    channel: ChannelRef | None = None
    relatedParty: list[RelatedParty] | None = None
    place: list[Place] | None = Field(None, description="The address, by reference (id) or by value.")
    productOfferingQualificationItem: list[ProductOfferingQualificationItemCreate] = Field(max_length=MAX_REQUEST_ITEMS)


class ProductOfferingQualificationItem(TMFModel):
    id: str
    state: str | None = None
    qualificationItemResult: str | None = Field(None, description="qualified, alternate or unqualified")
    productOffering: ProductOfferingRef | None = None
    expectedActivationDate: str | None = None
    eligibilityUnavailabilityReason: list[EligibilityUnavailabilityReason] | None = None
    alternateProductOfferingProposal: list[AlternateProductOfferingProposal] | None = None


class ProductOfferingQualification(TMFModel):
    id: str
    href: str
    productOfferingQualificationDate: str | None = None
    productOfferingQualificationDateTime: str | None = None
    effectiveQualificationDate: str | None = None
    state: str | None = Field(None, description="done or terminatedWithError")
    qualificationResult: str | None = None
    instantSyncQualification: bool | None = None
    provideAlternative: bool | None = None
    provideOnlyAvailable: bool | None = None
    provideUnavailabilityReason: bool | None = None
    channel: ChannelRef | None = None
    relatedParty: list[RelatedParty] | None = None
    place: list[Place] | None = None
    productOfferingQualificationItem: list[ProductOfferingQualificationItem] | None = None
