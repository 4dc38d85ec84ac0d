# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

IDENTITY_DOCUMENT_TYPES = [
    ("id_card", "Identity Card"),
    ("passport", "Passport"),
    ("residence_permit", "Residence Permit"),
    ("driving_licence", "Driving Licence"),
]


def digits_only(value):
    """A phone number as digits only: '+1 612-555-0110' -> '16125550110'."""
    return re.sub(r"\D+", "", value or "")


def phone_search_domain(env, operator, value, digits_fields):
    """The domain of a search by phone number on `digits_fields` (phones stored as
    digits only): operators type numbers as they hear them, with or without
    spaces, dashes and country code."""
    positive = operator in ("ilike", "like", "=", "=ilike", "=like")
    if not positive and operator not in ("not ilike", "not like", "!="):
        raise UserError(env._("Search a phone number with 'contains' or 'does not contain'."))
    digits = digits_only(value if isinstance(value, str) else "")
    if len(digits) < 3:
        # Not a phone number: nothing matches it as one.
        return expression.FALSE_DOMAIN if positive else expression.TRUE_DOMAIN
    domain = expression.OR([[(field, "ilike", digits)] for field in digits_fields])
    return domain if positive else ["!", *domain]


class ResPartner(models.Model):
    _inherit = "res.partner"
    # The core's fields, the account number operators quote on the phone and the phone itself.
    _rec_names_search = [
        "complete_name",
        "email",
        "ref",
        "vat",
        "company_registry",
        "subscriber_account",
        "phone_search",
    ]

    is_telecom_subscriber = fields.Boolean(string="Telecom Subscriber", index=True, copy=False)
    telecom_notification_opt_out = fields.Boolean(
        string="No Progress E-mails",
        help="The subscriber only receives the essential e-mails about their orders (contract, appointment...).",
    )
    subscriber_kind = fields.Selection(
        [("individual", "Individual"), ("company", "Legal Entity")],
        compute="_compute_subscriber_kind",
        store=True,
    )
    subscriber_account = fields.Char(
        string="Account Number", copy=False, index=True, readonly=True, help="Subscriber account number, unique."
    )
    phone = fields.Char(index="trigram")
    # Operators type numbers as they hear them: searched on digits only.
    phone_digits = fields.Char(
        compute="_compute_phone_digits", store=True, precompute=True, index="trigram", readonly=True
    )
    phone_search = fields.Char(string="Phone Number", compute="_compute_phone_search", search="_search_phone_search")
    identity_document_type = fields.Selection(IDENTITY_DOCUMENT_TYPES, groups="oms_telecom.group_oms_operator")
    identity_document_number = fields.Char(groups="oms_telecom.group_oms_operator")
    identity_document_issued = fields.Date(string="Issued on", groups="oms_telecom.group_oms_operator")
    birthdate = fields.Date(string="Date of Birth", groups="oms_telecom.group_oms_operator")
    signatory_id = fields.Many2one(
        "res.partner",
        string="Authorised Signatory",
        domain="[('parent_id', '=', id), ('is_company', '=', False)]",
        help="Person who signs contracts for the legal entity.",
    )
    signatory_function = fields.Char(
        string="Signatory's Capacity", help="e.g. Director, by the articles of association"
    )
    telecom_service_ids = fields.One2many("telecom.subscriber.service", "partner_id", string="Services")
    telecom_order_ids = fields.One2many("telecom.order", "partner_id", string="Orders")
    telecom_premises_ids = fields.Many2many(
        "telecom.premises", compute="_compute_telecom_premises_ids", string="Service Addresses"
    )
    telecom_service_count = fields.Integer(compute="_compute_telecom_counts")
    telecom_order_count = fields.Integer(compute="_compute_telecom_counts")

    _sql_constraints = [
        ("subscriber_account_unique", "unique(subscriber_account)", "This account number is already used."),
    ]

    @api.depends("is_company")
    def _compute_subscriber_kind(self):
        for partner in self:
            partner.subscriber_kind = "company" if partner.is_company else "individual"

    @api.depends("phone", "mobile")
    def _compute_phone_digits(self):
        for partner in self:
            partner.phone_digits = " ".join(filter(None, [digits_only(partner.phone), digits_only(partner.mobile)]))

    def _compute_phone_search(self):
        for partner in self:
            partner.phone_search = partner.phone or partner.mobile

    def _search_phone_search(self, operator, value):
        return phone_search_domain(self.env, operator, value, ["phone_digits"])

    @api.depends("telecom_service_ids.premises_id", "telecom_order_ids.premises_id")
    def _compute_telecom_premises_ids(self):
        for partner in self:
            partner.telecom_premises_ids = (
                partner.telecom_service_ids.premises_id | partner.telecom_order_ids.premises_id
            )

    def _compute_telecom_counts(self):
        commercial = self.commercial_partner_id
        services = dict(
            self.env["telecom.subscriber.service"]._read_group(
                [("commercial_partner_id", "in", commercial.ids)], ["commercial_partner_id"], ["__count"]
            )
        )
        orders = dict(
            self.env["telecom.order"]._read_group(
                [("commercial_partner_id", "in", commercial.ids)], ["commercial_partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.telecom_service_count = services.get(partner.commercial_partner_id, 0)
            partner.telecom_order_count = orders.get(partner.commercial_partner_id, 0)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("is_telecom_subscriber") and not vals.get("subscriber_account"):
                vals["subscriber_account"] = self.env["ir.sequence"].next_by_code("telecom.subscriber.account")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("is_telecom_subscriber"):
            for partner in self.filtered(lambda p: not p.subscriber_account):
                partner.subscriber_account = self.env["ir.sequence"].next_by_code("telecom.subscriber.account")
        result = super().write(vals)
        if "tz" in vals and self.env["res.company"].sudo().search_count([("partner_id", "in", self.ids)], limit=1):
            # The addresses nobody covers are in their company's zone.
            self.env["telecom.premises"]._telecom_recompute_zones()
        return result

    def _make_telecom_subscriber(self):
        """Flag as subscribers (with an account number) the partners that are not yet.
        Called when a connection completes, whoever completes it (operators and
        technicians do not edit contacts)."""
        partners_sudo = self.sudo().filtered(lambda partner: not partner.is_telecom_subscriber)
        partners_sudo.write({"is_telecom_subscriber": True})

    def action_view_telecom_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    def action_view_telecom_services(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_subscriber_service_action")
        action["domain"] = [("commercial_partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
