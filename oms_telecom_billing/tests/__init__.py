# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_billing_connection
from . import test_billing_change
from . import test_billing_idempotency
from . import test_billing_access
from . import test_billing_portal
from . import test_billing_performance
from . import test_portal_model_sweep
from . import test_field_write_sweep
from . import test_portal_route_sweep
from . import test_billing_invoicing
from . import test_billing_auto_post
from . import test_billing_contract_list
from . import test_billing_taxes
from . import test_billing_tour
from . import test_contract_portal_access
from . import test_billing_activation
from . import test_billing_invoice_document
from . import test_billing_payment
from . import test_demo_billing_history
from . import test_billing_french
