from datetime import timedelta

from odoo import api, fields, models


class TelecomOrder(models.Model):
    _inherit = "telecom.order"
    # Subscribers only read their orders; they still write in the portal chatter.
    _mail_post_access = "read"

    form_token = fields.Char(
        copy=False,
        readonly=True,
        groups="oms_telecom.group_oms_operator",
        help="Token of the public form that created the order: submitting the same form twice creates one order.",
    )
    request_ip = fields.Char(
        string="Request IP",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="oms_telecom.group_oms_operator",
        help="Address the public order form was sent from, for abuse protection.",
    )

    _sql_constraints = [
        ("form_token_unique", "unique(form_token)", "This order form has already been submitted."),
    ]

    @api.model
    def _web_form_order_count(self, request_ip, since):
        """Web-form orders sent from `request_ip` since `since` (rate limit)."""
        return self.sudo().search_count(
            [("channel", "=", "web"), ("request_ip", "=", request_ip), ("create_date", ">=", since)]
        )

    @api.model
    def _web_form_rate_limited(self, request_ip, count, seconds):
        """Whether `request_ip` has sent `count` accepted web orders in the last
        `seconds` already. The address is locked first, until the transaction
        ends: the order created next in this transaction is counted by the next
        submission from the address, even one sent at the same moment."""
        self.env["telecom.web.form.address"].sudo()._lock(request_ip)
        since = self.env.cr.now() - timedelta(seconds=seconds)
        return self._web_form_order_count(request_ip, since) >= count

    def _get_report_base_filename(self):
        self.ensure_one()
        return self.name
