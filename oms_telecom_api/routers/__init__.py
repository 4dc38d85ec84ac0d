# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .product_order import router as product_order_router
from .trouble_ticket import router as trouble_ticket_router
from .work_order import router as work_order_router
from .product_offering_qualification import router as product_offering_qualification_router
