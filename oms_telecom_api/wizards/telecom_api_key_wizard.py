# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class TelecomApiKeyWizard(models.TransientModel):
    """Shows a new API key once. It is opened with the key in its context and
    never saved: only the key's hash is stored."""

    _name = "telecom.api.key.wizard"
    _description = "New API Key"

    client_id = fields.Many2one("telecom.api.client", readonly=True)
    key = fields.Char(readonly=True)
