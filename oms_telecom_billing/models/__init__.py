from . import product_template
from . import contract_contract
from . import contract_line
from . import telecom_subscriber_service
from . import telecom_order_line
from . import telecom_order
from . import res_partner
