"""The subscriber's confirmation of a booked appointment, with a calendar file."""

import base64

import pytz
import vobject

from odoo import fields, models
from odoo.tools import format_datetime, format_time

ICS_DATETIME_FORMAT = "EEEE d MMMM y, HH:mm"


class TelecomOrder(models.Model):
    _inherit = "telecom.order"  # pylint: disable=consider-merging-classes-inherited

    def _telecom_appointment_window(self, work_orders):
        """(start, end) of the visit, aware in the premises' time zone."""
        self.ensure_one()
        tz = pytz.timezone(
            self.premises_id._telecom_tz() if self.premises_id else self.env.company.partner_id.tz or "UTC"
        )
        start = min(work_orders.mapped("planned_start"))
        end = max(work_orders.mapped("planned_end"))
        return pytz.utc.localize(start).astimezone(tz), pytz.utc.localize(end).astimezone(tz)

    def _telecom_appointment_label(self, start, end, lang=None):
        """'Tuesday 8 December 2026, 07:00 – 10:00 (America/Chicago, CST)' in `lang`."""
        tz_name = start.tzinfo.zone
        naive_start = start.astimezone(pytz.utc).replace(tzinfo=None)
        naive_end = end.astimezone(pytz.utc).replace(tzinfo=None)
        return self.env._(
            "%(start)s – %(end)s (%(zone)s, %(abbreviation)s)",
            start=format_datetime(self.env, naive_start, tz=tz_name, dt_format=ICS_DATETIME_FORMAT, lang_code=lang),
            end=format_time(self.env, naive_end, tz=tz_name, time_format="HH:mm", lang_code=lang),
            zone=tz_name,
            abbreviation=start.strftime("%Z"),
        )

    def _telecom_appointment_ics(self, start, end, technician):
        """The visit as an iCalendar file, in the premises' time zone (with its
        VTIMEZONE), one UID per order so that a moved visit replaces the first one."""
        self.ensure_one()
        calendar = vobject.iCalendar()
        calendar.add("method").value = "PUBLISH"
        event = calendar.add("vevent")
        domain = (self.company_id.email or "oms.telecom").rpartition("@")[2] or "oms.telecom"
        event.add("uid").value = f"telecom-order-{self.id}-appointment@{domain}"
        event.add("sequence").value = str(int(fields.Datetime.now().timestamp()))
        event.add("dtstamp").value = pytz.utc.localize(fields.Datetime.now())
        event.add("dtstart").value = start
        event.add("dtend").value = end
        event.add("summary").value = self.env._(
            "%(company)s technician visit (%(order)s)", company=self.company_id.name, order=self.name
        )
        event.add("location").value = self.premises_id.display_name or ""
        event.add("description").value = self.env._(
            "Technician: %(technician)s. Order %(order)s: %(url)s",
            technician=technician.name or "-",
            order=self.name,
            url=self.get_base_url() + self.get_portal_url(),
        )
        return calendar.serialize().encode()

    def _telecom_send_appointment_confirmation(self, work_orders, technician):
        """E-mail the subscriber (or prospect) the booked time with its .ics file."""
        template = self.env.ref("oms_telecom.mail_template_telecom_appointment_confirmed", raise_if_not_found=False)
        for order in self:
            if not template or not (order.partner_id.email or order.prospect_email):
                continue
            start, end = order._telecom_appointment_window(work_orders)
            ics = order._telecom_appointment_ics(start, end, technician)
            lang = order.partner_id.lang or self.env.lang
            template.sudo().with_context(
                telecom_appointment_when=order.with_context(lang=lang)._telecom_appointment_label(start, end, lang),
                telecom_appointment_technician=technician.name,
            ).send_mail(
                order.id,
                email_layout_xmlid="mail.mail_notification_light",
                email_values={"attachments": [("appointment.ics", base64.b64encode(ics))]},
            )
