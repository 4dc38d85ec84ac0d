from . import product_product
from . import telecom_order
from . import telecom_web_form_address
from . import telecom_coverage_lookup
