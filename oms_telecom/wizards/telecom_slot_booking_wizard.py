import pytz

from odoo import Command, api, fields, models
from odoo.tools import format_datetime, format_time


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
            premises = wizard.order_id.premises_id
            wizard.premises_tz = premises._telecom_tz() if premises else self.env.company.partner_id.tz or "UTC"

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

    @api.depends("start", "end", "wizard_id.premises_tz")
    def _compute_local_time(self):
        for line in self:
            tz = line.wizard_id.premises_tz or "UTC"
            abbreviation = pytz.utc.localize(line.start).astimezone(pytz.timezone(tz)).strftime("%Z")
            line.local_time = (
                f"{format_datetime(self.env, line.start, tz=tz, dt_format='EEE d MMM, HH:mm')}"
                f" – {format_time(self.env, line.end, tz=tz, time_format='HH:mm')} {abbreviation}"
            )

    def action_book(self):
        self.ensure_one()
        self.wizard_id.order_id._book_technician_slot(self.start, self.technician_id.id)
        return {"type": "ir.actions.act_window_close"}
