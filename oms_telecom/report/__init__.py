# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import telecom_report_parameters
from . import telecom_report_service_contract
from . import telecom_report_work_order
from . import telecom_report_order_summary
