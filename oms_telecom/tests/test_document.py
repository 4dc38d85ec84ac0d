# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from datetime import datetime

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import Form

from .common import OmsTelecomCase
from .scenario_common import ScenarioCase
from .test_translations import load_french

CONTRACT = "oms_telecom.action_report_telecom_service_contract"
SUMMARY = "oms_telecom.action_report_telecom_order_summary"
WORK_ORDER = "oms_telecom.action_report_telecom_work_order"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class DocumentCase(OmsTelecomCase):
    def _submitted_order(self, **values):
        order = self._create_order(no_scenario=True, **values)
        order.action_submit()
        return order

    def _order_attachments(self, order):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "telecom.order"), ("res_id", "=", order.id)], order="id"
        )


class TestOrderDocuments(DocumentCase):
    """Document packages (generated, versioned, posted), the documents every other
    way brings (uploads, chatter, e-mail, portal) and the checks on uploads. The
    reports render as HTML here; test_report renders them as PDF."""

    def test_package_attaches_versioned_documents(self):
        order = self._submitted_order()
        documents = order.with_user(self.user_operator)._generate_document_package([CONTRACT, SUMMARY])
        self.assertEqual(documents.mapped("document_type"), ["contract", "order_summary"])
        self.assertEqual(set(documents.mapped("source")), {"generated"})
        self.assertEqual(documents.mapped("version"), [1, 1])
        self.assertEqual(set(documents.mapped("state")), {"current"})
        self.assertEqual(documents.attachment_id, self._order_attachments(order))
        contract, summary = documents
        self.assertEqual(contract.name, f"Service Contract - {order.name} - v1.html", "HTML in tests, PDF otherwise")
        self.assertIn(order.name.encode(), contract.attachment_id.raw)
        self.assertIn(b"Ivana Individual", contract.attachment_id.raw)
        posted = order.message_ids[0]
        self.assertIn("Documents generated", posted.body)
        self.assertEqual(posted.attachment_ids, documents.attachment_id)

        # Regenerating keeps the previous version, superseded.
        self.individual.phone = "+32 470 99 99 99"
        new_contract = order._generate_document_package([CONTRACT])
        self.assertEqual(new_contract.version, 2)
        self.assertEqual(new_contract.name, f"Service Contract - {order.name} - v2.html")
        self.assertEqual(contract.state, "superseded")
        self.assertEqual(contract.superseded_by_id, new_contract)
        self.assertTrue(contract.attachment_id.exists(), "the previous version stays")
        self.assertNotIn(b"+32 470 99 99 99", contract.attachment_id.raw)
        self.assertIn(b"+32 470 99 99 99", new_contract.attachment_id.raw)
        self.assertEqual(summary.state, "current", "only the regenerated document has a new version")
        self.assertEqual(order.document_count, 2, "current documents")
        self.assertEqual(len(order.document_ids), 3)
        self.assertIn("replaces version 1", order.message_ids[0].body)

        # A third time: version 3, both earlier ones superseded.
        third = order._generate_document_package([CONTRACT])
        self.assertEqual(third.version, 3)
        self.assertEqual(new_contract.state, "superseded")
        contracts = self.env["telecom.order.document"].search(
            [("order_id", "=", order.id), ("document_type", "=", "contract")]
        )
        self.assertEqual(contracts.mapped("version"), [3, 2, 1], "the latest first")
        self.assertEqual(contracts.mapped("state"), ["current", "superseded", "superseded"])

    def test_work_order_documents_go_to_the_work_orders(self):
        order = self._submitted_order()
        installation = self._create_work_order(order, line=order.line_ids, equipment="ONT")
        line_test = self._create_work_order(order, kind="line_test", depends_on_ids=[Command.set(installation.ids)])
        cancelled = self._create_work_order(order, kind="diagnosis")
        cancelled.action_cancel()
        documents = order._generate_document_package([WORK_ORDER])
        self.assertEqual(documents.work_order_id, installation | line_test, "open work orders only")
        self.assertEqual(set(documents.mapped("document_type")), {"work_order"})
        for document in documents:
            self.assertEqual(document.attachment_id.res_model, "telecom.work.order")
            self.assertEqual(document.attachment_id.res_id, document.work_order_id.id)
            self.assertIn(document.work_order_id.name, document.name)
            self.assertIn(order.name, document.name)
        self.assertEqual(installation.document_ids, documents.filtered(lambda doc: doc.work_order_id == installation))
        self.assertEqual(order.document_ids, documents, "the order lists its work orders' documents")
        self.assertEqual(order.message_ids[0].attachment_ids, documents.attachment_id)
        # Each work order has its own versions.
        again = order._generate_document_package([WORK_ORDER])
        self.assertEqual(again.mapped("version"), [2, 2])
        self.assertEqual(set(documents.mapped("state")), {"superseded"})

    def test_contract_without_subscriber_attaches_nothing(self):
        order = self._create_order(
            partner=self.env["res.partner"],
            prospect_name="Pat Prospect",
            prospect_email="pat@example.com",
            no_scenario=True,
        )
        messages = len(order.message_ids)
        with self.assertRaisesRegex(UserError, "has no subscriber yet: a service contract needs one"):
            order._generate_document_package([SUMMARY, CONTRACT])
        self.assertFalse(order.document_ids)
        self.assertFalse(self._order_attachments(order))
        self.assertEqual(len(order.message_ids), messages)
        # The summary alone is fine for a prospect.
        self.assertEqual(order._generate_document_package([SUMMARY]).document_type, "order_summary")

    def test_report_of_another_model_is_refused(self):
        order = self._submitted_order()
        report = self.env["ir.actions.report"].create(
            {"name": "Partner Card", "model": "res.partner", "report_name": "base.partner_card_test"}
        )
        with self.assertRaisesRegex(UserError, "prints neither orders nor work orders"):
            order._generate_document_package(report)

    def test_upload_checks(self):
        order = self._submitted_order()
        operator_order = order.with_user(self.user_operator)
        with self.assertRaisesRegex(UserError, r"notes.pdf is of type text/plain, which is not accepted"):
            operator_order._add_document("notes.pdf", b"not a PDF at all\n" * 10, "id_copy")
        with self.assertRaisesRegex(UserError, "is empty"):
            operator_order._add_document("empty.pdf", b"", "other")
        self.env["ir.config_parameter"].set_param("oms_telecom.document_max_size_mb", "0.001")
        with self.assertRaisesRegex(UserError, r"big.pdf is too large \(0.0 MB\): the limit is 0.001 MB"):
            operator_order._add_document("big.pdf", PDF + b"0" * 2048, "signed_contract")
        self.assertFalse(order.document_ids, "nothing attached")
        self.assertFalse(self._order_attachments(order))

        self.env["ir.config_parameter"].set_param("oms_telecom.document_max_size_mb", "10")
        document = operator_order._add_document("id-front.png", PNG, "id_copy")
        self.assertEqual(document.document_type, "id_copy")
        self.assertEqual(document.source, "operator")
        self.assertEqual(document.mimetype, "image/png")
        self.assertEqual(document.attachment_id.res_model, "telecom.order")
        self.assertEqual(document.create_uid, self.user_operator)
        self.assertIn("ID Copy uploaded: id-front.png", order.message_ids[0].body)
        self.assertEqual(order.message_ids[0].attachment_ids, document.attachment_id)

        # The accepted types are a setting.
        self.env["ir.config_parameter"].set_param("oms_telecom.document_allowed_mimetypes", "application/pdf")
        with self.assertRaisesRegex(UserError, "image/png, which is not accepted. Accepted types: application/pdf"):
            operator_order._add_document("photo.png", PNG, "photo")

        work_order = self._create_work_order(order)
        photo = operator_order._add_document("report.pdf", PDF, "photo", work_order=work_order)
        self.assertEqual(photo.work_order_id, work_order)
        self.assertEqual(photo.attachment_id.res_model, "telecom.work.order")
        other_order = self._submitted_order()
        with self.assertRaisesRegex(UserError, "belongs to another order"):
            other_order._add_document("report.pdf", PDF, "photo", work_order=work_order)

    def test_upload_wizard(self):
        order = self._submitted_order()
        # The file name comes with the file in the browser.
        form = Form(
            self.env["telecom.document.upload.wizard"]
            .with_user(self.user_operator)
            .with_context(default_order_id=order.id, default_file_name="signed.pdf")
        )
        self.assertIn("application/pdf, image/jpeg, image/png, up to 10 MB", form.allowed_help)
        form.document_type = "signed_contract"
        form.file = base64.b64encode(PDF).decode()
        form.save().action_upload()
        self.assertEqual(order.document_ids.document_type, "signed_contract")
        self.assertEqual(order.document_ids.name, "signed.pdf")

        form = Form(
            self.env["telecom.document.upload.wizard"].with_context(
                default_order_id=order.id, default_file_name="invoice.pdf"
            )
        )
        form.file = base64.b64encode(b"MZ\x90\x00 an executable").decode()
        with self.assertRaisesRegex(UserError, "which is not accepted"):
            form.save().action_upload()
        self.assertEqual(len(order.document_ids), 1)

    def test_generate_wizard(self):
        order = self._submitted_order()
        self._create_work_order(order)
        form = Form(
            self.env["telecom.document.generate.wizard"]
            .with_user(self.user_operator)
            .with_context(default_order_id=order.id)
        )
        self.assertEqual(form.report_ids[:], self.env.ref(CONTRACT) | self.env.ref(SUMMARY), "by default")
        form.report_ids.add(self.env.ref(WORK_ORDER))
        form.save().action_generate()
        self.assertEqual(
            sorted(order.document_ids.mapped("document_type")), ["contract", "order_summary", "work_order"]
        )

    def test_chatter_email_and_portal_files_are_documents(self):
        order = self._submitted_order(partner=self.company_contact, premises=self.premises_office)
        # An operator posts a photo in the chatter: uploaded first, moved onto the order on posting.
        pending = (
            self.env["ir.attachment"]
            .with_user(self.user_operator)
            .create({"name": "meter.png", "raw": PNG, "res_model": "mail.compose.message", "res_id": 0})
        )
        self.assertFalse(order.document_ids)
        order.with_user(self.user_operator).message_post(body="The meter", attachment_ids=pending.ids)
        photo = order.document_ids
        self.assertEqual(photo.attachment_id, pending)
        self.assertEqual((photo.source, photo.document_type), ("operator", "photo"))

        # The subscriber answers by e-mail with the signed contract.
        order.message_post(
            body="Here it is",
            message_type="email",
            attachments=[("contract-signed.pdf", PDF)],
        )
        emailed = order.document_ids - photo
        self.assertEqual(emailed.name, "contract-signed.pdf")
        self.assertEqual((emailed.source, emailed.document_type), ("email", "other"))

        # The subscriber uploads an ID copy in the portal (the portal attaches as superuser).
        portal_attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_portal)
            .sudo()
            .create({"name": "id.png", "raw": PNG, "res_model": "telecom.order", "res_id": order.id})
        )
        from_portal = order.document_ids.filtered(lambda doc: doc.attachment_id == portal_attachment)
        self.assertEqual(from_portal.source, "portal")

        # Deleting the file deletes the document.
        photo.attachment_id.unlink()
        self.assertFalse(photo.exists())

    def test_document_access_follows_the_order(self):
        order = self._submitted_order(partner=self.company_contact, premises=self.premises_office)
        work_order = self._create_work_order(order)
        order._generate_document_package([SUMMARY, WORK_ORDER])
        other_division = self.env["telecom.division"].create({"name": "Elsewhere", "kind": "sales"})
        hidden = self._create_order(user=self.user_oms_manager, division_id=other_division.id, no_scenario=True)
        hidden.action_submit()
        hidden_document = hidden._generate_document_package([SUMMARY])
        Document = self.env["telecom.order.document"]
        # Among these orders' documents (the demo's orders have theirs).
        these = [("order_id", "in", (order | hidden).ids)]

        self.assertEqual(Document.with_user(self.user_operator).search(these), order.document_ids)
        self.assertEqual(Document.with_user(self.user_oms_manager).search(these), order.document_ids | hidden_document)
        self.assertEqual(Document.with_user(self.user_technician).search(these), order.document_ids)
        self.assertEqual(
            Document.with_user(self.user_portal).search(these),
            order.document_ids.filtered(lambda doc: not doc.work_order_id),
            "the subscriber sees the documents of their orders, not the technicians' work orders",
        )
        self.assertEqual(work_order.with_user(self.user_technician).document_ids.document_type, "work_order")

    def test_operator_changes_the_type_of_a_file(self):
        order = self._submitted_order()
        order.message_post(body="scan", message_type="email", attachments=[("scan.pdf", PDF)])
        document = order.document_ids.with_user(self.user_operator)
        document.document_type = "id_copy"
        self.assertEqual(document.document_type, "id_copy")

    def test_print_the_work_orders_of_a_day(self):
        self.user_operator.tz = "Europe/Brussels"
        order = self._submitted_order()
        other_order = self._submitted_order(partner=self.company_contact, premises=self.premises_office)
        day = datetime(2030, 3, 11)
        morning = self._create_work_order(order, planned_start=day.replace(hour=7))
        afternoon = self._create_work_order(other_order, planned_start=day.replace(hour=13))
        # 23:30 UTC is already the next day in Brussels.
        self._create_work_order(order, kind="line_test", planned_start=day.replace(hour=23, minute=30))
        other_technician = self._create_work_order(order, kind="repair", planned_start=day.replace(hour=9))
        other_technician.technician_id = self.user_division_manager
        elsewhere = self.env["telecom.division"].create({"name": "Far Away", "kind": "technical"})
        self._create_work_order(order, kind="diagnosis", planned_start=day.replace(hour=10), division_id=elsewhere.id)

        form = Form(self.env["telecom.work.order.print.wizard"].with_user(self.user_operator))
        form.date = fields.Date.to_date("2030-03-11")
        form.division_id = self.division_sales
        self.assertEqual(form.work_order_count, 3, "the sales division's sub-divisions included")
        form.include_sub_divisions = False
        self.assertEqual(form.work_order_count, 0)
        form.include_sub_divisions = True
        form.technician_id = self.user_technician
        self.assertEqual(form.work_order_count, 2)
        action = form.save().action_print()
        self.assertEqual(action["report_name"], "oms_telecom.report_telecom_work_order")
        self.assertEqual(action["context"]["active_ids"], (morning | afternoon).ids)

        form = Form(self.env["telecom.work.order.print.wizard"].with_user(self.user_operator))
        form.date = fields.Date.to_date("2030-03-13")
        form.division_id = self.division_technical
        with self.assertRaisesRegex(UserError, "has no work order planned on 2030-03-13"):
            form.save().action_print()

    def test_contract_terms_and_upload_limits_in_settings(self):
        self.assertIn("one month's written notice", self.company.telecom_contract_terms)
        settings = self.env["res.config.settings"].create(
            {
                "telecom_contract_terms": "<p>Our own terms</p>",
                "telecom_document_max_size_mb": 2.5,
                "telecom_document_allowed_mimetypes": "application/pdf",
            }
        )
        settings.execute()
        self.assertEqual(str(self.company.telecom_contract_terms), "<p>Our own terms</p>")
        Document = self.env["telecom.order.document"]
        self.assertEqual(Document._max_size_mb(), 2.5)
        self.assertEqual(Document._allowed_mimetypes(), ["application/pdf"])
        other_company = self.env["res.company"].create({"name": "Other Telecom"})
        self.assertIn("one month's written notice", other_company.telecom_contract_terms, "per company")

    def test_default_contract_terms_in_the_reader_language(self):
        load_french(self.env)
        Company = self.env["res.company"]
        default_terms, own_terms = Company.create([{"name": "Default Terms"}, {"name": "Own Terms"}])
        own_terms.telecom_contract_terms = "<p>Our own terms</p>"
        (default_terms | own_terms)._telecom_translate_default_terms(["fr_FR"])
        self.assertIn("préavis écrit d’un mois", default_terms.with_context(lang="fr_FR").telecom_contract_terms)
        self.assertIn("one month's written notice", default_terms.with_context(lang="en_US").telecom_contract_terms)
        self.assertEqual(
            str(own_terms.with_context(lang="fr_FR").telecom_contract_terms),
            "<p>Our own terms</p>",
            "a company's own terms are its to translate",
        )


class TestScenarioDocuments(ScenarioCase):
    """A step's document package: generated on entering the step, sent with its
    e-mail, and the signed contract moving the order on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract_report = cls.env.ref(CONTRACT)
        cls.summary_report = cls.env.ref(SUMMARY)
        cls.template_contract = cls.env.ref("oms_telecom.mail_template_telecom_contract_to_sign")
        cls.company_subscriber.signatory_id = cls.company_contact
        cls.scenario = cls._create_scenario(
            [
                {"name": "Registration", "stage_id": cls.stages["new"].id},
                {
                    "name": "Contract",
                    "stage_id": cls.stages["contract"].id,
                    "report_ids": [Command.set((cls.contract_report | cls.summary_report).ids)],
                    "notify_subscriber": True,
                    "mail_template_id": cls.template_contract.id,
                    "notification_essential": True,
                    "attach_documents_to_notification": True,
                    "completed_by_signed_contract": True,
                    "actions": [{"action_type": "generate_documents"}],
                },
                {"name": "Activation", "stage_id": cls.stages["activation"].id},
            ],
            subscriber_kind="individual",
            product_family="internet",
            sequence=1,
        )

    def _order_at_contract_step(self):
        order = self._create_order()
        order.action_submit()
        self.assertEqual(order.scenario_id, self.scenario)
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Contract")
        return order

    def test_step_generates_its_package_and_emails_it(self):
        order = self._order_at_contract_step()
        order_step = order.current_order_step_id
        documents = order.document_ids
        self.assertEqual(set(documents.mapped("document_type")), {"contract", "order_summary"})
        self.assertEqual(documents.order_step_id, order_step)
        notification = order_step.notification_message_id
        self.assertIn("ready to sign", notification.subject)
        self.assertEqual(notification.attachment_ids, documents.attachment_id, "the documents go with the e-mail")
        self.assertEqual(notification.partner_ids, self.individual)
        step_note = order.message_ids.filtered(lambda message: "now at the step Contract" in message.body)
        self.assertIn("Generate Documents:", step_note.body)
        self.assertIn(f"Service Contract - {order.name} - v1", step_note.body)

        # Running the step's actions again does not generate them twice.
        action = order_step.scenario_step_id.action_ids
        self.assertEqual(order._scenario_action_generate_documents(order_step, action), "already generated")
        self.assertEqual(order.document_ids, documents)

    def test_notification_without_documents_when_not_asked(self):
        self.scenario.step_ids[1].attach_documents_to_notification = False
        order = self._order_at_contract_step()
        self.assertTrue(order.document_ids)
        self.assertFalse(order.current_order_step_id.notification_message_id.attachment_ids)

    def test_uploaded_signed_contract_completes_the_step(self):
        order = self._order_at_contract_step()
        self.assertEqual(order.state, "pending")
        order.with_user(self.user_operator)._add_document("signed.pdf", PDF, "signed_contract")
        self.assertEqual(order.current_order_step_id.name, "Activation")
        self.assertEqual(self._steps(order)[1].state, "done")

    def test_signed_contract_received_by_email_and_marked_by_the_operator(self):
        order = self._order_at_contract_step()
        order.message_post(body="Signed", message_type="email", attachments=[("scan.pdf", PDF)])
        emailed = order.document_ids.filtered(lambda doc: doc.source == "email")
        self.assertEqual(order.current_order_step_id.name, "Contract", "an unknown file changes nothing")
        emailed.with_user(self.user_operator).document_type = "signed_contract"
        self.assertEqual(order.current_order_step_id.name, "Activation")

    def test_signed_contract_at_another_step_changes_nothing(self):
        order = self._create_order()
        order.action_submit()
        order._add_document("signed.pdf", PDF, "signed_contract")
        self.assertEqual(order.current_order_step_id.name, "Registration")

    def test_built_in_contract_step_of_legal_entities(self):
        order = self._create_order(partner=self.company_contact, premises=self.premises_office)
        order.action_submit()
        self.assertEqual(order.scenario_id, self.env.ref("oms_telecom.scenario_connection_company"))
        order.action_next_step()
        order_step = order.current_order_step_id
        self.assertEqual(order_step.name, "Contract Signature")
        contract = order.document_ids.filtered(lambda doc: doc.document_type == "contract")
        self.assertIn(b"Acme Offices Ltd", contract.attachment_id.raw)
        self.assertEqual(order_step.notification_message_id.attachment_ids, order.document_ids.attachment_id)
        order._add_document("signed.pdf", PDF, "signed_contract")
        self.assertEqual(order.current_order_step_id.name, "Installation")
