# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from pydantic import Field

from .common import ChannelRef, Note, Place, RelatedEntity, RelatedParty, TMFModel, TMFPatch


class TroubleTicketCreate(TMFModel):
    description: str = Field(min_length=1)
    severity: str = Field(description="critical, major, minor or low")
    ticketType: str = Field(description="Free classification, e.g. noService, slowService.")
    name: str | None = None
    externalId: str | None = Field(None, max_length=255)
    requestedResolutionDate: datetime | None = None
    relatedParty: list[RelatedParty] | None = None
    relatedEntity: list[RelatedEntity] | None = Field(None, description="The affected service (a Product).")
    place: list[Place] | None = Field(None, description="Extension: where the problem is, without a service.")
    note: list[Note] | None = None
    channel: ChannelRef | None = None


class TroubleTicketUpdate(TMFPatch):
    description: str | None = Field(None, min_length=1)
    severity: str | None = None
    externalId: str | None = Field(None, max_length=255)
    requestedResolutionDate: datetime | None = None
    status: str | None = Field(None, description="cancelled, or inProgress once the information is given")
    note: list[Note] | None = Field(None, description="Notes are added to the ticket.")


class TroubleTicket(TMFModel):
    id: str
    href: str
    name: str | None = None
    externalId: str | None = None
    description: str | None = None
    severity: str | None = None
    priority: str | None = None
    ticketType: str | None = None
    status: str | None = None
    statusChangeReason: str | None = None
    creationDate: str | None = None
    lastUpdate: str | None = None
    expectedResolutionDate: str | None = None
    requestedResolutionDate: str | None = None
    resolutionDate: str | None = None
    channel: ChannelRef | None = None
    relatedParty: list[RelatedParty] | None = None
    relatedEntity: list[RelatedEntity] | None = None
    place: list[Place] | None = None
