# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Rows of addresses silent for this long are removed (they are recreated when needed).
RETENTION_DAYS = 2


class TelecomWebFormAddress(models.Model):
    """An address (IP) the public order form was sent from, or its coverage check
    asked from: its row is locked while an order or a check from it is counted and
    recorded, so that what one address sends is counted one after the other,
    however much arrives at once."""

    _name = "telecom.web.form.address"
    _description = "Public Order Form Sender Address"
    _log_access = False
    _rec_name = "request_ip"

    request_ip = fields.Char(string="Request IP", required=True, readonly=True)
    last_submission = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("request_ip_unique", "unique(request_ip)", "An address is recorded once."),
    ]

    @api.model
    def _lock(self, request_ip):
        """Lock the row of `request_ip` (created on its first use) until the
        transaction ends. A parallel submission from the same address waits for
        this transaction, then fails to serialise and is retried by Odoo, when it
        sees what this one created."""
        self.env.cr.execute(
            SQL(
                """INSERT INTO telecom_web_form_address (request_ip, last_submission)
                   VALUES (%s, %s)
                   ON CONFLICT (request_ip) DO UPDATE SET last_submission = EXCLUDED.last_submission
                   RETURNING id""",
                request_ip,
                self.env.cr.now(),
            )
        )
        return self.browse(self.env.cr.fetchone()[0])

    @api.autovacuum
    def _gc_web_form_addresses(self):
        limit = fields.Datetime.now() - timedelta(days=RETENTION_DAYS)
        self.search([("last_submission", "<", limit)]).unlink()
