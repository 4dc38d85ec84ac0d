# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.tools import SQL

from .telecom_batch_memo import remembered
from .telecom_scenario_step_branch import STEP_OUTCOMES

_logger = logging.getLogger(__name__)

ORDER_STEP_STATES = [
    ("running", "Running"),
    ("pending", "Waiting for Customer"),
    ("held", "Held"),
    ("failed", "Failed"),
    ("done", "Done"),
    ("skipped", "Skipped"),
    ("cancelled", "Cancelled"),
]
OPEN_ORDER_STEP_STATES = ("running", "pending", "held", "failed")
DEFAULT_ESCALATION_BATCH_SIZE = 500


def _hours(delta):
    return delta.total_seconds() / 3600


class TelecomOrderStep(models.Model):
    """One passage of an order through a scenario step: when it started and
    ended, its deadline, the time it waited for the customer (the SLA clock
    stops then) and how far it was escalated. Durations are stored for the
    managers' reporting."""

    _name = "telecom.order.step"
    _description = "Order Step"
    _inherit = ["telecom.system.fields.mixin"]
    # Kept by the scenario and the SLA clock only: every screen shows it read-only.
    _system_fields = "__all__"
    _order = "order_id, id"

    order_id = fields.Many2one("telecom.order", required=True, index=True, ondelete="cascade")
    scenario_step_id = fields.Many2one("telecom.scenario.step", string="Step", index=True, ondelete="restrict")
    scenario_id = fields.Many2one(related="scenario_step_id.scenario_id", store=True, index=True)
    name = fields.Char(required=True)
    stage_id = fields.Many2one("telecom.order.stage", ondelete="restrict")
    division_id = fields.Many2one("telecom.division", index=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True)
    priority = fields.Selection(
        selection=lambda self: self.env["telecom.order"]._fields["priority"].selection,
        default="0",
        help="The order's priority whose SLA the step follows.",
    )
    attempt = fields.Integer(default=1)
    state = fields.Selection(ORDER_STEP_STATES, default="running", required=True, index=True, readonly=True)
    outcome = fields.Selection([("done", "Done"), ("skipped", "Skipped"), *STEP_OUTCOMES])
    reason = fields.Char()
    date_start = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    # The day a passed step ended: the portal's tracker shows it as its done date.
    date_end = fields.Datetime(index=True, readonly=True)
    calendar_id = fields.Many2one("resource.calendar", string="Working Calendar")
    # Written by the scenario only: read-only on screen, SLA included.
    sla_hours = fields.Float(string="SLA (working hours)", readonly=True)
    date_deadline = fields.Datetime(string="Deadline", index=True, readonly=True)
    # The SLA clock: working hours consumed in the periods already closed, and
    # the start of the current period (empty while the clock stands still).
    consumed_hours = fields.Float(string="Working Hours Used", readonly=True)
    running_since = fields.Datetime(readonly=True)
    pending_since = fields.Datetime(readonly=True)
    pending_duration = fields.Float(string="Waiting for Customer (hours)")
    held_since = fields.Datetime(readonly=True)
    held_duration = fields.Float(string="Held (hours)", help="Time the order was held inside during this step.")
    duration = fields.Float(string="Duration (hours)", help="From start to end, waiting included.")
    working_hours = fields.Float(help="On the division's calendar, waiting excluded.")
    is_late = fields.Boolean(compute="_compute_is_late")
    escalation_level = fields.Integer(default=0, readonly=True)
    # {level: [when it is due, rule id]} for the levels not fired yet.
    escalation_plan = fields.Json(readonly=True)
    date_next_escalation = fields.Datetime(index="btree_not_null", readonly=True)
    escalation_event_ids = fields.One2many(
        "telecom.escalation.event",
        "order_step_id",
        string="Escalations",
        groups="oms_telecom.group_oms_division_manager",
    )
    work_order_ids = fields.One2many("telecom.work.order", "order_step_id", string="Work Orders")
    notification_message_id = fields.Many2one("mail.message", string="Notification", ondelete="set null")
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_fields(vals_list, create=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_fields([vals])
        return super().write(vals)

    @api.depends("date_deadline", "date_end", "state")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for step in self:
            step.is_late = bool(step.date_deadline and (step.date_end or now) > step.date_deadline)

    def _current_work_orders(self):
        """The step's work orders that count: the latest of each action (a failed
        work order replaced on a retry does not), cancelled ones aside."""
        self.ensure_one()
        latest = {}
        for work_order in self.work_order_ids.filtered(lambda wo: wo.state != "cancelled").sorted("id"):
            latest[work_order.scenario_action_id.id or -work_order.id] = work_order
        return self.env["telecom.work.order"].union(*latest.values())

    # The SLA clock

    def _working_hours_between(self, start, end):
        self.ensure_one()
        if end <= start:
            return 0.0
        if not self.calendar_id:
            return _hours(end - start)
        return self.calendar_id.get_work_hours_count(start, end, compute_leaves=True)

    def _plan_working_hours(self, start, hours):
        """The moment `hours` working hours after `start` on the step's calendar."""
        self.ensure_one()
        if hours <= 0:
            return start
        if not self.calendar_id:
            return start + timedelta(hours=hours)
        return self.calendar_id._telecom_plan_hours(hours, start) or start + timedelta(hours=hours)

    def _plan_sla(self):
        """Deadline and escalation plan of the running steps, from what is left of their SLA."""
        # Escalation rules are the managers' business: whoever moves the order plans them.
        # A step without a division of its kind escalates by the rules of the order's division.
        divisions = self.division_id | self.order_id.division_id
        rules_sudo_by_division = remembered(
            self.env,
            ("escalation rules", frozenset(divisions.ids)),
            lambda: self.env["telecom.escalation.rule"].sudo()._rules_for_divisions(divisions),
        )
        plans = {}  # the values to write: the steps they are for
        for step in self.filtered("running_since"):
            if not step.sla_hours:
                plans.setdefault((False, "false", False), []).append(step.id)
                continue
            start, used = step.running_since, step.consumed_hours
            deadline = step._plan_working_hours(start, step.sla_hours - used)
            sla_hours = step._escalation_sla_hours(deadline)
            plan = {}
            rules_sudo = rules_sudo_by_division.get(
                step.division_id or step.order_id.division_id, self.env["telecom.escalation.rule"]
            )
            for rule in rules_sudo:
                if rule.level <= step.escalation_level:
                    continue
                due = step._plan_working_hours(start, sla_hours * rule.threshold_percent / 100 - used)
                plan[str(rule.level)] = [fields.Datetime.to_string(due), rule.id]
            next_escalation = min((fields.Datetime.to_datetime(due) for due, _rule in plan.values()), default=False)
            plans.setdefault((deadline, json.dumps(plan or False), next_escalation), []).append(step.id)
        # One write per distinct plan: steps started together on one calendar share theirs.
        for (deadline, plan, next_escalation), step_ids in plans.items():
            self.browse(step_ids)._system_write(
                {
                    "date_deadline": deadline,
                    "escalation_plan": json.loads(plan),
                    "date_next_escalation": next_escalation,
                }
            )

    def _escalation_sla_hours(self, deadline):
        """The working hours the escalation levels count on: the step's SLA, or less
        when the order's own deadline (promised, not computed from the steps) comes
        before the step's `deadline`. An order already past it escalates at once."""
        self.ensure_one()
        order = self.order_id
        if not order.date_deadline or order.deadline_by_scenario or order.date_deadline >= deadline:
            return self.sla_hours
        return self.consumed_hours + self._working_hours_between(self.running_since, order.date_deadline)

    def _change_priority(self, priority):
        """The order's priority changed mid-step: the SLA of the new priority counts
        from the step's start, waiting for the customer still left out; the levels
        already fired stay fired. A stopped clock plans it when it runs again."""
        for step in self:
            step._system_write({"priority": priority, "sla_hours": step.scenario_step_id._sla_hours(priority)})
        self._plan_sla()

    def _pause_clock(self, now=None):
        """The order waits for the customer: the SLA clock stops."""
        now = now or fields.Datetime.now()
        for step in self.filtered("running_since"):
            step._system_write(
                {
                    **step._held_stop_values(now),
                    "consumed_hours": step.consumed_hours + step._working_hours_between(step.running_since, now),
                    "running_since": False,
                    "pending_since": now,
                    "state": "pending",
                    "date_next_escalation": False,
                }
            )

    def _hold(self, now=None):
        """The order is held inside: the SLA clock runs on, the held time is counted."""
        now = now or fields.Datetime.now()
        for step in self:
            step._system_write({"state": "held", "held_since": step.held_since or now})

    def _held_stop_values(self, now):
        """Values closing the current held period, if any."""
        self.ensure_one()
        if not self.held_since:
            return {}
        return {"held_duration": self.held_duration + _hours(now - self.held_since), "held_since": False}

    def _resume_clock(self, now=None, state="running"):
        """The clock runs again: the deadline moves by the time it stood still."""
        now = now or fields.Datetime.now()
        for step in self:
            vals = {"state": state}
            if state == "held":
                vals["held_since"] = step.held_since or now
            else:
                vals.update(step._held_stop_values(now))
            if step.pending_since:
                vals.update(
                    pending_duration=step.pending_duration + _hours(now - step.pending_since), pending_since=False
                )
            if not step.running_since:
                vals["running_since"] = now
            step._system_write(vals)
        self._plan_sla()

    def _stop_clock_values(self, now):
        self.ensure_one()
        vals = {
            "running_since": False,
            "pending_since": False,
            "date_next_escalation": False,
            **self._held_stop_values(now),
        }
        if self.running_since:
            vals["consumed_hours"] = self.consumed_hours + self._working_hours_between(self.running_since, now)
        if self.pending_since:
            vals["pending_duration"] = self.pending_duration + _hours(now - self.pending_since)
        return vals

    def _fail(self, reason, now=None):
        """A fallout: the clock stops until the step is retried."""
        now = now or fields.Datetime.now()
        for step in self:
            step._system_write({**step._stop_clock_values(now), "state": "failed", "reason": reason})

    def _close(self, state="done", outcome=False, reason=False, now=None):
        now = now or fields.Datetime.now()
        for step in self.filtered(lambda step: step.state in OPEN_ORDER_STEP_STATES):
            vals = step._stop_clock_values(now)
            vals.update(
                state=state,
                outcome=outcome or (state if state in ("done", "skipped") else False),
                date_end=now,
                duration=_hours(now - step.date_start),
                working_hours=vals.get("consumed_hours", step.consumed_hours),
            )
            if reason:
                vals["reason"] = reason
            step._system_write(vals)

    # Escalation (scheduled action)

    @api.model
    def _cron_escalate(self, batch_size=None):
        """Fire the due escalation levels, one batch per call: the scheduler calls
        again while _notify_progress reports remaining steps, committing each batch.
        A constant number of queries per batch, whatever its size."""
        batch_size = batch_size or int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("oms_telecom.escalation_batch_size", DEFAULT_ESCALATION_BATCH_SIZE)
        )
        now = fields.Datetime.now()
        domain = [("date_next_escalation", "<=", now)]
        # Servers running the scheduler at once each take their own batch: a step
        # another worker holds is skipped, not waited for (and then updated twice).
        query = self.sudo()._search(domain, order="date_next_escalation, id", limit=batch_size)
        rows = self.env.execute_query(SQL("%s FOR UPDATE SKIP LOCKED", query.select()))
        steps_sudo = self.sudo().browse(step_id for (step_id,) in rows)
        if steps_sudo:
            steps_sudo._escalate(now)
        remaining = self.sudo().search_count(domain) if len(steps_sudo) == batch_size else 0
        self.env["ir.cron"]._notify_progress(done=len(steps_sudo), remaining=remaining)
        return len(steps_sudo)

    def _escalate(self, now):
        """Claim and fire the due levels of the steps in self, then plan their next level."""
        due, progress = [], {}
        for step in self:
            level, next_due = step.escalation_level, False
            for key, (when, rule_id) in sorted((step.escalation_plan or {}).items(), key=lambda item: int(item[0])):
                if int(key) <= step.escalation_level:
                    continue
                when = fields.Datetime.to_datetime(when)
                if when <= now:
                    due.append((step, int(key), rule_id))
                    level = max(level, int(key))
                elif not next_due or when < next_due:
                    next_due = when
            progress[step.id] = (level, next_due)
        claimed = self._claim_escalations(due, now)
        self._write_escalation_progress(progress, now)
        fired = [(step, level, rule_id) for step, level, rule_id in due if (step.id, level) in claimed]
        if fired:
            self._apply_escalations(fired, now)
            _logger.info("Escalation: %s levels fired on %s order steps", len(fired), len(self))

    @api.model
    def _claim_escalations(self, due, now):
        """Insert one event per (step, level); a level already claimed, by an earlier
        run or by another worker right now, is not returned. The unique constraint
        makes a concurrent worker wait for this transaction, then skip."""
        if not due:
            return set()
        rows = self.env.execute_query(
            SQL(
                """
                INSERT INTO telecom_escalation_event
                       (order_step_id, order_id, level, rule_id, date, create_uid, create_date, write_uid, write_date)
                SELECT v.step_id, v.order_id, v.level, v.rule_id, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                  FROM unnest(%(step_ids)s::int[], %(order_ids)s::int[], %(levels)s::int[], %(rule_ids)s::int[])
                       AS v(step_id, order_id, level, rule_id)
                ON CONFLICT (order_step_id, level) DO NOTHING
                RETURNING order_step_id, level
                """,
                now=now,
                uid=self.env.uid,
                step_ids=[step.id for step, _level, _rule in due],
                order_ids=[step.order_id.id for step, _level, _rule in due],
                levels=[level for _step, level, _rule in due],
                rule_ids=[rule_id for _step, _level, rule_id in due],
            )
        )
        self.env["telecom.escalation.event"].invalidate_model()
        self.browse({step.id for step, _level, _rule in due}).invalidate_recordset(["escalation_event_ids"])
        return set(rows)

    @api.model
    def _write_escalation_progress(self, progress, now):
        """Store the level reached and the next due date of every step of the batch in one query."""
        if not progress:
            return
        self.flush_model(["escalation_level", "date_next_escalation"])
        ids = list(progress)
        self.env.execute_query(
            SQL(
                """
                UPDATE telecom_order_step AS step
                   SET escalation_level = GREATEST(step.escalation_level, v.level),
                       date_next_escalation = v.next_due,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::int[], %(levels)s::int[], %(next_dues)s::timestamp[]) AS v(id, level, next_due)
                 WHERE step.id = v.id
                """,
                uid=self.env.uid,
                now=now,
                ids=ids,
                levels=[progress[step_id][0] for step_id in ids],
                next_dues=[progress[step_id][1] or None for step_id in ids],
            )
        )
        self.browse(ids).invalidate_recordset(["escalation_level", "date_next_escalation", "write_uid", "write_date"])

    @api.model
    def _apply_escalations(self, fired, now):
        """What the fired levels do: e-mails grouped by recipient and level, a note on
        each order, priority, responsible and 'needs attention' in one update."""
        Rule = self.env["telecom.escalation.rule"].with_context(active_test=False)
        rules = Rule.browse({rule_id for _step, _level, rule_id in fired})
        rules.fetch(list(Rule._fields))
        rules_by_id = {rule.id: rule for rule in rules}
        order_updates, notes = {}, defaultdict(list)
        mails = defaultdict(lambda: self.browse())
        for step, level, rule_id in fired:
            rule = rules_by_id.get(rule_id) or Rule
            order = step.order_id
            division = step.division_id or order.division_id
            manager = division.manager_id
            parent_manager = division.parent_id.manager_id or manager
            recipients = self.env["res.users"]
            if rule.notify_responsible:
                recipients |= order.user_id or manager
            if rule.notify_division_manager:
                recipients |= manager
            if rule.notify_parent_manager:
                recipients |= parent_manager
            for partner in recipients.partner_id:
                mails[partner, level] |= step
            update = order_updates.setdefault(order.id, {"priority": order.priority, "user": False, "attention": False})
            actions = []
            if recipients:
                actions.append(self.env._("e-mailed %s", ", ".join(recipients.mapped("name"))))
            if rule.raise_priority and update["priority"] != "3":
                update["priority"] = str(int(update["priority"] or 0) + 1)
                priorities = dict(order._fields["priority"]._description_selection(self.env))
                actions.append(self.env._("priority raised to %s", priorities[update["priority"]]))
            target = {"division_manager": manager, "parent_manager": parent_manager}.get(rule.reassign_to)
            if target and target != order.user_id:
                update["user"] = target.id
                actions.append(self.env._("reassigned to %s", target.name))
            update["attention"] = update["attention"] or rule.needs_attention
            notes[order.id].append(
                self.env._(
                    "Escalation level %(level)s (%(rule)s) on step %(step)s, deadline %(deadline)s: %(actions)s.",
                    level=level,
                    rule=rule.name or "-",
                    step=step.name,
                    deadline=order._scenario_format_datetime(step.date_deadline) if step.date_deadline else "-",
                    actions="; ".join(actions) or self.env._("nothing to do"),
                )
            )
        self._write_order_escalations(order_updates, now)
        orders = self.env["telecom.order"].browse(list(notes))
        orders._message_log_batch(bodies={order_id: Markup("<br/>").join(texts) for order_id, texts in notes.items()})
        self._send_escalation_mails(mails)

    @api.model
    def _write_order_escalations(self, order_updates, now):
        if not order_updates:
            return
        Order = self.env["telecom.order"]
        Order.flush_model(["priority", "user_id", "needs_attention"])
        ids = list(order_updates)
        self.env.execute_query(
            SQL(
                """
                UPDATE telecom_order AS o
                   SET priority = v.priority,
                       user_id = COALESCE(v.user_id, o.user_id),
                       needs_attention = o.needs_attention OR v.attention,
                       write_uid = %(uid)s,
                       write_date = %(now)s
                  FROM unnest(%(ids)s::int[], %(priorities)s::varchar[], %(users)s::int[], %(attention)s::bool[])
                       AS v(id, priority, user_id, attention)
                 WHERE o.id = v.id
                """,
                uid=self.env.uid,
                now=now,
                ids=ids,
                priorities=[order_updates[order_id]["priority"] or "0" for order_id in ids],
                users=[order_updates[order_id]["user"] or None for order_id in ids],
                attention=[bool(order_updates[order_id]["attention"]) for order_id in ids],
            )
        )
        Order.browse(ids).invalidate_recordset(["priority", "user_id", "needs_attention", "write_uid", "write_date"])

    @api.model
    def _send_escalation_mails(self, mails):
        """One e-mail per recipient and level, listing the orders, in the recipient's language."""
        if not mails:
            return
        base_url = self.browse().get_base_url()
        email_from = self.env.company.email_formatted or self.env.user.email_formatted
        vals_list = []
        for (partner, level), steps in mails.items():
            step_env = steps.with_context(lang=partner.lang or self.env.lang)
            jeopardy = all((step.date_deadline or step.date_start) > fields.Datetime.now() for step in step_env)
            subject = step_env.env._(
                "%(kind)s: %(count)s orders at escalation level %(level)s",
                kind=step_env.env._("SLA in jeopardy") if jeopardy else step_env.env._("SLA breached"),
                count=len(steps),
                level=level,
            )
            body = step_env.env["ir.qweb"]._render(
                "oms_telecom.telecom_escalation_mail_body",
                {"steps": step_env, "level": level, "partner": partner, "base_url": base_url, "jeopardy": jeopardy},
            )
            vals_list.append(
                {
                    "subject": subject,
                    "body_html": body,
                    "email_from": email_from,
                    "recipient_ids": [Command.link(partner.id)],
                    "auto_delete": True,
                }
            )
        self.env["mail.mail"].sudo().create(vals_list)
