# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.message import EmailMessage

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

DOCUMENT_TYPES = [
    ("contract", "Contract"),
    ("work_order", "Work Order"),
    ("order_summary", "Order Summary"),
    ("id_copy", "ID Copy"),
    ("signed_contract", "Signed Contract"),
    ("photo", "Photo"),
    ("signature", "Customer Signature"),
    ("other", "Other"),
]
DOCUMENT_SOURCES = [
    ("generated", "Generated"),
    ("operator", "Uploaded by Staff"),
    ("email", "Received by E-mail"),
    ("portal", "Uploaded by the Subscriber"),
]
# What each of the module's reports produces.
DOCUMENT_TYPE_BY_REPORT = {
    "oms_telecom.report_telecom_service_contract": "contract",
    "oms_telecom.report_telecom_work_order": "work_order",
    "oms_telecom.report_telecom_order_summary": "order_summary",
}
# Records whose attachments are documents of an order.
DOCUMENT_MODELS = ("telecom.order", "telecom.work.order")
DEFAULT_ALLOWED_MIMETYPES = "application/pdf,image/jpeg,image/png"
DEFAULT_MAX_SIZE_MB = 10


class TelecomOrderDocument(models.Model):
    """A document of an order: a PDF the order generated, or a file an operator,
    the subscriber or an e-mail brought. The file is an attachment of the order
    (or of its work order); a generated document is versioned: generating it again
    keeps the previous version, superseded."""

    _name = "telecom.order.document"
    _description = "Order Document"
    _order = "order_id, create_date desc, id desc"
    _rec_name = "name"
    _inherit = ["telecom.system.fields.mixin"]

    name = fields.Char(related="attachment_id.name", string="File", readonly=False)
    attachment_id = fields.Many2one("ir.attachment", required=True, index=True, ondelete="cascade", copy=False)
    order_id = fields.Many2one("telecom.order", required=True, index=True, ondelete="cascade")
    work_order_id = fields.Many2one(
        "telecom.work.order",
        index="btree_not_null",
        ondelete="cascade",
        domain="[('order_id', '=', order_id)]",
    )
    partner_id = fields.Many2one(related="order_id.partner_id", string="Subscriber")
    document_type = fields.Selection(DOCUMENT_TYPES, string="Type", required=True, default="other", index=True)
    source = fields.Selection(DOCUMENT_SOURCES, required=True, default="operator", readonly=True)
    report_id = fields.Many2one("ir.actions.report", readonly=True, ondelete="set null")
    order_step_id = fields.Many2one(
        "telecom.order.step", string="Generated at Step", readonly=True, index="btree_not_null", ondelete="set null"
    )
    version = fields.Integer(default=1, readonly=True)
    state = fields.Selection(
        [("current", "Current"), ("superseded", "Superseded")],
        default="current",
        required=True,
        readonly=True,
        index=True,
    )
    superseded_by_id = fields.Many2one("telecom.order.document", readonly=True, ondelete="set null")
    mimetype = fields.Char(related="attachment_id.mimetype")
    file_size = fields.Integer(related="attachment_id.file_size")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        documents = super().create(vals_list)
        documents.filtered(lambda doc: doc.document_type == "signed_contract")._signed_contract_received()
        return documents

    def write(self, vals):
        self._check_system_fields([vals])
        newly_signed = self.browse()
        if vals.get("document_type") == "signed_contract":
            newly_signed = self.filtered(lambda doc: doc.document_type != "signed_contract")
        result = super().write(vals)
        newly_signed._signed_contract_received()
        return result

    def _signed_contract_received(self):
        for document in self:
            document.order_id._document_signed_contract_received(document)

    # Generation

    @api.model
    def _version_key(self, order, report, work_order=None):
        return (order.id, (work_order or self.env["telecom.work.order"]).id, report.id)

    def _current_versions(self, orders, reports):
        """{(order id, work order id, report id): current generated document}."""
        documents = self.search(
            [("order_id", "in", orders.ids), ("report_id", "in", reports.ids), ("state", "=", "current")]
        )
        return {(doc.order_id.id, doc.work_order_id.id, doc.report_id.id): doc for doc in documents}

    # Uploads

    @api.model
    def _allowed_mimetypes(self):
        value = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oms_telecom.document_allowed_mimetypes", DEFAULT_ALLOWED_MIMETYPES)
        )
        return [mimetype.strip() for mimetype in (value or DEFAULT_ALLOWED_MIMETYPES).split(",") if mimetype.strip()]

    @api.model
    def _max_size_mb(self):
        value = (
            self.env["ir.config_parameter"].sudo().get_param("oms_telecom.document_max_size_mb", DEFAULT_MAX_SIZE_MB)
        )
        try:
            return float(value) or DEFAULT_MAX_SIZE_MB
        except ValueError:
            return DEFAULT_MAX_SIZE_MB

    @api.model
    def _check_upload(self, filename, raw):
        """The uploaded file's type (read from its content, not its name) and size
        must be allowed; returns its MIME type."""
        if not raw:
            raise UserError(self.env._("The file %s is empty.", filename or ""))
        max_size = self._max_size_mb()
        if len(raw) > max_size * 1024 * 1024:
            size, limit = "%.1f" % (len(raw) / 1024 / 1024), "%g" % max_size
            raise UserError(
                self.env._(
                    "The file %(file)s is too large (%(size)s MB): the limit is %(limit)s MB.",
                    file=filename,
                    size=size,
                    limit=limit,
                )
            )
        mimetype = guess_mimetype(raw, default="application/octet-stream")
        allowed = self._allowed_mimetypes()
        if mimetype not in allowed:
            raise UserError(
                self.env._(
                    "The file %(file)s is of type %(type)s, which is not accepted. Accepted types: %(allowed)s.",
                    file=filename,
                    type=mimetype,
                    allowed=", ".join(allowed),
                )
            )
        return mimetype

    # Documents of attachments created elsewhere (chatter, e-mail, portal)

    @api.model
    def _register_attachments(self, attachments, source=None):
        """Documents for the attachments of orders and work orders that have none yet."""
        attachments = attachments.filtered(
            lambda att: att.res_model in DOCUMENT_MODELS and att.res_id and not att.res_field
        )
        if not attachments:
            return self.browse()
        known = self.with_context(active_test=False).search([("attachment_id", "in", attachments.ids)])
        attachments -= known.attachment_id
        work_orders = (
            self.env["telecom.work.order"]
            .browse([att.res_id for att in attachments if att.res_model == "telecom.work.order"])
            .exists()
        )
        order_of_work_order = {wo.id: wo.order_id.id for wo in work_orders}
        orders = (
            self.env["telecom.order"]
            .browse([att.res_id for att in attachments if att.res_model == "telecom.order"])
            .exists()
        )
        source = source or ("portal" if self.env.user.share else "operator")
        vals_list = []
        for attachment in attachments:
            if attachment.res_model == "telecom.work.order":
                order_id = order_of_work_order.get(attachment.res_id)
                work_order_id = attachment.res_id
            else:
                order_id = attachment.res_id if attachment.res_id in orders.ids else False
                work_order_id = False
            if not order_id:
                continue
            vals_list.append(
                {
                    "attachment_id": attachment.id,
                    "order_id": order_id,
                    "work_order_id": work_order_id,
                    "source": source,
                    "document_type": self._guess_document_type(attachment),
                }
            )
        return self.create(vals_list)

    # Files received by e-mail. The mail gateway posts them as superuser, whom the
    # policy of ir.attachment lets through (it checks portal users and visitors):
    # the incoming message is checked where it is posted, on the order or work order.

    @api.model
    def _split_emailed_files(self, attachments):
        """The files of an incoming e-mail, as the mail gateway passes them to
        `message_post` ([(name, content[, info])]), split by the document policy:
        (the files accepted, why each refused one is refused)."""
        accepted, refused = [], []
        for attachment in attachments:
            name, content = attachment[0], attachment[1]
            if isinstance(content, EmailMessage):
                content = content.as_bytes()
            elif isinstance(content, str):
                content = content.encode()
            try:
                self._check_upload(name, content)
            except UserError as error:
                refused.append(error.args[0])
            else:
                accepted.append(attachment)
        return accepted, refused

    @api.model
    def _refused_files_note(self, refused):
        """The note telling the team which files of an e-mail were not kept, and why."""
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._("Files of this e-mail were not kept, as the document policy refuses them:"),
            Markup().join(Markup("<li>%s</li>") % reason for reason in refused),
        )

    @api.model
    def _mark_received_by_email(self, attachments):
        """The files of an incoming e-mail: received by e-mail, of the type their
        content has (as the policy reads it), whatever their name says."""
        for attachment_sudo in attachments.sudo():
            mimetype = guess_mimetype(attachment_sudo.raw, default="application/octet-stream")
            if attachment_sudo.mimetype != mimetype:
                attachment_sudo.mimetype = mimetype
        documents_sudo = self.sudo().search([("attachment_id", "in", attachments.ids), ("source", "!=", "generated")])
        documents_sudo.write({"source": "email"})

    @api.model
    def _guess_document_type(self, attachment):
        return "photo" if (attachment.mimetype or "").startswith("image/") else "other"

    # Actions

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "download",
        }

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}",
            "target": "new",
        }
