# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import form_tools
from . import portal
from . import portal_services
from . import portal_new_order
from . import order_form
from . import portal_scenario
from . import portal_appointment
from . import portal_documents
from . import portal_my_documents
from . import mail_attachment
from . import portal_account
from . import login_language
