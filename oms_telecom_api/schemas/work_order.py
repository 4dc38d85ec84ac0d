# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pydantic import Field

from .common import Note, Place, RelatedEntity, RelatedParty, TMFModel, TMFPatch


class WorkOrderUpdate(TMFPatch):
    state: str | None = Field(None, description="inProgress, completed or failed")
    note: list[Note] | None = Field(None, description="The result reported with completed or failed.")


class WorkOrder(TMFModel):
    id: str
    href: str
    name: str | None = None
    category: str | None = None
    state: str | None = None
    description: str | None = None
    requestedStartDate: str | None = None
    expectedCompletionDate: str | None = None
    completionDate: str | None = None
    place: list[Place] | None = None
    relatedEntity: list[RelatedEntity] | None = None
    relatedParty: list[RelatedParty] | None = None
    note: list[Note] | None = None
