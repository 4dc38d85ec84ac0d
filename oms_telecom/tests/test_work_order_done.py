# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import OmsTelecomCase

# A signature as the signature widget saves it: a PNG image, base64-encoded.
SIGNATURE_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


@freeze_time("2030-05-06 08:00:00")
class TestWorkOrderDone(OmsTelecomCase):
    """A visit is done on site: not before its planned start, and with what was done."""

    def setUp(self):
        super().setUp()
        order = self._create_order()
        order.action_submit()
        self.visit = self._create_work_order(order, order.line_ids, planned_start="2030-05-08 09:00:00")
        self.visit.action_plan()

    def test_done_before_the_planned_start_is_refused(self):
        with self.assertRaisesRegex(UserError, "it can only be done from then on"):
            self._as_technician(self.visit).action_done("ONT installed")
        self.assertEqual(self.visit.state, "planned")
        self.assertFalse(self.visit.date_done)

    def test_done_at_the_planned_start(self):
        with freeze_time("2030-05-08 09:00:00"):
            self._as_technician(self.visit).action_done("ONT installed")
        self.assertEqual(self.visit.state, "done")
        self.assertEqual(self.visit.result, "ONT installed")

    def test_done_without_a_result_is_refused(self):
        with freeze_time("2030-05-08 11:00:00"):
            self._as_technician(self.visit).action_start()
            with self.assertRaisesRegex(UserError, "Write the result"):
                self._as_technician(self.visit).action_done()
            self.assertEqual(self.visit.state, "in_progress")
            # The result written on the form counts.
            self._as_technician(self.visit).result = "ONT installed in the hallway"
            self._as_technician(self.visit).action_done()
        self.assertEqual(self.visit.state, "done")

    def test_failure_may_come_before_the_visit(self):
        self._as_technician(self.visit).action_fail("The building is closed for works")
        self.assertEqual(self.visit.state, "failed")

    def test_customer_signature_joins_the_order_documents(self):
        technician_visit = self._as_technician(self.visit)
        with freeze_time("2030-05-08 10:00:00"):
            technician_visit.action_start()
            technician_visit.write({"result": "ONT installed", "customer_signature": SIGNATURE_PNG})
            technician_visit.action_done()
        document = self.visit.order_id.document_ids.filtered(lambda doc: doc.document_type == "signature")
        self.assertEqual(document.work_order_id, self.visit)
        self.assertEqual(document.attachment_id.mimetype, "image/png")
        self.assertEqual(document.name, f"signature-{self.visit.name.replace('/', '-')}.png")
