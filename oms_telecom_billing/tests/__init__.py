from . import test_billing_connection
from . import test_billing_change
from . import test_billing_idempotency
from . import test_billing_access
from . import test_billing_portal
from . import test_billing_performance
from . import test_portal_model_sweep
from . import test_portal_route_sweep
