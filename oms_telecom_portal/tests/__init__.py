from . import test_portal_access
from . import test_portal_forms
from . import test_public_form
from . import test_tours
from . import test_portal_scenario
from . import test_tour_appointment
from . import test_portal_my_documents
