from . import telecom_order_reason_wizard
from . import telecom_service_parameters_wizard
