# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

# Lookups older than this are removed: the rate limit looks back minutes only.
RETENTION_HOURS = 24


class TelecomCoverageLookup(models.Model):
    """One coverage check asked from the public form, by request address: the
    checks of one address are counted to rate-limit it (one row per check, so
    that parallel workers count the same way)."""

    _name = "telecom.coverage.lookup"
    _description = "Public Coverage Check"
    _log_access = False
    _rec_name = "request_ip"

    request_ip = fields.Char(string="Request IP", required=True, readonly=True, index=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now, index=True)

    @api.model
    def _record_and_check(self, request_ip, count, seconds):
        """Record a check from `request_ip`; False when it is over `count` checks in `seconds`.
        The address is locked first, until the transaction ends, as for the order
        form (see `telecom.web.form.address._lock`): checks sent at the same moment
        are counted one after the other. (An advisory lock would not do: the
        transaction's snapshot is taken before it waits, so it would not see the
        checks committed meanwhile.)"""
        if not count:
            return True
        self.env["telecom.web.form.address"].sudo()._lock(request_ip)
        since = fields.Datetime.now() - timedelta(seconds=seconds)
        recent = self.search_count([("request_ip", "=", request_ip), ("date", ">=", since)], limit=count)
        if recent >= count:
            return False
        self.create({"request_ip": request_ip})
        return True

    @api.autovacuum
    def _gc_coverage_lookups(self):
        self.search([("date", "<", fields.Datetime.now() - timedelta(hours=RETENTION_HOURS))]).unlink()
