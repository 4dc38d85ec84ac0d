# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class TMFModel(BaseModel):
    """TM Forum resources are extensible: unknown attributes are accepted."""

    model_config = ConfigDict(populate_by_name=True, extra="allow")

    type_: str | None = Field(None, alias="@type")
    base_type: str | None = Field(None, alias="@baseType")
    schema_location: str | None = Field(None, alias="@schemaLocation")


class TMFPatch(TMFModel):
    """A PATCH names only attributes it may change: anything else is refused."""

    model_config = ConfigDict(populate_by_name=True, extra="forbid")


class Error(BaseModel):
    """TMF630 error body."""

    model_config = ConfigDict(populate_by_name=True)

    code: str = Field(description="Application error code, e.g. UNKNOWN_PRODUCT_OFFERING.")
    reason: str = Field(description="Short explanation (the HTTP reason).")
    message: str | None = Field(None, description="What exactly is wrong and how to fix it.")
    status: str | None = Field(None, description="The HTTP status code.")
    type_: str | None = Field("Error", alias="@type")


class SubUnit(TMFModel):
    subUnitType: str | None = None
    subUnitNumber: str | None = None


class GeographicSubAddress(TMFModel):
    buildingName: str | None = None
    subUnit: list[SubUnit] | None = None


class Place(TMFModel):
    """A place by reference (id of known premises) or by value (GeographicAddress)."""

    id: str | None = None
    href: str | None = None
    role: str | None = None
    name: str | None = None
    streetName: str | None = None
    streetNr: str | None = None
    locality: str | None = None
    city: str | None = None
    postcode: str | None = None
    stateOrProvince: str | None = None
    country: str | None = Field(None, description="ISO 3166 alpha-2 code or name.")
    geographicSubAddress: list[GeographicSubAddress] | None = None


class MediumCharacteristic(TMFModel):
    emailAddress: str | None = None
    phoneNumber: str | None = None


class ContactMedium(TMFModel):
    mediumType: str | None = None
    characteristic: MediumCharacteristic | None = None


class RelatedParty(TMFModel):
    """The customer: a known subscriber by id, or a prospect by name and contact media."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    role: str | None = None
    referred_type: str | None = Field(None, alias="@referredType", description="Individual or Organization")
    contactName: str | None = Field(None, description="Extension: the contact person of a new organization.")
    contactMedium: list[ContactMedium] | None = Field(None, description="Extension: contact of a new customer.")
    accountNumber: str | None = None


class CustomerParty(RelatedParty):
    """The customer of a resource in a response: a subscriber by reference
    (with its id) or a prospect by value (without id, with its contact media)."""

    name: str
    role: str = Field(description="Customer")
    referred_type: str = Field(alias="@referredType", description="Individual or Organization")


class RelatedEntity(TMFModel):
    id: str
    href: str | None = None
    name: str | None = None
    role: str | None = None
    referred_type: str | None = Field(None, alias="@referredType")


class Characteristic(TMFModel):
    name: str
    value: Any = None
    valueType: str | None = None


class Note(TMFModel):
    id: str | None = None
    author: str | None = None
    date: str | None = None
    text: str | None = None


class ChannelRef(TMFModel):
    id: str | None = None
    name: str | None = None


class Money(BaseModel):
    unit: str | None = None
    value: float | None = None


class Price(BaseModel):
    dutyFreeAmount: Money | None = None


class OrderPrice(TMFModel):
    name: str | None = None
    priceType: str | None = None
    recurringChargePeriod: str | None = None
    price: Price | None = None


class EventSubscriptionInput(BaseModel):
    """Hub registration: events are POSTed to the callback URL."""

    model_config = ConfigDict(extra="allow")

    callback: str = Field(
        description="http(s) URL of a public host: each event is POSTed to <callback>/listener/<eventType>, "
        "e.g. .../listener/productOrderStateChangeEvent.",
        max_length=2000,
    )
    query: str | None = Field(None, description="e.g. eventType=ProductOrderStateChangeEvent", max_length=2000)


class EventSubscription(BaseModel):
    id: str
    callback: str
    query: str | None = None
