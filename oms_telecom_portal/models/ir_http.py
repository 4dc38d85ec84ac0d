# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_translation_frontend_modules_name(cls):
        # The portal pages' chatter is mail's own component: its terms are loaded
        # in the reader's language too, as website_mail does for a website.
        return super()._get_translation_frontend_modules_name() + ["mail"]
