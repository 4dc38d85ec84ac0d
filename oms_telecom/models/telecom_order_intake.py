# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Order intake in two parts.

Acceptance (`_intake_accept`, in the customer's or the integration's request):
the order is checked, stored and acknowledged, and the request answers. Planning
(`_intake_plan`, in the scheduled action "Plan Received Orders", triggered at
once): routing, the scenario's first step, its SLA, their chatter notes and
events, in batches. An operator's Submit runs both parts in one transaction.

The scheduled action is core's ir.cron: `_trigger()` wakes a cron worker at
commit (PostgreSQL NOTIFY), one run takes every order received meanwhile (the
batches grow with the load), cron jobs never run twice at once across servers,
and an order is pending in the order table itself, written in the transaction
that acknowledged it: a server that dies before planning loses nothing, the next
run (or the periodic one) finds the order."""

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .telecom_private_context import SKIP_MANUAL_FLAGS, system_write_context

DEFAULT_INTAKE_BATCH_SIZE = 200
ROUTING_FIELDS = ("division_id", "uncovered_address", "user_id")


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    planning_pending = fields.Boolean(
        string="Being Planned",
        readonly=True,
        copy=False,
        help="Received: routing, the scenario's first step and its deadline follow within seconds.",
    )

    def init(self):
        super().init()
        # The scheduled action reads the few pending orders among all of them.
        tools.create_index(
            self.env.cr,
            "telecom_order_planning_pending_index",
            self._table,
            ["id"],
            where="planning_pending IS TRUE",
        )

    # Acceptance: in the request

    @api.model
    def _intake_accept(self, vals_list):
        """Create the orders of `vals_list` and acknowledge them; their planning
        follows in the scheduled action. The values are the caller's checked
        mapping of a request (API payload, portal or public form)."""
        self._check_internal_user()
        vals_list = [dict(vals, planning_pending=True) for vals in vals_list]
        orders = self.with_context(**system_write_context()).create(vals_list).with_env(self.env)
        orders._intake_acknowledge()
        self.env.ref("oms_telecom.ir_cron_telecom_plan_received_orders")._trigger()
        return orders

    def _intake_acknowledge(self):
        """Check that the orders can be accepted and acknowledge them: what the
        customer or the operator waits for."""
        self._intake_check()
        self._set_state("acknowledged")
        self._system_write({"date_submitted": fields.Datetime.now()})

    def _intake_check(self):
        """Whether each order can be accepted; raises UserError if not."""
        for order in self:
            order._check_submittable()

    # Planning: in the scheduled action (or right after an operator's Submit)

    def _intake_plan(self):
        """Route the orders received without routing, then attach and start
        their scenarios."""
        pending = self.filtered("planning_pending")
        if pending:
            pending._intake_route()
            pending._system_write({"planning_pending": False})
            pending.filtered(lambda order: not order.division_manual)._log_routing_issues()
        self._scenario_attach()
        self._scenario_start()

    def _intake_route(self):
        """Division and responsible of received orders, routed as one batch and
        written in one write per distinct result."""
        todo = self.filtered(lambda order: order.premises_id and not order.division_manual)
        vals_list = [
            {"premises_id": order.premises_id.id, "order_type": order.order_type, "user_manual": order.user_manual}
            for order in todo
        ]
        self._route_vals(vals_list)
        groups = {}
        for order, vals in zip(todo, vals_list, strict=True):
            routed = tuple((name, vals[name]) for name in ROUTING_FIELDS if name in vals)
            groups.setdefault(routed, []).append(order.id)
        # Routing's own choice: no "assigned to you" e-mail per order.
        quiet = self.with_context(mail_auto_subscribe_no_notify=True)
        for routed, order_ids in groups.items():
            quiet.browse(order_ids)._system_write(dict(routed), SKIP_MANUAL_FLAGS)

    @api.model
    def _cron_plan_received(self, batch_size=None):
        """Plan one batch of received orders, oldest first; the scheduler calls
        again while _notify_progress reports remaining ones, committing each batch."""
        batch_size = batch_size or int(
            self.env["ir.config_parameter"].sudo().get_param("oms_telecom.intake_batch_size", DEFAULT_INTAKE_BATCH_SIZE)
        )
        domain = [("planning_pending", "=", True)]
        # An order another worker is planning is skipped, not waited for.
        query = self.sudo()._search(domain, order="id", limit=batch_size)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        orders_sudo = self.sudo().browse(order_id for (order_id,) in rows)
        if orders_sudo:
            orders_sudo._intake_plan()
        remaining = self.sudo().search_count(domain) if len(orders_sudo) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(orders_sudo), remaining=remaining)
        return len(orders_sudo)

    # What customer and operator read while planning is pending

    def _get_routing_reason(self):
        if self.planning_pending:
            return self.env._("Received: confirming shortly, once the order is routed and planned.")
        return super()._get_routing_reason()

    def _get_promise_note(self):
        if self.planning_pending and not self.is_closed:
            return self.env._("We confirm the expected date shortly.")
        return super()._get_promise_note()
