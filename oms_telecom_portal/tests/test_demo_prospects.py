# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoProspects(TransactionCase):
    """The demo's prospects send the public order form once it exists: they
    receive what a real prospect receives."""

    def test_prospects_receive_the_forms_confirmation(self):
        data = self.env["ir.model.data"].search(
            [("module", "=", "oms_telecom_portal"), ("model", "=", "telecom.order")]
        )
        orders = self.env["telecom.order"].browse(data.mapped("res_id")).exists()
        self.assertEqual(len(orders), 2)
        public_user = self.env.ref("base.public_user")
        template = self.env.ref("oms_telecom_portal.mail_template_telecom_order_web_received")
        for order in orders:
            self.assertEqual(order.channel, "web", order.name)
            self.assertEqual(order.create_uid, public_user, order.name)
            self.assertFalse(order.partner_id, order.name)
            subject = template._render_field("subject", order.ids)[order.id]
            confirmation = order.message_ids.filtered(lambda message, subject=subject: message.subject == subject)
            self.assertEqual(len(confirmation), 1, order.name)
            # Sent by the form as it stored the order, in the company's name.
            self.assertEqual(confirmation.date, order.create_date, order.name)
            self.assertFalse(confirmation.subtype_id.internal, order.name)
            self.assertNotEqual(confirmation.author_id, self.env.ref("base.partner_root"), order.name)
            mail = self.env["mail.mail"].sudo().search([("mail_message_id", "=", confirmation.id)])
            self.assertEqual(mail.email_to, order.prospect_email, order.name)
