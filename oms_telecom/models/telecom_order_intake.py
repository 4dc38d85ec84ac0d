# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import time
from datetime import datetime

from odoo import SUPERUSER_ID, api, fields, models
from odoo.http import request
from odoo.tools import SQL

from .telecom_batch_memo import remembering
from .telecom_private_context import SKIP_MANUAL_FLAGS, system_write_context

_logger = logging.getLogger(__name__)

DEFAULT_INTAKE_BATCH_SIZE = 200
# Seconds the oldest received order may wait before requests help plan.
DEFAULT_PLANNING_LAG = 5
LAG_CHECK_INTERVAL = 1.0  # seconds between two checks by one worker
HELP_BATCH_SIZE = 50
# {database: monotonic time of this worker's next check}
_next_lag_check = {}
PLANNING_CRON = "oms_telecom.ir_cron_telecom_plan_received_orders"
ROUTING_FIELDS = ("division_id", "uncovered_address", "user_id")


class TelecomOrderIntake(models.AbstractModel):
    """Order intake in two parts.

    Acceptance (`_accept`, in the customer's or the integration's request): the
    orders are checked, stored and acknowledged, and the request answers.
    Planning (`_plan`, in the scheduled action "Plan Received Orders",
    triggered at once): routing, the scenario's first step, its SLA, their
    chatter notes and events, in batches. An operator's Submit runs both parts
    in one transaction.

    The scheduled action is core's ir.cron: `_trigger()` wakes a cron worker at
    commit (PostgreSQL NOTIFY), one run takes every order received meanwhile
    (its batches grow with the load), a cron job never runs twice at once
    across servers, and an order waiting for its planning says so itself
    (`planning_pending`, written in the transaction that acknowledged it): a
    server that stops before planning loses nothing, the next run finds the
    order. When the scheduled action lags (its worker starved by busy HTTP
    workers), the requests receiving orders help (`_help_when_planning_lags`)."""

    _name = "telecom.order.intake"
    _description = "Order Intake"

    # Acceptance: in the request

    @api.model
    def _accept(self, vals_list):
        """Create the orders of `vals_list` and acknowledge them; their planning
        follows in the scheduled action. The values are the caller's checked
        mapping of a request (API payload, portal or public form)."""
        Order = self.env["telecom.order"]
        Order._check_internal_user()
        # The channel of whoever sends them, unless the caller names it (the API).
        channel = not all("channel" in vals for vals in vals_list) and self._channel_of_user()
        # Stored acknowledged by its one INSERT: the customer never had a draft.
        acknowledged = self._acknowledged_vals()
        vals_list = [
            {**({"channel": channel} if channel else {}), **vals, **acknowledged, "planning_pending": True}
            for vals in vals_list
        ]
        orders = Order.with_context(**system_write_context()).create(vals_list).with_env(self.env)
        self._check(orders)
        self._trigger_planning()
        if request:
            self._help_when_planning_lags()
        return orders

    @api.model
    def _channel_of_user(self):
        """The channel of an order accepted without one: the portal for a
        subscriber, the public order form for a visitor."""
        user = self.env.user
        if user._is_public():
            return "web"
        return "portal" if user.share else False

    @api.model
    def _acknowledged_vals(self):
        """What _set_state("acknowledged") and _acknowledge write, as values of a new order."""
        stage = self.env["telecom.order"]._stage_for_state("acknowledged")
        vals = {"state": "acknowledged", "date_submitted": fields.Datetime.now(), "date_closed": False}
        if stage:
            vals["stage_id"] = stage.id
        return vals

    @api.model
    def _trigger_planning(self):
        """Wake the scheduled action "Plan Received Orders" at commit."""
        self._trigger_at_once(PLANNING_CRON)

    @api.model
    def _trigger_at_once(self, cron_xmlid):
        """ir.cron's _trigger() in one query (the action's id cached, its record not
        read: an archived action ignores its triggers), to the microsecond: core's
        triggers are to the second, and a run of the action that started within
        that second, and may not see what this transaction commits, would delete
        this trigger as it ends."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(cron_xmlid)
        # Inserted as the ORM would, without its bookkeeping: nothing reads the
        # trigger in this transaction but the cron worker woken after it.
        self.env.execute_query(
            SQL(
                """INSERT INTO ir_cron_trigger (cron_id, call_at, create_uid, create_date, write_uid, write_date)
                   VALUES (%s, %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')""",
                cron_id,
                datetime.utcnow(),
                self.env.uid,
                self.env.uid,
            )
        )
        self.env.cr.postcommit.add(self.env["ir.cron"].browse(cron_id)._notifydb)

    @api.model
    def _help_when_planning_lags(self):
        """Have this request plan a batch of received orders after its commit if
        the oldest has waited longer than allowed: Odoo runs the scheduled
        actions in a cron worker of lower priority than the HTTP workers (it is
        niced), which a burst keeping these busy starves of CPU. Checked at most
        once a second by each worker; the orders are taken as the scheduled
        action takes them (SKIP LOCKED), by whichever comes first."""
        dbname, now = self.env.cr.dbname, time.monotonic()
        if _next_lag_check.get(dbname, 0.0) > now:
            return
        _next_lag_check[dbname] = now + LAG_CHECK_INTERVAL
        registry = self.env.registry
        self.env.cr.postcommit.add(lambda: self._plan_late_orders(registry))

    @api.model
    def _plan_late_orders(self, registry):
        """In a transaction of its own: a batch of the received orders if the
        oldest waited too long. A failure is left to the scheduled action."""
        try:
            with registry.cursor() as cr:
                intake = api.Environment(cr, SUPERUSER_ID, {})[self._name]
                if intake._planning_lag() > intake._allowed_planning_lag():
                    intake._cron_plan_received(batch_size=HELP_BATCH_SIZE)
        except Exception:  # noqa: BLE001 - the scheduled action plans them all the same
            _logger.warning("Received orders left to the scheduled action: planning them failed", exc_info=True)

    @api.model
    def _planning_lag(self):
        """Seconds the oldest received order has waited for its planning (0 if none)."""
        oldest = (
            self.env["telecom.order"]
            .sudo()
            .search_fetch([("planning_pending", "=", True)], ["date_submitted"], order="id", limit=1)
        )
        if not oldest.date_submitted:
            return 0
        return (fields.Datetime.now() - oldest.date_submitted).total_seconds()

    @api.model
    def _allowed_planning_lag(self):
        parameter = self.env["ir.config_parameter"].sudo().get_param("oms_telecom.intake_planning_lag")
        return int(parameter or DEFAULT_PLANNING_LAG)

    @api.model
    def _acknowledge(self, orders):
        """Check that the orders can be accepted and acknowledge them: what the
        customer or the operator waits for."""
        self._check(orders)
        orders._set_state("acknowledged")
        orders._system_write({"date_submitted": fields.Datetime.now()})

    @api.model
    def _check(self, orders):
        """Whether each order can be accepted; raises UserError if not."""
        for order in orders:
            order._check_submittable()
        # Its offerings are sold and deliverable at its place (refused with the reason).
        self.env["telecom.qualification"]._check_orders(orders)

    # Planning: in the scheduled action (or right after an operator's Submit)

    @api.model
    def _plan(self, orders):
        """Route the orders received without routing, then attach and start
        their scenarios."""
        # The divisions routing finds are remembered for the steps' divisions.
        with remembering(self.env):
            pending = orders.filtered("planning_pending")
            if pending:
                self._route(pending)
                pending._system_write({"planning_pending": False})
                pending.filtered(lambda order: not order.division_manual)._log_routing_issues()
            # An order rejected or cancelled while it waited for its planning is not started.
            orders = orders.filtered(lambda order: order.state == "acknowledged")
            orders._scenario_attach()
            orders._scenario_start()

    @api.model
    def _route(self, orders):
        """Division and responsible of received orders, routed as one batch and
        written in one write per distinct result."""
        todo = orders.filtered(lambda order: order.premises_id and not order.division_manual)
        vals_list = [
            {"premises_id": order.premises_id.id, "order_type": order.order_type, "user_manual": order.user_manual}
            for order in todo
        ]
        orders._route_vals(vals_list)
        groups = {}
        for order, vals in zip(todo, vals_list, strict=True):
            routed = tuple((name, vals[name]) for name in ROUTING_FIELDS if name in vals)
            groups.setdefault(routed, []).append(order.id)
        # Routing's own choice: no "assigned to you" e-mail per order.
        quiet = orders.with_context(mail_auto_subscribe_no_notify=True)
        for routed, order_ids in groups.items():
            quiet.browse(order_ids)._system_write(dict(routed), SKIP_MANUAL_FLAGS)

    @api.model
    def _cron_plan_received(self, batch_size=None):
        """Plan one batch of received orders, oldest first; the scheduler calls
        again while _notify_progress reports remaining ones, committing each batch."""
        batch_size = batch_size or int(
            self.env["ir.config_parameter"].sudo().get_param("oms_telecom.intake_batch_size", DEFAULT_INTAKE_BATCH_SIZE)
        )
        Order = self.env["telecom.order"].sudo()
        domain = [("planning_pending", "=", True)]
        # An order another worker is planning is skipped, not waited for.
        query = Order._search(domain, order="id", limit=batch_size)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        orders_sudo = Order.browse(order_id for (order_id,) in rows)
        if orders_sudo:
            self._plan(orders_sudo)
        # Counted after any batch, full or not: orders received meanwhile make the
        # scheduler call again at once. Their wake-up may be lost: a request that
        # inserted its trigger before this run began, and committed after its batch
        # was taken, has that trigger deleted as the run ends.
        remaining = Order.search_count(domain) if orders_sudo else 0
        self.env["ir.cron"]._notify_progress(done=len(orders_sudo), remaining=remaining)
        return len(orders_sudo)
