# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid

import pytz

from odoo import api, fields, models
from odoo.tools import plaintext2html


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    # Orders arrive in the demo through the code of their channel, as the person
    # who sends them.

    @api.model
    def _demo_send_from_portal(self, xmlid, user_id, vals):
        """The portal user `user_id` sends an order from the portal: the intake
        accepts it for them as the portal's guided forms do (they follow it and
        get its receipt), then the planning job plans it."""
        user = self.env["res.users"].browse(user_id)
        partner = user.partner_id
        vals = dict(vals, partner_id=partner.id)
        if vals.get("description"):
            vals["description"] = plaintext2html(vals["description"])
        order_sudo = self.env["telecom.order.intake"].with_user(user).sudo()._accept([vals])
        order_sudo.message_subscribe(partner_ids=partner.ids)
        order_sudo._telecom_send_order_receipt()
        self._demo_name_record(xmlid, order_sudo)
        self._demo_run_planning_job()
        return order_sudo.id

    @api.model
    def _demo_send_by_email(self, xmlid, partner_id, subject, body):
        """The subscriber `partner_id` writes to the support address: Odoo's mail
        gateway opens the order from the e-mail, as it does from the mail server
        (the gateway's login is the administrator's), and sends its receipt."""
        partner = self.env["res.partner"].browse(partner_id)
        alias = self.env.ref("oms_telecom.mail_alias_telecom_support")
        domain = alias.alias_domain_id.name or self.env.company.email.split("@")[-1]
        message = EmailMessage()
        message["From"] = formataddr((partner.name, partner.email))
        message["To"] = formataddr((self.env.company.name, f"{alias.alias_name}@{domain}"))
        message["Subject"] = subject
        message["Date"] = format_datetime(pytz.utc.localize(fields.Datetime.now()))
        message["Message-ID"] = make_msgid(domain=partner.email.split("@")[-1])
        message.set_content(body)
        gateway = self.env["mail.thread"].with_user(self.env.ref("base.user_admin"))
        order_id = gateway.message_process(self._name, message.as_bytes())
        self._demo_name_record(xmlid, self.browse(order_id))
        return order_id

    @api.model
    def _demo_run_planning_job(self):
        """The scheduled action 'Plan Received Orders', woken by the intake, runs
        as its user until every received order is planned."""
        cron = self.env.ref("oms_telecom.ir_cron_telecom_plan_received_orders").sudo()
        intake = self.env["telecom.order.intake"].with_user(cron.user_id)
        while intake._cron_plan_received():
            pass

    @api.model
    def _demo_name_record(self, xmlid, record):
        """Give the record made by the product's code the demo's external id."""
        self.env["ir.model.data"]._update_xmlids(
            [{"xml_id": f"oms_telecom.{xmlid}", "record": record, "noupdate": True}]
        )
