from . import test_billing_connection
from . import test_billing_change
from . import test_billing_idempotency
from . import test_billing_access
from . import test_billing_portal
from . import test_billing_performance
