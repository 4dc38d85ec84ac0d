# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime
from typing import Literal

from pydantic import Field

from .common import ChannelRef, Characteristic, CustomerParty, OrderPrice, Place, RelatedParty, TMFModel, TMFPatch


class ProductOfferingRef(TMFModel):
    id: str = Field(description="The catalogue product (product.product id).")
    href: str | None = None
    name: str | None = None
    referred_type: str | None = Field(None, alias="@referredType")


class ProductValue(TMFModel):
    id: str | None = Field(None, description="For modify and delete: the subscriber's service.")
    href: str | None = None
    name: str | None = None
    productCharacteristic: list[Characteristic] | None = None
    place: list[Place] | None = None


class Product(ProductValue):
    startDate: str | None = Field(None, description="The day the service was activated, at its premises.")


class ProductOrderItemInput(TMFModel):
    id: str | None = Field(None, max_length=64)
    action: Literal["add", "modify", "delete", "noChange"] = "add"
    quantity: int | None = Field(None, ge=1, le=1000)
    productOffering: ProductOfferingRef | None = None
    product: ProductValue | None = None


class ProductOrderCreate(TMFModel):
    externalId: str | None = Field(None, max_length=255)
    description: str | None = None
    category: str | None = None
    priority: str | None = Field(None, description="0 (highest) to 4 (lowest)")
    requestedStartDate: datetime | None = None
    requestedCompletionDate: datetime | None = None
    notificationContact: str | None = None
    state: Literal["draft", "acknowledged"] | None = Field(
        None, description="draft keeps the order unsubmitted; by default it is acknowledged at once."
    )
    relatedParty: list[RelatedParty] | None = None
    productOrderItem: list[ProductOrderItemInput] = Field(min_length=1, max_length=200)
    channel: list[ChannelRef] | None = None
    note: list[dict] | None = None


class ProductOrderUpdate(TMFPatch):
    externalId: str | None = Field(None, max_length=255)
    description: str | None = None
    priority: str | None = None
    requestedStartDate: datetime | None = None
    state: str | None = Field(None, description="acknowledged (submit a draft) or inProgress (information given)")
    relatedParty: list[RelatedParty] | None = None
    productOrderItem: list[ProductOrderItemInput] | None = Field(None, min_length=1, max_length=200)


class ProductOrderItem(TMFModel):
    id: str = Field(description="Unique within the order.")
    action: str
    quantity: int | None = None
    state: str | None = None
    productOffering: ProductOfferingRef | None = None
    product: Product | None = None
    itemPrice: list[OrderPrice] | None = None


class ProductOrder(TMFModel):
    id: str
    href: str
    externalId: str | None = None
    description: str | None = None
    category: str | None = None
    priority: str | None = None
    state: str | None = None
    orderDate: str | None = None
    completionDate: str | None = None
    requestedStartDate: str | None = None
    expectedCompletionDate: str | None = None
    cancellationDate: str | None = None
    cancellationReason: str | None = None
    notificationContact: str | None = None
    channel: list[ChannelRef] | None = None
    relatedParty: list[CustomerParty] | None = None
    productOrderItem: list[ProductOrderItem] = Field(
        min_length=1, description="At least one: an order without items (a draft being written) is not served."
    )
    orderTotalPrice: list[OrderPrice] | None = None


class ProductOrderRef(TMFModel):
    id: str
    href: str | None = None
    referred_type: str | None = Field(None, alias="@referredType")


class CancelProductOrderCreate(TMFModel):
    productOrder: ProductOrderRef
    cancellationReason: str | None = Field(None, max_length=2000)
    requestedCancellationDate: datetime | None = None


class CancelProductOrder(TMFModel):
    id: str
    href: str
    state: str | None = None
    cancellationReason: str | None = None
    requestedCancellationDate: str | None = None
    effectiveCancellationDate: str | None = None
    creationDate: str | None = None
    productOrder: ProductOrderRef | None = None
