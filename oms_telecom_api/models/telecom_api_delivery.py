# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import logging
import time
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.tools import SQL

from .. import callback_guard

_logger = logging.getLogger(__name__)

DELIVERY_STATES = [
    ("pending", "Waiting"),
    ("delivered", "Delivered"),
    ("dead", "Dead Letter"),
    ("cancelled", "Discarded"),
]
MAX_BACKOFF = timedelta(hours=6)
# Attempts per scheduled action call; the framework commits between calls.
BATCH_SIZE = 100
SIGNATURE_HEADER = "X-OMS-Signature"
# What a listener answers is kept for the log, not more.
RESPONSE_EXCERPT = 500


def sign(secret, timestamp, body):
    """HMAC-SHA256 of "<timestamp>.<body>" with the listener's secret, hex."""
    return hmac.new(secret, f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


class TelecomApiDelivery(models.Model):
    """One event for one listener. Sent by the scheduled action in event order
    per order and listener: a delivery waits while an earlier one of the same
    stream is waiting or dead-lettered. Failures are retried with exponential
    backoff; after the listener's maximum number of attempts the delivery is
    dead-lettered until someone retries or discards it.

    Delivery is at least once: a batch is committed after it is sent, so a
    worker that dies mid-batch sends that batch again. Every attempt carries the
    event id (``eventId`` in the body, ``X-OMS-Event-Id`` header), the same on
    each attempt, and listeners deduplicate on it."""

    _name = "telecom.api.delivery"
    _description = "Event Delivery"
    _order = "id desc"

    event_id = fields.Many2one("telecom.api.event", required=True, readonly=True, ondelete="cascade", index=True)
    event_type = fields.Char(related="event_id.event_type")
    order_id = fields.Many2one(related="event_id.order_id")
    listener_id = fields.Many2one("telecom.api.listener", required=True, readonly=True, ondelete="cascade")
    stream_key = fields.Char(required=True, readonly=True, help="Deliveries of one stream go out in order.")
    state = fields.Selection(DELIVERY_STATES, required=True, default="pending", readonly=True, index=True)
    attempt_count = fields.Integer(string="Attempts", readonly=True)
    next_attempt_at = fields.Datetime(readonly=True, index="btree_not_null")
    delivered_at = fields.Datetime(readonly=True)
    last_status_code = fields.Integer(string="Last HTTP Status", readonly=True)
    last_error = fields.Char(readonly=True)
    attempt_ids = fields.One2many("telecom.api.delivery.attempt", "delivery_id", string="Attempts Log")

    def init(self):
        self.env.cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS telecom_api_delivery_stream_idx
                   ON telecom_api_delivery (listener_id, stream_key, id)
                   WHERE state IN ('pending', 'dead')"""
            )
        )

    @api.model
    def _enqueue(self, events, plan, now):
        """Deliveries of `events` to the listeners of `plan` [(listener ids, stream key)]."""
        self.create(
            [
                {
                    "event_id": event.id,
                    "listener_id": listener_id,
                    "stream_key": stream_key,
                    "next_attempt_at": now,
                }
                for event, (listener_ids, stream_key) in zip(events, plan, strict=True)
                for listener_id in listener_ids
            ]
        )
        self.env.ref("oms_telecom_api.ir_cron_deliver_events")._trigger()

    # Actions

    def action_retry(self):
        """Send dead letters again (in their order), from a fresh count of attempts."""
        todo = self.filtered(lambda delivery: delivery.state in ("dead", "pending"))
        todo.write({"state": "pending", "attempt_count": 0, "next_attempt_at": fields.Datetime.now()})
        if todo:
            self.env.ref("oms_telecom_api.ir_cron_deliver_events")._trigger()
        return True

    def action_discard(self):
        self.filtered(lambda delivery: delivery.state in ("dead", "pending")).write(
            {"state": "cancelled", "next_attempt_at": False}
        )
        return True

    # Sending

    @api.model
    def _due_heads(self, limit, exclude_listener_ids=()):
        """Deliveries due now that are first in their stream, locked for this batch."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT d.id FROM telecom_api_delivery d
                    WHERE d.state = 'pending' AND d.next_attempt_at <= %s
                      AND d.listener_id != ALL(%s::int[])
                      AND EXISTS (SELECT 1 FROM telecom_api_listener l WHERE l.id = d.listener_id AND l.active)
                      AND NOT EXISTS (
                          SELECT 1 FROM telecom_api_delivery e
                           WHERE e.listener_id = d.listener_id AND e.stream_key = d.stream_key
                             AND e.id < d.id AND e.state IN ('pending', 'dead'))
                    ORDER BY d.id
                    LIMIT %s
                    FOR UPDATE SKIP LOCKED""",
                fields.Datetime.now(),
                list(exclude_listener_ids),
                limit,
            )
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _process_due(self, batch_size=BATCH_SIZE, time_budget=None):
        """Send one batch: at most `batch_size` attempts, stream by stream, until
        nothing is due (or the time budget is spent). A listener that failed is
        not tried again in this batch. Returns the number of attempts made and
        the ids of the listeners that failed."""
        started = time.monotonic()
        attempts = 0
        down = set()
        while attempts < batch_size:
            heads = self._due_heads(batch_size - attempts, exclude_listener_ids=down)
            if not heads:
                break
            for delivery in heads:
                if delivery.listener_id.id in down:
                    continue  # failed on an earlier head of this query
                if not delivery._send():
                    down.add(delivery.listener_id.id)
                attempts += 1
                if time_budget and time.monotonic() - started > time_budget:
                    return attempts, down
        return attempts, down

    @api.model
    def _count_sendable(self, exclude_listener_ids):
        """Due deliveries that a next batch can send: not held back by a dead
        letter or a retry not due yet, nor for `exclude_listener_ids`."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT count(*) FROM telecom_api_delivery d
                    WHERE d.state = 'pending' AND d.next_attempt_at <= %(now)s
                      AND d.listener_id != ALL(%(excluded)s::int[])
                      AND EXISTS (SELECT 1 FROM telecom_api_listener l WHERE l.id = d.listener_id AND l.active)
                      AND NOT EXISTS (
                          SELECT 1 FROM telecom_api_delivery e
                           WHERE e.listener_id = d.listener_id AND e.stream_key = d.stream_key
                             AND e.id < d.id
                             AND (e.state = 'dead' OR (e.state = 'pending' AND e.next_attempt_at > %(now)s)))""",
                now=fields.Datetime.now(),
                excluded=list(exclude_listener_ids),
            )
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _cron_deliver(self, batch_size=BATCH_SIZE, time_budget=50):
        """Scheduled action: send one batch and report progress. The cron
        framework commits each batch and calls again while some remain. The
        deliveries of listeners that failed in this batch are not counted, so a
        listener that is down does not keep the job calling. Once nothing is
        left, plan the next run at the earliest retry."""
        attempts, down = self._process_due(batch_size=batch_size, time_budget=time_budget)
        remaining = self._count_sendable(down)
        if not (attempts and remaining):
            # The framework calls again only when both are set.
            self._schedule_next_run()
        self.env["ir.cron"]._notify_progress(done=attempts, remaining=remaining)

    @api.model
    def _schedule_next_run(self):
        upcoming = self.search([("state", "=", "pending")], order="next_attempt_at", limit=1)
        if upcoming.next_attempt_at:
            self.env.ref("oms_telecom_api.ir_cron_deliver_events")._trigger(
                max(upcoming.next_attempt_at, fields.Datetime.now())
            )

    def _send(self):
        """One attempt: POST the event, log it, then delivered, retried later or dead."""
        self.ensure_one()
        listener = self.listener_id
        body = (self.event_id.payload or "{}").encode()
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "OMS-Telecom-Events/1.0",
            "X-OMS-Event-Id": self.event_id.event_uuid,
            "X-OMS-Event-Type": self.event_id.event_type,
            "X-OMS-Delivery-Attempt": str(self.attempt_count + 1),
            "X-OMS-Timestamp": timestamp,
            SIGNATURE_HEADER: "sha256=" + sign(listener._signing_key(), timestamp, body),
        }
        url = listener._delivery_url(self.event_id.event_type)
        started = time.monotonic()
        status, error, excerpt = self._post(url, body, headers, listener.timeout or 10.0)
        duration = time.monotonic() - started
        now = fields.Datetime.now()
        attempt_count = self.attempt_count + 1
        vals = {"attempt_count": attempt_count, "last_status_code": status, "last_error": error}
        if not error:
            vals.update(state="delivered", delivered_at=now, next_attempt_at=False)
        elif attempt_count >= max(listener.max_attempts, 1):
            vals.update(state="dead", next_attempt_at=False)
            _logger.info("Event delivery %s to %s is dead-lettered: %s", self.id, url, error)
        else:
            delay = timedelta(seconds=max(listener.backoff_seconds, 1) * 2 ** (attempt_count - 1))
            vals["next_attempt_at"] = now + min(delay, MAX_BACKOFF)
        self.write(vals)
        self.env["telecom.api.delivery.attempt"].create(
            {
                "delivery_id": self.id,
                "attempted_at": now,
                "status_code": status,
                "error": error,
                "response_excerpt": excerpt,
                "duration_ms": int(duration * 1000),
            }
        )
        return not error

    @api.model
    def _post(self, url, body, headers, timeout):
        """(HTTP status or 0, error or False, response excerpt or False) of one
        POST. The URL is checked at each attempt (its host's addresses may have
        changed since it was registered) and the connection goes to the
        addresses checked; a redirection is not followed."""
        Listener = self.env["telecom.api.listener"]
        try:
            response = callback_guard.post(Listener._check_url(url), body, headers, timeout)
        except callback_guard.UnsafeCallback as exc:
            return 0, Listener._url_refusal(url, exc)[:RESPONSE_EXCERPT], False
        except requests.RequestException as exc:
            return 0, f"{type(exc).__name__}: {exc}"[:RESPONSE_EXCERPT], False
        status = response.status_code
        error = False if 200 <= status < 300 else f"HTTP {status}"
        return status, error, response.text[:RESPONSE_EXCERPT]
