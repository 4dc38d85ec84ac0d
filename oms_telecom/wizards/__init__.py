# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import telecom_order_reason_wizard
from . import telecom_service_parameters_wizard
from . import telecom_slot_booking_wizard
from . import telecom_document_upload_wizard
from . import telecom_document_generate_wizard
from . import telecom_work_order_print_wizard
