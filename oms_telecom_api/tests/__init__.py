# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_product_order
from . import test_errors
from . import test_idempotency
from . import test_cancel_product_order
from . import test_trouble_ticket
from . import test_work_order
from . import test_events
from . import test_performance
from . import test_hub_callbacks
from . import test_callback_guard
from . import test_product_order_conformance
from . import test_cancel_request_access
from . import test_malformed_http
from . import test_product_order_activation
from . import test_product_order_intake
from . import test_product_offering_qualification
from . import test_product_order_receipt
from . import test_demo_api_orders
from . import test_planning_batch
from . import test_planning_addresses
from . import test_product_order_place
from . import test_product_order_offering_name
