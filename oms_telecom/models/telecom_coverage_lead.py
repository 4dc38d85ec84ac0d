# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import AccessError

LEAD_STATES = [
    ("waiting", "Waiting for Coverage"),
    ("covered", "Covered: to Call"),
    ("contacted", "Contacted"),
]


class TelecomCoverageLead(models.Model):
    """A prospect told that the address is not covered, who asked to be told when
    it is. When a coverage area is added or extended, the leads it now covers are
    listed for operators to call."""

    _name = "telecom.coverage.lead"
    _description = "Coverage Lead"
    _order = "date_covered desc, id desc"

    name = fields.Char(string="Contact", required=True, readonly=True)
    email = fields.Char(readonly=True)
    phone = fields.Char(readonly=True)
    qualification_id = fields.Many2one("telecom.qualification", required=True, readonly=True, ondelete="cascade")
    address = fields.Char(related="qualification_id.address")
    premises_id = fields.Many2one(related="qualification_id.premises_id")
    product_ids = fields.Many2many("product.product", string="Wanted Offerings", readonly=True)
    state = fields.Selection(LEAD_STATES, required=True, readonly=True, default="waiting", index=True)
    covered_area_id = fields.Many2one("telecom.coverage.area", readonly=True, index=True, ondelete="set null")
    division_id = fields.Many2one(related="covered_area_id.division_id", string="Field Team")
    date_covered = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True, default=lambda self: self.env.company
    )

    @api.model
    def _create_from_qualification_sudo(self, qualification, name, email, phone):
        """The lead of a prospect told `qualification`'s address is not covered
        (the caller checked the qualification is theirs: its token)."""
        offerings = (
            qualification.item_ids.product_id if qualification.offerings_chosen else qualification.item_ids.browse()
        )
        vals = {
            "name": name,
            "email": email or False,
            "phone": phone or False,
            "qualification_id": qualification.id,
            # An address checked before choosing: no offering in particular.
            "product_ids": [Command.set(offerings.ids)],
            "company_id": qualification.company_id.id,
        }
        # The same person asking again for the same address is one lead.
        same_sudo = self.sudo().search(
            [
                ("state", "=", "waiting"),
                ("address", "=", qualification.address),
                ("email", "=", email) if email else ("phone", "=", phone),
            ],
            limit=1,
        )
        if same_sudo:
            same_sudo.write(vals)
            return same_sudo
        return self.sudo().create(vals)

    @api.model
    def _notice_new_coverage(self):
        """Mark the waiting leads that a field team's area now covers, to be called."""
        leads_sudo = self.sudo().search([("state", "=", "waiting")])
        if not leads_sudo:
            return leads_sudo
        Qualification = self.env["telecom.qualification"]
        covered_sudo = self.sudo()
        now = fields.Datetime.now()
        for qualification, leads in leads_sudo.grouped("qualification_id").items():
            area = Qualification._covering_area(qualification._address_premises())
            if area:
                leads.write({"state": "covered", "covered_area_id": area.id, "date_covered": now})
                covered_sudo |= leads
        return covered_sudo

    def action_mark_contacted(self):
        if not self.env.user.has_group("oms_telecom.group_oms_operator"):
            raise AccessError(self.env._("Only operators mark leads as contacted."))
        self.check_access("read")
        self.sudo().write({"state": "contacted"})
