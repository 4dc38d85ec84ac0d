# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import product_product
from . import telecom_order
from . import telecom_web_form_address
from . import telecom_coverage_lookup
from . import ir_http
