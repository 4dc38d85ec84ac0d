# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _telecom_send_in_background(self):
        """Send the posted invoices as Invoicing's "Send" does in the background:
        each gets its PDF (the legal document of the portal, no longer a proforma)
        and goes to its subscriber by e-mail in their language, from the company."""
        to_send = self.filtered(
            lambda move: move.state == "posted" and not move.sending_data and not move.invoice_pdf_report_id
        )
        for move in to_send:
            company_partner = move.company_id.partner_id
            move.sending_data = {
                "author_user_id": self.env.user.id,
                "author_partner_id": company_partner.id,
            }
        if to_send:
            self.env.ref("account.ir_cron_account_move_send")._trigger()
