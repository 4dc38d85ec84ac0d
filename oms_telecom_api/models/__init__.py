# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import fastapi_endpoint
from . import ir_http
from . import product_catalogue
from . import res_lang
from . import telecom_api_client
from . import telecom_api_idempotency
from . import telecom_api_listener
from . import telecom_api_event
from . import telecom_api_delivery
from . import telecom_api_delivery_attempt
from . import telecom_api_cancel_request
from . import telecom_api_mapping
from . import telecom_api_product_order
from . import telecom_api_trouble_ticket
from . import telecom_api_work_order
from . import telecom_order
from . import telecom_order_intake
from . import telecom_order_line
from . import telecom_work_order
from . import telecom_qualification
from . import telecom_api_product_offering_qualification
