# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets

from odoo import api, fields, models, tools

KEY_PREFIX = "omsk"
# What a key may call: the TM Forum API families.
API_SCOPES = ("productOrdering", "troubleTicket", "workOrder")


def hash_api_key(key):
    """Keys are long random tokens: a plain SHA-256 is enough to keep them
    unreadable at rest and lets a request find its key with one indexed look-up."""
    return hashlib.sha256(key.encode()).hexdigest()


class TelecomApiClient(models.Model):
    """An integration (web shop, CRM, provisioning...) calling the REST API with
    its own API key. Requests run as the integration's user: their access rights
    and record rules apply."""

    _name = "telecom.api.client"
    _description = "API Integration"
    _inherit = "telecom.cached.config"
    _order = "name"

    name = fields.Char(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Acts as",
        required=True,
        ondelete="restrict",
        domain=[("share", "=", False)],
        help="The API runs as this user: their access rights and record rules apply.",
    )
    active = fields.Boolean(default=True, help="An archived integration's key is refused at once.")
    key_prefix = fields.Char(readonly=True, copy=False, help="The first characters of the key, to recognise it.")
    key_hash = fields.Char(readonly=True, copy=False, index=True, groups="base.group_system")
    key_date = fields.Datetime(string="Key Issued on", readonly=True, copy=False)
    has_key = fields.Boolean(compute="_compute_has_key")
    signing_secret = fields.Char(
        copy=False,
        default=lambda self: secrets.token_hex(32),
        groups="oms_telecom.group_oms_manager",
        help="Events sent to this integration's hubs are signed with it (HMAC-SHA256).",
    )
    allow_product_ordering = fields.Boolean(string="Product Ordering (TMF622)", default=True)
    allow_trouble_ticket = fields.Boolean(string="Trouble Tickets (TMF621)", default=True)
    allow_work_order = fields.Boolean(string="Work Orders (TMF697)", default=True)
    listener_ids = fields.One2many("telecom.api.listener", "client_id", string="Registered Hubs")
    company_id = fields.Many2one(related="user_id.company_id")

    _sql_constraints = [("key_hash_unique", "unique(key_hash)", "This API key is already used.")]

    @api.depends("key_prefix")
    def _compute_has_key(self):
        for client in self:
            client.has_key = bool(client.key_prefix)

    def action_generate_key(self):
        """A new key, shown once: only its hash is kept. The previous key stops working."""
        self.ensure_one()
        key = self._issue_key()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("API Key of %s", self.name),
            "res_model": "telecom.api.key.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_client_id": self.id, "default_key": key},
        }

    def action_revoke_key(self):
        self.write({"key_hash": False, "key_prefix": False, "key_date": False})
        return True

    def action_new_signing_secret(self):
        for client in self:
            client.signing_secret = secrets.token_hex(32)
        return True

    def _issue_key(self):
        self.ensure_one()
        self.check_access("write")
        key = f"{KEY_PREFIX}_{secrets.token_urlsafe(32)}"
        self.sudo().write({"key_hash": hash_api_key(key), "key_prefix": key[:12], "key_date": fields.Datetime.now()})
        return key

    def _scopes(self):
        self.ensure_one()
        flags = (self.allow_product_ordering, self.allow_trouble_ticket, self.allow_work_order)
        return frozenset(scope for scope, allowed in zip(API_SCOPES, flags, strict=True) if allowed)

    @api.model
    def _authenticate(self, key):
        """(client id, user id, company ids, scopes) for an API key, or None.
        Cached per key hash; any change of an integration clears the cache, so a
        revoked key is refused by the next request."""
        if not key:
            return None
        return self._auth_info(hash_api_key(key))

    @api.model
    @tools.ormcache("key_hash")
    def _auth_info(self, key_hash):
        clients_sudo = self.sudo().search([("key_hash", "=", key_hash)], limit=1)
        user_sudo = clients_sudo.user_id
        if not clients_sudo or not user_sudo.active:
            return None
        companies = user_sudo.company_id | user_sudo.company_ids
        return (clients_sudo.id, user_sudo.id, tuple(companies.ids), clients_sudo._scopes())
