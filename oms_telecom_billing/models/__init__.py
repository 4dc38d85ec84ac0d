# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import product_template
from . import contract_contract
from . import contract_line
from . import telecom_subscriber_service
from . import telecom_order_line
from . import telecom_order
from . import res_partner
from . import account_move
from . import ir_actions_report
