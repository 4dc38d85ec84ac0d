# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.common import create_utc_calendar

from .common import TelecomPortalCase

# The smallest PNG and a text file that pretends to be a PDF.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
NOT_A_PDF = b"Just some words, not a PDF at all.\n"


class TelecomPortalScenarioCase(TelecomPortalCase):
    """A technical division with a technician working every day, so that free
    slots exist whenever the tests run."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = create_utc_calendar(cls.env, "Portal test: every day (UTC)", days=7)
        cls.user_technician = cls.env["res.users"].create(
            {
                "name": "Tina Portal Technician",
                "login": "oms_portal_technician",
                "groups_id": [Command.set(cls.env.ref("oms_telecom.group_oms_technician").ids)],
            }
        )
        cls.env["resource.resource"].create(
            {"name": "Tina", "user_id": cls.user_technician.id, "calendar_id": cls.calendar.id, "tz": "UTC"}
        )
        cls.division_technical = cls.env["telecom.division"].create(
            {
                "name": "Portal Test Technicians",
                "kind": "technical",
                "resource_calendar_id": cls.calendar.id,
                "member_ids": [Command.set(cls.user_technician.ids)],
            }
        )
        cls.env["telecom.coverage.area"].create(
            {
                "division_id": cls.division_technical.id,
                "level": "city",
                "city": "Testville",
                "country_id": cls.country.id,
            }
        )

    def _order_waiting_for_appointment(self, partner=None, premises=None):
        order = self._create_order(partner or self.subscriber, premises or self.premises_home, [self.fiber])
        self.assertTrue(order.scenario_id, "the connection scenario applies")
        order.action_next_step()
        self.assertTrue(order.can_book_slot, "the installation waits for an appointment")
        return order


@tagged("post_install", "-at_install")
class TestPortalScenario(TelecomPortalScenarioCase):
    # Progress tracker

    def test_progress_follows_the_scenario(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.fiber])
        steps = order.scenario_id.step_ids
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn(f'data-status="current" data-state="{order.state}"', page)
        self.assertIn(order.current_order_step_id.name, page)
        # Installation, activation (line repair is a branch), then the completion.
        self.assertEqual(page.count("o_telecom_progress_next"), len(steps) - 1)
        self.assertIn('data-status="next" data-state="completed"', page)

        order.action_next_step()
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertEqual(page.count("o_telecom_progress_done"), 1)
        self.assertIn("Done on", page)
        self.assertIn("Expected by", page, "the installation has a deadline")

    def test_progress_without_scenario_keeps_the_stages(self):
        order = self._create_order(self.subscriber, self.premises_home, [self.phone], no_scenario=True)
        self.assertFalse(order.scenario_id)
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn('data-status="current" data-state="acknowledged"', page)
        self.assertNotIn("Expected by", page)

    # Appointment

    def test_book_an_appointment(self):
        order = self._order_waiting_for_appointment()
        work_orders = order._scenario_work_orders_to_book()
        slot = order._get_technician_slots()[0]
        key = f"{fields.Datetime.to_string(slot['start'])}|{slot['technician_id']}"
        url = f"/my/telecom/orders/{order.id}/appointment"

        # Not the other subscriber's order.
        self._login(self.user_other)
        self.assertRedirectsTo(self.url_open(url, allow_redirects=False), "/my")
        self.assertRedirectsTo(self._post(url, {"slot": key}), "/my")
        self.assertEqual(set(work_orders.mapped("state")), {"draft"})

        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn("o_telecom_book_slot", page)
        page = self.url_open(url).text
        self.assertIn(f'value="{key}"', page)

        # A time that was not offered is refused.
        response = self._post(url, {"slot": f"2001-01-01 08:00:00|{slot['technician_id']}"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("This time is not available", response.text)
        self.assertEqual(set(work_orders.mapped("state")), {"draft"})
        self.assertFalse(work_orders.technician_id)

        response = self._post(url, {"slot": key})
        self.assertRedirectsTo(response, f"/my/telecom/orders/{order.id}")
        self.assertIn("message=appointment_booked", response.headers["Location"])
        self.assertEqual(set(work_orders.mapped("state")), {"planned"})
        self.assertEqual(work_orders.technician_id, self.user_technician)
        self.assertEqual(work_orders.sorted("id")[0].planned_start, slot["start"])
        self.assertFalse(order.can_book_slot)
        # Nothing left to book.
        self.assertRedirectsTo(self.url_open(url, allow_redirects=False), f"/my/telecom/orders/{order.id}")

    def test_appointment_needs_csrf(self):
        order = self._order_waiting_for_appointment()
        slot = order._get_technician_slots()[0]
        self._login(self.user_subscriber)
        key = f"{fields.Datetime.to_string(slot['start'])}|{slot['technician_id']}"
        response = self._post(f"/my/telecom/orders/{order.id}/appointment", {"slot": key}, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertTrue(order.can_book_slot)

    def test_no_appointment_when_nothing_waits(self):
        self.assertFalse(self.order.can_book_slot)
        self._login(self.user_subscriber)
        self.assertNotIn("o_telecom_book_slot", self.url_open(f"/my/telecom/orders/{self.order.id}").text)
        response = self.url_open(f"/my/telecom/orders/{self.order.id}/appointment", allow_redirects=False)
        self.assertIn("message=not_allowed", response.headers["Location"])

    # Problem: the customer confirmation step

    def _problem_at_confirmation(self, partner=None, service=None):
        scenario = self.env["telecom.scenario"].create(
            {
                "name": "Portal test problem",
                "order_type": "problem",
                "step_ids": [
                    Command.create(
                        {
                            "sequence": 10,
                            "name": "Analysis",
                            "stage_id": self.env.ref("oms_telecom.stage_in_progress").id,
                            "division_kind": "support",
                        }
                    ),
                    Command.create(
                        {
                            "sequence": 20,
                            "name": "Your Confirmation",
                            "stage_id": self.env.ref("oms_telecom.stage_customer_confirmation").id,
                            "division_kind": "support",
                        }
                    ),
                ],
            }
        )
        analysis, confirmation = scenario.step_ids.sorted("sequence")
        confirmation.branch_ids = [Command.create({"outcome": "not_confirmed", "next_step_id": analysis.id})]
        partner = partner or self.subscriber
        service = service or self.service
        problem = self._create_order(
            partner,
            service.premises_id,
            [],
            order_type="problem",
            affected_service_id=service.id,
            scenario_id=scenario.id,
        )
        problem.action_next_step()
        self.assertEqual(problem.current_order_step_id.name, "Your Confirmation")
        self.assertTrue(problem.can_report_not_solved)
        return problem

    def test_problem_not_solved_then_solved(self):
        problem = self._problem_at_confirmation()
        base = f"/my/telecom/orders/{problem.id}"

        self._login(self.user_other)
        self.assertRedirectsTo(self._post(f"{base}/not_solved", {"comment": "Hijack"}), "/my")
        self.assertRedirectsTo(self._post(f"{base}/solved", {}), "/my")
        self.assertEqual(problem.current_order_step_id.name, "Your Confirmation")

        self._login(self.user_subscriber)
        page = self.url_open(base).text
        self.assertIn("o_telecom_confirm_not_solved", page)
        self.assertIn("o_telecom_confirm_solved", page)
        response = self._post(f"{base}/not_solved", {"comment": "Still drops every evening."})
        self.assertIn("message=not_solved", response.headers["Location"])
        self.assertEqual(problem.current_order_step_id.name, "Analysis")
        self.assertEqual(problem.order_step_ids.sorted("id")[1].outcome, "not_confirmed")
        self.assertIn("Still drops every evening.", "".join(problem.message_ids.mapped("body")))
        # Not at the confirmation step any more: no "not solved".
        self.assertRedirectsTo(self._post(f"{base}/not_solved", {}), base)

        problem.action_next_step()
        response = self._post(f"{base}/solved", {"comment": "Works now."})
        self.assertIn("message=solved", response.headers["Location"])
        self.assertEqual(problem.state, "completed")
        # Closed: its last step is done and none is current any more.
        self.assertFalse(problem.current_order_step_id)
        self.assertEqual(problem.order_step_ids.sorted("id")[-1].state, "done")

    # Documents

    def _documents(self, order):
        return self.env["telecom.order.document"].search([("order_id", "=", order.id)])

    def test_upload_documents(self):
        order = self.order
        url = f"/my/telecom/orders/{order.id}/documents"
        attachments_before = self.env["ir.attachment"].search_count([])

        self._login(self.user_other)
        response = self.url_open(
            url,
            data={"csrf_token": self._csrf(), "document_type": "id_copy"},
            files={"attachment": ("id.png", PNG, "image/png")},
            allow_redirects=False,
        )
        self.assertRedirectsTo(response, "/my")
        self.assertFalse(self._documents(order))

        self._login(self.user_subscriber)
        response = self.url_open(
            url,
            data={"csrf_token": self._csrf(), "document_type": "signed_contract"},
            files={"attachment": ("contract.pdf", NOT_A_PDF, "application/pdf")},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not accepted", response.text)
        self.env.invalidate_all()
        self.assertFalse(self._documents(order))
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments_before)

        self.env["ir.config_parameter"].set_param("oms_telecom.document_max_size_mb", "0.00001")
        response = self.url_open(
            url,
            data={"csrf_token": self._csrf(), "document_type": "id_copy"},
            files={"attachment": ("id.png", PNG * 2, "image/png")},
            allow_redirects=False,
        )
        self.assertIn("is too large", response.text)
        self.env["ir.config_parameter"].set_param("oms_telecom.document_max_size_mb", "10")

        response = self.url_open(
            url,
            data={"csrf_token": self._csrf(), "document_type": "id_copy"},
            files={"attachment": ("id.png", PNG, "image/png")},
            allow_redirects=False,
        )
        self.assertIn("message=document_uploaded", response.headers["Location"])
        self.env.invalidate_all()
        document = self._documents(order)
        self.assertRecordValues(document, [{"document_type": "id_copy", "source": "portal", "name": "id.png"}])

        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn(f"/web/content/{document.attachment_id.id}?download=true&amp;access_token=", page)
        self.assertIn(document.attachment_id.access_token, page)
        content = self.url_open(
            f"/web/content/{document.attachment_id.id}?access_token={document.attachment_id.access_token}"
        )
        self.assertEqual(content.content, PNG)

    def test_work_order_and_superseded_documents_are_not_listed(self):
        order = self._order_waiting_for_appointment()
        work_order = order._scenario_work_orders_to_book()[:1]
        internal = order._add_document("site.png", PNG, "photo", work_order=work_order)
        old, new = (order._add_document(name, PNG, "other") for name in ("old.png", "new.png"))
        old.write({"state": "superseded"})
        self._login(self.user_subscriber)
        page = self.url_open(f"/my/telecom/orders/{order.id}").text
        self.assertIn(new.name, page)
        self.assertNotIn(f"/web/content/{old.attachment_id.id}?", page)
        self.assertNotIn(f"/web/content/{internal.attachment_id.id}?", page)
        self.assertIn("o_telecom_documents_all", page)
        # Earlier versions on demand; never the work orders' documents.
        page = self.url_open(f"/my/telecom/orders/{order.id}?documents=all").text
        self.assertIn(f"/web/content/{old.attachment_id.id}?", page)
        self.assertNotIn(f"/web/content/{internal.attachment_id.id}?", page)
        self.assertNotIn("o_telecom_documents_all", page)
        # Another subscriber sees none of them.
        self._login(self.user_other)
        page = self.url_open(f"/my/telecom/orders/{order.id}?documents=all").text
        self.assertNotIn(new.name, page)

    def test_print_reports(self):
        order = self.order
        self._login(self.user_subscriber)
        for key in ("summary", "contract"):
            response = self.url_open(f"/my/telecom/orders/{order.id}/report/{key}?download=true")
            self.assertEqual(response.status_code, 200)
            self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertEqual(self.url_open(f"/my/telecom/orders/{order.id}/report/unknown").status_code, 404)

        self._login(self.user_other)
        response = self.url_open(f"/my/telecom/orders/{order.id}/report/summary", allow_redirects=False)
        self.assertRedirectsTo(response, "/my")
