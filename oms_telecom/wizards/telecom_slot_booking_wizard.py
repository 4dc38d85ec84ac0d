# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models


class TelecomSlotBookingWizard(models.TransientModel):
    """The free slots of the technical division's technicians for an order's work
    orders, to book one."""

    _name = "telecom.slot.booking.wizard"
    _description = "Book a Technician Appointment"

    order_id = fields.Many2one("telecom.order", required=True, ondelete="cascade")
    date_from = fields.Date(string="From", default=fields.Date.context_today)
    days = fields.Integer(string="Working Days", help="0: the division's booking horizon.")
    line_ids = fields.One2many("telecom.slot.booking.line", "wizard_id", string="Free Slots")
    premises_tz = fields.Char(
        string="Time Zone of the Address", compute="_compute_premises_tz", help="Where the technician goes."
    )

    @api.depends("order_id.premises_id")
    def _compute_premises_tz(self):
        for wizard in self:
            wizard.premises_tz = wizard.order_id.premises_id._telecom_local_tz()

    def action_search(self):
        self.ensure_one()
        slots = self.order_id._get_technician_slots(date_from=self.date_from, days=self.days or None)
        self.line_ids = [Command.clear()] + [
            Command.create({"start": slot["start"], "end": slot["end"], "technician_id": slot["technician_id"]})
            for slot in slots
        ]
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
        }


class TelecomSlotBookingLine(models.TransientModel):
    _name = "telecom.slot.booking.line"
    _description = "Free Technician Slot"
    _order = "start, id"

    wizard_id = fields.Many2one("telecom.slot.booking.wizard", required=True, ondelete="cascade")
    start = fields.Datetime(required=True)
    end = fields.Datetime(required=True)
    technician_id = fields.Many2one("res.users", required=True)
    local_time = fields.Char(string="At the Address", compute="_compute_local_time")

    @api.depends("start", "end", "wizard_id.order_id.premises_id")
    @api.depends_context("lang")
    def _compute_local_time(self):
        for line in self:
            line.local_time = line.wizard_id.order_id.premises_id._telecom_local_time(
                line.start, line.end, dt_format="EEE d MMM, HH:mm"
            )

    def action_book(self):
        self.ensure_one()
        self.wizard_id.order_id._book_technician_slot(self.start, self.technician_id.id)
        return {"type": "ir.actions.act_window_close"}
