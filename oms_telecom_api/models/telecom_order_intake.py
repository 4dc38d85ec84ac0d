# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.oms_telecom.models.telecom_order_state import CLOSED_STATES

from .telecom_order import CANCELLATION_STATES

# A batch of receipts takes about a second: the planning job, which the cron
# workers run first (its priority), never waits longer for them.
DEFAULT_RECEIPT_BATCH_SIZE = 20
RECEIPT_CRON = "oms_telecom_api.ir_cron_send_api_order_receipts"
# How long after their planning the receipts of a batch of orders are sent: the
# e-mails (rendered, kept in the chatter, queued) give way to intake and planning
# rather than compete with them for the server.
RECEIPT_DELAY = timedelta(seconds=30)
# Receipts give way to orders waiting for their planning, for at most this long.
RECEIPT_MAX_WAIT = timedelta(minutes=5)


class TelecomOrderIntake(models.AbstractModel):
    """Orders received over the API: their request stores them (see
    telecom.api.product.order); the planning writes their creation in the
    chatter; the scheduled action "Send Receipts of API Orders", shortly after,
    e-mails their customer the receipt."""

    _inherit = "telecom.order.intake"

    @api.model
    def _plan(self, orders):
        received_over_api = orders.filtered(lambda order: order.planning_pending and order.tmf_client_id)
        self._log_creation(received_over_api)
        result = super()._plan(orders)
        if received_over_api.filtered("tmf_receipt_pending"):
            self.env.ref(RECEIPT_CRON)._trigger(fields.Datetime.now() + RECEIPT_DELAY)
        return result

    @api.model
    def _log_creation(self, orders):
        """The creation note of orders received over the API, and their creator as
        follower: what mail.thread writes when a record is created, left by their
        request to the planning, dated and signed as created, before the
        planning's own notes."""
        for creator, created in orders.grouped("create_uid").items():
            if creator.active:
                self.env["mail.followers"]._insert_followers(
                    created._name, created.ids, creator.partner_id.ids, check_existing=True
                )
            bodies = {order.id: order._creation_message() for order in created.with_context(lang=creator.lang)}
            notes = created._message_log_batch(bodies, author_id=creator.partner_id.id)
            dates = dict(zip(notes, created.mapped("create_date"), strict=True))
            # One write per creation date: orders received in the same instant share it.
            for date, notes_of_date in notes.grouped(dates.get).items():
                notes_of_date.date = date

    @api.model
    def _cron_send_receipts(self, batch_size=DEFAULT_RECEIPT_BATCH_SIZE):
        """Send one batch of receipts of planned orders, oldest first, and trigger
        the next batch as a new run (rather than _notify_progress, whose runs follow
        each other): a cron worker takes the planning of new orders in between."""
        Order = self.env["telecom.order"].sudo()
        domain = [("tmf_receipt_pending", "=", True), ("planning_pending", "=", False)]
        if self._receipts_give_way(domain):
            self.env.ref(RECEIPT_CRON)._trigger(fields.Datetime.now() + RECEIPT_DELAY)
            return 0
        # An order another worker is confirming is skipped, not waited for.
        query = Order._search(domain, order="id", limit=batch_size)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        orders_sudo = Order.browse(order_id for (order_id,) in rows)
        orders_sudo._system_write({"tmf_receipt_pending": False})
        self._send_receipts(orders_sudo)
        if len(orders_sudo) == batch_size:
            self._trigger_at_once(RECEIPT_CRON)
        self.env["ir.cron"]._notify_progress(done=len(orders_sudo), remaining=0)
        return len(orders_sudo)

    @api.model
    def _receipts_give_way(self, domain):
        """Whether orders wait for their planning (a burst): their planning goes
        first, unless the oldest receipt has waited too long already."""
        Order = self.env["telecom.order"].sudo()
        if not Order.search_count([("planning_pending", "=", True)], limit=1):
            return False
        oldest = Order.search(domain, order="id", limit=1)
        return bool(oldest) and oldest.date_submitted > fields.Datetime.now() - RECEIPT_MAX_WAIT

    @api.model
    def _send_receipts(self, orders):
        """Confirm the orders to their customer, once: not when the first step of
        their scenario e-mailed the same confirmation, nor when they were refused
        or cancelled meanwhile."""
        for order in orders:
            if order.state in CLOSED_STATES or order.state in CANCELLATION_STATES:
                continue
            template = order._telecom_order_receipt_template()
            sent = order.order_step_ids.filtered(
                lambda step, template=template: (
                    step.notification_message_id and step.scenario_step_id.mail_template_id == template
                )
            )
            if not sent:
                order._telecom_send_order_receipt()
