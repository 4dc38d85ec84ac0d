# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomOrderDemo(models.AbstractModel):
    _inherit = "telecom.order.demo"

    @api.model
    def _demo_web_form_sent(self, order_sudo):
        """The public order form confirms the order to the prospect."""
        result = super()._demo_web_form_sent(order_sudo)
        order_sudo._telecom_send_web_form_confirmation()
        return result
