from . import form_tools
from . import portal
from . import portal_services
from . import portal_new_order
from . import order_form
from . import portal_scenario
from . import portal_appointment
from . import portal_documents
