from . import test_product_order
from . import test_errors
from . import test_idempotency
from . import test_cancel_product_order
from . import test_trouble_ticket
from . import test_work_order
from . import test_events
from . import test_performance
