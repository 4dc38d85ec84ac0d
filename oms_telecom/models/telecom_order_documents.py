from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval, time

from .telecom_work_order import OPEN_WORK_ORDER_STATES

# What each of the module's reports produces.
DOCUMENT_TYPE_BY_REPORT = {
    "oms_telecom.report_telecom_service_contract": "contract",
    "oms_telecom.report_telecom_work_order": "work_order",
    "oms_telecom.report_telecom_order_summary": "order_summary",
}


class TelecomOrderDocumentsMixin(models.AbstractModel):
    _name = "telecom.order.documents.mixin"
    _description = "Telecom order: documents"

    document_ids = fields.One2many("telecom.order.document", "order_id", string="Documents")
    document_count = fields.Integer(compute="_compute_document_count", string="Documents Count")

    def _compute_document_count(self):
        counts = dict(
            self.env["telecom.order.document"]._read_group(
                [("order_id", "in", self.ids), ("state", "=", "current")], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.document_count = counts.get(order, 0)

    # Document packages

    def _generate_document_package(self, reports, order_step=None):
        """Render `reports` (records or xml ids) for each order in self — a work-order
        report for the work orders of `order_step`, else for the open work orders —
        and attach the PDFs as a new version of each document; the previous version
        stays, superseded. Everything is rendered before anything is attached: a
        report that cannot be printed attaches nothing. Returns the new documents."""
        reports = self._document_reports(reports)
        Document = self.env["telecom.order.document"]
        current = Document._current_versions(self, reports)
        documents = Document
        for order in self:
            rendered = []
            for report, record in order._document_targets(reports, order_step):
                work_order = record if record._name == "telecom.work.order" else self.env["telecom.work.order"]
                previous = current.get(Document._version_key(order, report, work_order))
                if previous and order_step and previous.order_step_id == order_step:
                    # The step already produced it: running its actions again changes nothing.
                    continue
                content, extension = order._render_document(report, record)
                rendered.append((report, record, work_order, previous, content, extension))
            new = order._attach_documents(rendered, order_step)
            if new:
                order._post_documents(new)
            documents |= new
        return documents

    @api.model
    def _document_reports(self, reports):
        if isinstance(reports, models.BaseModel):
            return reports
        Report = self.env["ir.actions.report"]
        return Report.union(*(self.env.ref(xmlid) for xmlid in reports or []))

    def _document_targets(self, reports, order_step=None):
        """(report, record) to print: the order itself, or its work orders."""
        self.ensure_one()
        targets = []
        for report in reports:
            if report.model == self._name:
                targets.append((report, self))
            elif report.model == "telecom.work.order":
                targets.extend((report, work_order) for work_order in self._document_work_orders(order_step))
            else:
                raise UserError(self.env._("The report %s prints neither orders nor work orders.", report.display_name))
        return targets

    def _document_work_orders(self, order_step=None):
        self.ensure_one()
        if order_step and order_step.work_order_ids:
            return order_step.work_order_ids.filtered(lambda wo: wo.state != "cancelled")
        return self.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)

    def _render_document(self, report, record):
        """The report of one record: (content, file extension). Outside tests the
        content is a PDF; tests get HTML unless they force the PDF rendering."""
        content, report_format = self.env["ir.actions.report"]._render_qweb_pdf(report, record.ids)
        if isinstance(content, str):
            content = content.encode()
        return content, report_format

    def _document_file_name(self, report, record, version, extension):
        """The report's file name, in the subscriber's language like the document."""
        self.ensure_one()
        report = report.with_context(lang=self.partner_id.lang or self.env.lang)
        base = report.print_report_name and safe_eval(report.print_report_name, {"object": record, "time": time})
        base = base or f"{report.name} - {record.display_name}"
        return f"{base} - v{version}.{extension}"

    def _attach_documents(self, rendered, order_step=None):
        self.ensure_one()
        Document = self.env["telecom.order.document"]
        if not rendered:
            return Document
        attachment_vals = []
        for report, record, _work_order, previous, content, extension in rendered:
            version = (previous.version if previous else 0) + 1
            attachment_vals.append(
                {
                    "name": self._document_file_name(report, record, version, extension),
                    "raw": content,
                    "mimetype": "application/pdf" if extension == "pdf" else "text/html",
                    "res_model": record._name,
                    "res_id": record.id,
                }
            )
        attachments = self.env["ir.attachment"].with_context(telecom_document_registered=True).create(attachment_vals)
        documents = Document.create(
            [
                {
                    "attachment_id": attachment.id,
                    "order_id": self.id,
                    "work_order_id": work_order.id,
                    "report_id": report.id,
                    "order_step_id": order_step.id if order_step else False,
                    "document_type": DOCUMENT_TYPE_BY_REPORT.get(report.report_name, "other"),
                    "source": "generated",
                    "version": (previous.version if previous else 0) + 1,
                }
                for attachment, (report, _record, work_order, previous, _content, _ext) in zip(
                    attachments, rendered, strict=True
                )
            ]
        )
        for document, (_report, _record, _work_order, previous, _content, _ext) in zip(
            documents, rendered, strict=True
        ):
            if previous:
                previous.write({"state": "superseded", "superseded_by_id": document.id})
        return documents

    def _post_documents(self, documents):
        self.ensure_one()
        items = Markup().join(
            Markup("<li>%s</li>")
            % (
                self.env._("%(name)s (replaces version %(version)s)", name=doc.name, version=doc.version - 1)
                if doc.version > 1
                else doc.name
            )
            for doc in documents
        )
        self.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Documents generated:"), items),
            attachment_ids=documents.attachment_id.ids,
            subtype_xmlid="mail.mt_note",
        )

    # Scenario hooks

    def _scenario_action_generate_documents(self, log, action):
        super()._scenario_action_generate_documents(log, action)
        reports = log.scenario_step_id.report_ids
        if not reports:
            return self.env._("no document to generate")
        documents = self._generate_document_package(reports, order_step=log)
        return ", ".join(documents.mapped("name")) or self.env._("already generated")

    def _scenario_notify(self, template, log=None, essential=False):
        documents = self._scenario_notification_documents(log)
        if documents:
            self = self.with_context(telecom_notification_attachment_ids=documents.attachment_id.ids)
        return super()._scenario_notify(template, log=log, essential=essential)

    def _scenario_notification_documents(self, log):
        """The documents the step generated, for its notification e-mail."""
        if not log or not log.scenario_step_id.attach_documents_to_notification:
            return self.env["telecom.order.document"]
        return self.env["telecom.order.document"].search(
            [("order_step_id", "=", log.id), ("state", "=", "current"), ("work_order_id", "=", False)]
        )

    def _document_signed_contract_received(self, document):
        """A signed contract came in: the step waiting for it moves on."""
        self.ensure_one()
        log = self.current_order_step_id
        if not log.scenario_step_id.completed_by_signed_contract or log.state not in ("running", "pending"):
            return False
        try:
            with self.env.cr.savepoint():
                self.action_next_step()
        except UserError as error:
            self.needs_attention = True
            self.message_post(
                body=self.env._(
                    "The signed contract %(document)s is in, but the order could not move on: %(error)s",
                    document=document.name,
                    error=error.args[0],
                ),
                subtype_xmlid="mail.mt_note",
            )
            return False
        return True

    # Uploads and e-mails

    def _add_document(self, filename, raw, document_type="other", work_order=None, source=None):
        """Attach an uploaded file (type and size checked first) to the order or one
        of its work orders. For the back office and the portal."""
        self.ensure_one()
        Document = self.env["telecom.order.document"]
        mimetype = Document._check_upload(filename, raw)
        if work_order and work_order.order_id != self:
            raise UserError(self.env._("Work order %s belongs to another order.", work_order.name))
        record = work_order or self
        attachment = (
            self.env["ir.attachment"]
            .with_context(telecom_document_registered=True)
            .create(
                {"name": filename, "raw": raw, "mimetype": mimetype, "res_model": record._name, "res_id": record.id}
            )
        )
        types = dict(Document._fields["document_type"]._description_selection(self.env))
        self.message_post(
            body=self.env._("%(type)s uploaded: %(name)s", type=types[document_type], name=filename),
            attachment_ids=attachment.ids,
            subtype_xmlid="mail.mt_note",
        )
        return Document.create(
            {
                "attachment_id": attachment.id,
                "order_id": self.id,
                "work_order_id": work_order.id if work_order else False,
                "document_type": document_type,
                "source": source or ("portal" if self.env.user.share else "operator"),
            }
        )

    def message_post(self, **kwargs):
        extra = self.env.context.get("telecom_notification_attachment_ids")
        if extra:
            kwargs["attachment_ids"] = list(kwargs.get("attachment_ids") or []) + list(extra)
            self = self.with_context(telecom_notification_attachment_ids=False)
        return super().message_post(**kwargs)

    def _message_post_after_hook(self, message, msg_vals):
        if message.message_type == "email" and message.attachment_ids:
            self.env["telecom.order.document"]._mark_received_by_email(message.attachment_ids)
        return super()._message_post_after_hook(message, msg_vals)

    # Actions

    def action_open_document_upload(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Upload a Document"),
            "res_model": "telecom.document.upload.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_open_document_generation(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate Documents"),
            "res_model": "telecom.document.generate.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_document_action")
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id, "search_default_current": 1}
        return action
