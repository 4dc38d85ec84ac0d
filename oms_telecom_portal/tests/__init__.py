# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_portal_access
from . import test_portal_forms
from . import test_public_form
from . import test_tours
from . import test_portal_scenario
from . import test_tour_appointment
from . import test_portal_my_documents
from . import test_portal_chatter_upload
from . import test_public_form_rate_limit
from . import test_tour_french
from . import test_portal_tracker
from . import test_portal_phone
from . import test_coverage_check
from . import test_coverage_rate_limit
from . import test_appointment_confirmation
from . import test_tour_coverage
from . import test_visit_change
from . import test_portal_service_activation
from . import test_portal_language
from . import test_portal_receipts
from . import test_qualification_form
from . import test_portal_parameter_labels
from . import test_portal_tracker_email
from . import test_demo_prospects
