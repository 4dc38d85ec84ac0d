# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import api, fields, models

from .telecom_order_demo import _DEMO_CLOCK

_logger = logging.getLogger(__name__)


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    @api.model
    def _demo_send_mail_queue(self):
        """The mail queue's scheduled action, on the demo's simulated clock: the
        e-mails due are sent when they were written, dated then, rather than all
        at once when the server first starts. Without a mail server to take them
        (an installation outside `make run`), they wait in the queue as usual."""
        if not self._demo_mail_server_answers():
            return
        now = fields.Datetime.now()
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search([("state", "=", "outgoing"), "|", ("scheduled_date", "=", False), ("scheduled_date", "<=", now)])
        )
        # One transaction: the scheduled action's commit after each batch would end the demo's.
        mails.send(auto_commit=False)

    @api.model
    def _demo_mail_server_answers(self):
        """Whether the outgoing mail server answers, asked once per clock run."""
        if "mail_server_answers" not in _DEMO_CLOCK:
            try:
                self.env["ir.mail_server"].connect().quit()
                _DEMO_CLOCK["mail_server_answers"] = True
            except Exception as error:  # noqa: BLE001 - any failure to connect means: no server
                _logger.info("Demo e-mails are left in the mail queue: %s", error)
                _DEMO_CLOCK["mail_server_answers"] = False
        return _DEMO_CLOCK["mail_server_answers"]
