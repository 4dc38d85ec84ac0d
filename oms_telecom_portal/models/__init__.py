from . import product_product
from . import telecom_order
