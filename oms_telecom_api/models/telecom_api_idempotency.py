# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import json
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# Header keys are kept this long; externalId claims are kept for good.
RETENTION_DAYS = 7
EXTERNAL_ID_PREFIX = "externalId:"


def request_fingerprint(method, path, payload):
    """The same request is the same method, path and JSON body (key order aside)."""
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{method} {path}\n{body}".encode()).hexdigest()


class TelecomApiIdempotency(models.Model):
    """A claimed idempotency key and the first response given for it.

    The key is claimed with an INSERT ... ON CONFLICT DO NOTHING inside the
    request's own transaction: of two concurrent requests with one key, the
    second waits for the first to commit, then fails to serialise and is retried
    by Odoo, when it finds the stored response and replays it. A request that
    fails leaves no claim (its transaction is rolled back)."""

    _name = "telecom.api.idempotency"
    _description = "API Idempotency Key"
    _order = "id desc"
    _rec_name = "key"

    client_id = fields.Many2one("telecom.api.client", required=True, ondelete="cascade", index=True)
    key = fields.Char(required=True)
    fingerprint = fields.Char(required=True)
    status_code = fields.Integer()
    response_body = fields.Text()
    location = fields.Char()
    res_model = fields.Char()
    res_id = fields.Integer()

    _sql_constraints = [
        ("client_key_unique", "unique(client_id, key)", "An idempotency key is used once per integration."),
    ]

    @api.model
    def _claim(self, client_id, keys, fingerprint):
        """Claim `keys` for this request, in one statement: {key: None when it is
        ours now, else the record of the earlier request (to replay or refuse)}."""
        self.env.flush_all()
        rows = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')",
                client_id,
                key,
                fingerprint,
                self.env.uid,
                self.env.uid,
            )
            for key in keys
        )
        claimed = self.env.execute_query(
            SQL(
                """INSERT INTO telecom_api_idempotency
                       (client_id, key, fingerprint, create_uid, create_date, write_uid, write_date)
                   VALUES %s
                   ON CONFLICT (client_id, key) DO NOTHING
                   RETURNING key""",
                rows,
            )
        )
        taken = set(keys) - {key for (key,) in claimed}
        earlier = self.sudo().search([("client_id", "=", client_id), ("key", "in", list(taken))]) if taken else self
        by_key = {claim.key: claim for claim in earlier}
        return {key: by_key.get(key, self.browse()) if key in taken else None for key in keys}

    @api.model
    def _store_response(self, client_id, keys, status_code, content, location=None, record=None):
        """Keep the response given for the claimed keys (`content`: its JSON text), to replay it."""
        # One UPDATE: the claims were inserted by _claim, in SQL, in this transaction.
        self.env.cr.execute(
            SQL(
                """UPDATE telecom_api_idempotency
                      SET status_code = %s, response_body = %s, location = %s, res_model = %s, res_id = %s,
                          write_uid = %s, write_date = now() at time zone 'UTC'
                    WHERE client_id = %s AND key IN %s""",
                status_code,
                content,
                location or None,
                record._name if record else None,
                record.id if record else 0,
                self.env.uid,
                client_id,
                tuple(keys),
            )
        )
        self.invalidate_model(["status_code", "response_body", "location", "res_model", "res_id"])

    @api.autovacuum
    def _gc_idempotency_keys(self):
        limit = fields.Datetime.now() - timedelta(days=RETENTION_DAYS)
        self.sudo().search(
            [("create_date", "<", limit), "!", ("key", "=like", f"{EXTERNAL_ID_PREFIX}%")], limit=10000
        ).unlink()
