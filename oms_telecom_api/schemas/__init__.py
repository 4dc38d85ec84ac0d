# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import Error, EventSubscription, EventSubscriptionInput, Note, RelatedParty, Place
from .product_order import (
    CancelProductOrder,
    CancelProductOrderCreate,
    ProductOrder,
    ProductOrderCreate,
    ProductOrderUpdate,
)
from .trouble_ticket import TroubleTicket, TroubleTicketCreate, TroubleTicketUpdate
from .work_order import WorkOrder, WorkOrderUpdate
from .product_offering_qualification import ProductOfferingQualification, ProductOfferingQualificationCreate
