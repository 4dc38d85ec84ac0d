# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TT, TmfApiCase


@tagged("post_install", "-at_install")
class TestTroubleTicket(TmfApiCase):
    def setUp(self):
        super().setUp()
        self.service = self._create_service()

    def _ticket_payload(self, **values):
        return {
            "description": "No internet since this morning",
            "severity": "major",
            "ticketType": "noService",
            "relatedEntity": [{"id": str(self.service.id), "@referredType": "Product", "role": "affectedService"}],
            **values,
        }

    def test_create_retrieve_list(self):
        response = self.api("POST", f"{TT}/troubleTicket", self._ticket_payload(externalId="CRM-7"))
        self.assertEqual(response.status_code, 201, response.text)
        ticket = response.json()
        order = self.Order.browse(int(ticket["id"]))
        self.assertEqual(order.order_type, "problem")
        self.assertEqual(order.affected_service_id, self.service)
        self.assertEqual(order.partner_id, self.individual)
        self.assertEqual(order.premises_id, self.service.premises_id)
        self.assertEqual(order.priority, "2")
        self.assertEqual(ticket["@type"], "TroubleTicket")
        self.assertEqual(ticket["status"], "acknowledged")
        self.assertEqual(ticket["severity"], "major")
        self.assertEqual(ticket["relatedEntity"][0]["id"], str(self.service.id))
        self.assertEqual(ticket["description"], "No internet since this morning")
        self.assertEqual(self.api("GET", f"{TT}/troubleTicket/{order.id}").json(), ticket)
        listed = self.api("GET", f"{TT}/troubleTicket", params={"externalId": "CRM-7", "fields": "status,severity"})
        self.assertEqual(
            listed.json(),
            [
                {
                    "id": ticket["id"],
                    "href": ticket["href"],
                    "@type": "TroubleTicket",
                    "status": "acknowledged",
                    "severity": "major",
                }
            ],
        )
        self.assertEqual(listed.headers["X-Total-Count"], "1")
        self.assertFalse(
            self.api("GET", f"{TT}/troubleTicket", params={"status": "resolved", "externalId": "CRM-7"}).json()
        )

    def test_required_attributes_and_unknown_service(self):
        self.assertError(self.api("POST", f"{TT}/troubleTicket", {"description": "x"}), 400)
        payload = self._ticket_payload(relatedEntity=[{"id": "987654", "@referredType": "Product"}])
        self.assertError(self.api("POST", f"{TT}/troubleTicket", payload), 422, "UNKNOWN_PRODUCT")
        self.assertError(self.api("POST", f"{TT}/troubleTicket", self._ticket_payload(severity="apocalyptic")), 422)
        no_place = self._ticket_payload(relatedEntity=[])
        self.assertError(self.api("POST", f"{TT}/troubleTicket", no_place), 422, "MISSING_PLACE")

    def test_patch_notes_severity_and_cancellation(self):
        ticket = self.api("POST", f"{TT}/troubleTicket", self._ticket_payload()).json()
        order = self.Order.browse(int(ticket["id"]))
        response = self.api(
            "PATCH",
            f"{TT}/troubleTicket/{ticket['id']}",
            {"severity": "critical", "note": [{"text": "Router lights are red"}]},
        )
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(order.priority, "3")
        self.assertIn("Router lights are red", "".join(order.message_ids.mapped("body")))
        self.assertError(self.api("PATCH", f"{TT}/troubleTicket/{ticket['id']}", {"status": "resolved"}), 409)
        self.assertError(self.api("PATCH", f"{TT}/troubleTicket/{ticket['id']}", {"name": "x"}), 400)
        response = self.api("PATCH", f"{TT}/troubleTicket/{ticket['id']}", {"status": "cancelled"})
        self.assertEqual(response.json()["status"], "held")
        self.assertEqual(order.state, "assessing_cancellation")

    def test_expected_resolution_is_the_order_promise(self):
        """No support division covers the address: the ticket promises no date, as the
        order's form, page and e-mails, which say when we contact the customer."""
        ticket = self.api("POST", f"{TT}/troubleTicket", self._ticket_payload()).json()
        order = self.Order.browse(int(ticket["id"]))
        self.assertFalse(order.date_expected)
        self.assertTrue(order.date_deadline, "the team still has its deadline")
        self.assertNotIn("expectedResolutionDate", ticket, "no date: none on the wire")
        self.assertEqual(order.promise_note, "We will contact you within 2 working days.")
