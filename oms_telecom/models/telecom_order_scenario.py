"""Scenario orchestration of orders: entering steps, checks, moves, deadlines,
notifications and what happens when work orders close."""

from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

from .telecom_batch_memo import batch_memo, remembered, remembering
from .telecom_order_state import ALLOWED_TRANSITIONS, CLOSED_STATES, FINAL_STATES
from .telecom_order_step import OPEN_ORDER_STEP_STATES
from .telecom_state_guard import state_action_context
from .telecom_work_order import OPEN_WORK_ORDER_STATES

STEP_NOTES = "step notes"


class TelecomOrderScenarioMixin(models.AbstractModel):
    _name = "telecom.order.scenario.mixin"
    _description = "Telecom order: scenario orchestration"

    next_scenario_step_id = fields.Many2one(
        "telecom.scenario.step",
        compute="_compute_next_scenario_step_id",
        string="Next Step",
        help="Where 'Next Step' takes the order: its automatic actions run when it is entered.",
    )

    step_waits_for_work_orders = fields.Boolean(
        compute="_compute_scenario_buttons",
        help="The current step closes by itself when its work orders are done: no 'Next Step' meanwhile.",
    )

    # Scenario: steps, deadlines, notifications, technician availability.

    @api.depends("current_order_step_id.scenario_step_id", "is_closed")
    def _compute_next_scenario_step_id(self):
        for order in self:
            step = order.current_order_step_id.scenario_step_id
            order.next_scenario_step_id = step._next_step() if step and not order.is_closed else False

    def _compute_scenario_buttons(self):
        for order in self:
            log = order.current_order_step_id
            running = log.state in ("running", "pending", "held") and not order.is_closed
            order.can_book_slot = bool(running and order._scenario_work_orders_to_book())
            order.can_report_not_solved = bool(
                running and log.state != "held" and log.scenario_step_id._branch_target("not_confirmed")
            )
            order.step_waits_for_work_orders = bool(
                running and log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
            )

    def _scenario_subscriber_kind(self):
        self.ensure_one()
        return self.subscriber_kind or ("company" if self.prospect_company_name else "individual")

    def _scenario_attach(self):
        """Attach the best fitting active scenario to the orders without one, unless
        they are processed by hand."""
        todo = self.filtered(lambda order: not order.scenario_id and not order.no_scenario)
        for order, scenario in self.env["telecom.scenario"]._find_for_orders(todo).items():
            order.scenario_id = scenario

    def _scenario_start(self):
        with remembering(self.env):
            try:
                for order in self.filtered(lambda order: order.scenario_id and not order.current_order_step_id):
                    first = order.scenario_id.step_ids[:1]
                    if first:
                        order._scenario_enter(first)
            finally:
                self._scenario_log_step_notes(batch_memo(self.env).pop(STEP_NOTES, []))

    def _scenario_log_step_notes(self, notes):
        """Log the notes [(order id, body)] of orders that entered steps together:
        one batch per round, each order's notes in the order they were written."""
        while notes:
            bodies, later = {}, []
            for order_id, body in notes:
                if order_id in bodies:
                    later.append((order_id, body))
                else:
                    bodies[order_id] = body
            self.browse(list(bodies))._message_log_batch(bodies=bodies)
            notes = later

    def _scenario_step_division(self, step):
        """The division responsible for `step`: the order's when it is of the step's
        kind, else the one of that kind operating the premises, else none (a sales
        division never takes a technical step)."""
        self.ensure_one()
        if not step.division_kind or self.division_id.kind == step.division_kind:
            return self.division_id
        if not self.premises_id:
            return self.env["telecom.division"]
        divisions = remembered(
            self.env,
            ("divisions", self.premises_id.id, step.division_kind),
            lambda: self.env["telecom.router"]._resolve_divisions(self.premises_id, step.division_kind),
        )
        return divisions.get(self.premises_id.id, (self.env["telecom.division"], False))[0]

    def _scenario_calendar(self, division):
        return division.resource_calendar_id or self.company_id.resource_calendar_id

    def _scenario_enter(self, step, previous=None, outcome="done", previous_state="done"):
        """Enter `step`: entry checks, step log, stage and state, deadlines, actions,
        notification, technician availability; then move on if nothing is awaited."""
        self.ensure_one()
        self._scenario_run_checks(step)
        now = fields.Datetime.now()
        if previous:
            previous._close(previous_state, outcome, now=now)
        division = self._scenario_step_division(step)
        log = self.env["telecom.order.step"].create(
            {
                "order_id": self.id,
                "scenario_step_id": step.id,
                "name": step.name,
                "stage_id": step.stage_id.id,
                "division_id": division.id,
                "user_id": self.user_id.id,
                "priority": self.priority,
                "attempt": len(self.order_step_ids.filtered(lambda known: known.scenario_step_id == step)) + 1,
                "date_start": now,
                "running_since": now,
                "calendar_id": self._scenario_calendar(division).id,
                "sla_hours": step._sla_hours(self.priority),
            }
        )
        self._scenario_move(log, step.stage_id)
        if step.waits_for_customer:
            log._pause_clock(now)
        else:
            log._plan_sla()
        deadline_note = self._scenario_update_deadline(
            reason=self.env._("the SLA of the step %s and of the steps after it", step.name), post=False
        )
        done = self._scenario_run_actions(log, post=False)
        if done is False:
            return log
        self._scenario_post_step_entered(log, previous, done, deadline_note)
        if step.notify_subscriber:
            self._scenario_notify(step.mail_template_id, log, essential=step.notification_essential)
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(log)
        if step.auto_advance and self._scenario_can_move_on(log):
            self._scenario_advance()
        return log

    def _scenario_move(self, log, stage, reason=False):
        """Put the order in the step's stage and state (the transition rules apply)."""
        self.ensure_one()
        vals = {
            "stage_id": stage.id,
            "state": stage.state,
            "current_order_step_id": log.id,
            "state_reason": reason,
            "needs_attention": False,
        }
        if self.state in CLOSED_STATES:
            vals["date_closed"] = False
        self.with_context(telecom_scenario_sync=True, **state_action_context()).write(vals)

    def _scenario_can_move_on(self, log):
        return (
            log.state == "running"
            and self.state in ("acknowledged", "inProgress")
            and not log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        )

    def _scenario_run_checks(self, step):
        self.ensure_one()
        errors = []
        for check in step.check_ids:
            method = getattr(self, f"_scenario_check_{check.code}", None)
            error = method() if method else self.env._("the check %s is not known.", check.name)
            if error:
                errors.append(error)
        if errors:
            raise UserError(
                self.env._(
                    "Order %(order)s cannot enter the step %(step)s:\n%(errors)s",
                    order=self.name,
                    step=step.name,
                    errors="\n".join(f"- {error}" for error in errors),
                )
            )

    # Entry checks: each returns why the order fails it, or nothing.

    def _scenario_check_premises(self):
        if not self.premises_id:
            return self.env._("the order has no premises.")

    def _scenario_check_subscriber(self):
        if not self.partner_id and not (self.prospect_name and (self.prospect_email or self.prospect_phone)):
            return self.env._("a subscriber, or a prospect's name with an e-mail or phone, is needed.")

    def _scenario_check_service_lines(self):
        if self.order_type != "problem" and not self.line_ids.filtered(lambda line: line.state != "cancelled"):
            return self.env._("the order has no service lines.")

    def _scenario_check_signatory(self):
        partner = self.partner_id.commercial_partner_id
        if partner.is_company and not partner.signatory_id:
            return self.env._("the legal entity %s has no authorised signatory.", partner.display_name)
        if not partner and self._scenario_subscriber_kind() == "company" and not self.prospect_company_name:
            return self.env._("the prospect's company name is needed.")

    def _scenario_check_requested_date(self):
        if not self.requested_date:
            return self.env._("the requested date is not set.")

    def _scenario_check_work_orders_done(self):
        if self.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES):
            return self.env._("work orders are still open.")

    # Orchestration

    def action_next_step(self):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move(check_work_orders=True)
            order._scenario_advance()
        return True

    def action_skip_step(self):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move()
            log = order.current_order_step_id
            if log.scenario_step_id.mandatory:
                raise UserError(self.env._("The step %s is mandatory: it cannot be skipped.", log.name))
            log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            order._scenario_advance(previous_state="skipped", outcome="skipped")
        return True

    def action_step_not_solved(self):
        """The subscriber reports that the problem is not solved."""
        return self.action_step_outcome("not_confirmed")

    def action_step_outcome(self, outcome):
        self._check_internal_user()
        for order in self:
            order._scenario_check_can_move()
            if not order.current_order_step_id.scenario_step_id._branch_target(outcome):
                raise UserError(
                    self.env._("The step %s does not branch on this outcome.", order.current_order_step_id.name)
                )
            order._scenario_advance(outcome)
        return True

    def action_retry_step(self):
        self._check_internal_user()
        for order in self:
            log = order.current_order_step_id
            if not order.scenario_id or log.state not in ("failed", "held"):
                raise UserError(self.env._("Order %s has no failed or held step to retry.", order.name))
            order._scenario_retry(log)
        return True

    def _scenario_check_complete_by_hand(self):
        """Completing by hand leaves the scenario's remaining steps out: for OMS
        managers only ("Complete by Hand"), or for trusted code after its own check."""
        if self.env.su or self.env.user.has_group("oms_telecom.group_oms_manager"):
            return
        if scenario_orders := self.filtered("scenario_id"):
            raise UserError(
                self.env._(
                    "Order %s follows a scenario: it moves on step by step. "
                    "Only an OMS manager can complete it by hand.",
                    ", ".join(scenario_orders.mapped("name")),
                )
            )

    def action_clear_attention(self):
        """A manager took care of an escalated order: it leaves the 'needs attention' queue."""
        self._check_internal_user()
        for order in self.filtered("needs_attention"):
            order.needs_attention = False
            order.message_post(body=self.env._("Taken care of."), subtype_xmlid="mail.mt_note")
        return True

    def _scenario_check_can_move(self, check_work_orders=False):
        self.ensure_one()
        log = self.current_order_step_id
        if not self.scenario_id or not log:
            raise UserError(self.env._("Order %s follows no scenario.", self.name))
        if self.state not in ("acknowledged", "inProgress", "pending") or log.state not in ("running", "pending"):
            raise UserError(
                self.env._(
                    "Order %(order)s is %(state)s at the step %(step)s: resume it or retry the step first.",
                    order=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                    step=log.name,
                )
            )
        open_work_orders = log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        if check_work_orders and open_work_orders:
            raise UserError(
                self.env._(
                    "The step %(step)s of order %(order)s waits for its work orders %(work_orders)s.",
                    step=log.name,
                    order=self.name,
                    work_orders=", ".join(open_work_orders.mapped("name")),
                )
            )

    def _scenario_advance(self, outcome="done", previous_state="done"):
        """Leave the current step for the next one (or the branch of `outcome`);
        after the last step, complete the order."""
        self.ensure_one()
        log = self.current_order_step_id
        step = log.scenario_step_id
        target = step._next_step() if outcome in ("done", "skipped") else step._branch_target(outcome)
        if target:
            if outcome not in ("done", "skipped"):
                # The step ends on a failure: what still waits in it will not run.
                log.work_order_ids.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES).action_cancel()
            return self._scenario_enter(target, previous=log, outcome=outcome, previous_state=previous_state)
        if outcome not in ("done", "skipped"):
            return self._scenario_fallout(log, self.env._("The step %s has no way on for this outcome.", log.name))
        log._close(previous_state, outcome)
        self._scenario_finish()
        return log

    def _scenario_advance_safely(self, outcome="done"):
        """Move on after the work orders of the step closed; what stops the order
        (an entry check of the next step) must not stop the technician's report."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._scenario_advance(outcome)
        except UserError as error:
            self.needs_attention = True
            self.message_post(
                body=self.env._("The order could not move on after its work orders: %s", error.args[0]),
                subtype_xmlid="mail.mt_note",
            )

    def _scenario_finish(self):
        """The last step is done: complete what is still open and close the order."""
        self.ensure_one()
        if self.is_closed:
            return
        if self.state != "inProgress":
            self.with_context(telecom_scenario_sync=True)._set_state("inProgress")
        self.line_ids.filtered(lambda line: line.state in ("pending", "in_progress"))._complete()
        if self.state == "inProgress":
            if self.line_ids.filtered(lambda line: line.state != "cancelled"):
                self._update_state_from_lines()
            else:
                self._set_state("completed")
        if self.state in FINAL_STATES:
            self._scenario_close(self.state)

    def _scenario_retry(self, log):
        """Run the failed (or held) step again: its actions do not redo what is done."""
        self.ensure_one()
        step = log.scenario_step_id
        self._scenario_run_checks(step)
        stage = step.stage_id
        if stage.state != self.state and stage.state not in ALLOWED_TRANSITIONS[self.state]:
            stage = self._stage_for_state("inProgress")
        self._scenario_move(log, stage)
        log.attempt += 1
        if step.waits_for_customer:
            log._resume_clock()
            log._pause_clock()
        else:
            log._resume_clock()
        self._scenario_update_deadline(reason=self.env._("the step %s was retried", log.name))
        if self._scenario_run_actions(log) is False:
            return
        if step.check_technician_availability and self._scenario_work_orders_to_book():
            self._scenario_check_availability(log)
        mine = log._current_work_orders()
        if self._scenario_can_move_on(log) and (step.auto_advance or (mine and all(wo.state == "done" for wo in mine))):
            self._scenario_advance()

    def _scenario_fallout(self, log, reason):
        """A step failed: the order fails (or is held when it cannot fail from its
        state) with the reason, and waits in the managers' queue for a retry."""
        self.ensure_one()
        log._fail(reason)
        target = "failed" if "failed" in ALLOWED_TRANSITIONS[self.state] else "held"
        self.with_context(telecom_scenario_sync=True)._set_state(target, reason)
        self.needs_attention = True
        self.message_post(
            body=self.env._("Step %(step)s failed: %(reason)s", step=log.name, reason=reason),
            subtype_xmlid="mail.mt_note",
        )

    def _scenario_sync_state(self, new_state):
        """Keep the current step in line with a state change made outside the
        scenario (buttons, service orders, kanban): its clock, its state, its stage."""
        now = fields.Datetime.now()
        if new_state in FINAL_STATES:
            self._scenario_close(new_state, now)
            return
        for order in self.filtered(lambda order: order.current_order_step_id.state in OPEN_ORDER_STEP_STATES):
            log = order.current_order_step_id
            if new_state == "failed":
                log._fail(order.state_reason, now)
                continue
            if new_state == "pending":
                log._pause_clock(now)
            elif new_state == "held":
                if log.state == "pending":
                    log._resume_clock(now, state="held")
                else:
                    log._hold(now)
            elif new_state in ("acknowledged", "inProgress") and log.state != "running":
                if log.state in ("held", "failed"):
                    order.with_context(telecom_scenario_sync=True).needs_attention = False
                log._resume_clock(now)
                order._scenario_update_deadline(
                    reason=self.env._("the order resumed; the time it waited does not count against the SLA")
                )
            if log.stage_id.state == new_state and order.stage_id != log.stage_id:
                order.with_context(telecom_scenario_sync=True, **state_action_context()).write(
                    {"stage_id": log.stage_id.id}
                )

    def _scenario_close(self, new_state, now=None):
        """The order is closed for good: its current step ends (done when the order
        completed, cancelled otherwise) and no step is current any more; the step
        history keeps the last one."""
        orders = self.filtered("current_order_step_id")
        step_state = "done" if new_state in ("completed", "partial") else "cancelled"
        orders.current_order_step_id._close(step_state, now=now or fields.Datetime.now())
        # Closed for good, it waits for nobody either.
        orders.with_context(telecom_scenario_sync=True, **state_action_context()).write(
            {"current_order_step_id": False, "needs_attention": False}
        )

    def _scenario_sync_priority(self):
        """The priority changed: the current step follows the SLA of the new one,
        and the order's deadline with it."""
        for order in self:
            log = order.current_order_step_id
            if log.scenario_step_id and log.state in OPEN_ORDER_STEP_STATES and log.priority != order.priority:
                log._change_priority(order.priority)
                priorities = dict(order._fields["priority"]._description_selection(self.env))
                order._scenario_update_deadline(
                    reason=self.env._("the priority changed to %s, whose SLA applies", priorities[order.priority])
                )

    def _scenario_update_deadline(self, reason=None, post=True):
        """The order's deadline: the current step's, then the SLA of the steps of the
        normal path after it, each on its division's calendar. A move is explained
        in the chatter (or returned, for the caller's note, when `post` is False)."""
        self.ensure_one()
        if self.date_deadline and not self.deadline_by_scenario:
            return None
        log = self.current_order_step_id
        deadline = log.date_deadline
        step = log.scenario_step_id
        seen = {step}
        following = step._next_step()
        while following and following not in seen:
            seen.add(following)
            hours = following._sla_hours(self.priority)
            if hours and not following.waits_for_customer:
                start = deadline or fields.Datetime.now()
                calendar = self._scenario_calendar(self._scenario_step_division(following))
                deadline = (calendar and calendar._telecom_plan_hours(hours, start)) or (start + timedelta(hours=hours))
            following = following._next_step()
        if not deadline or deadline == self.date_deadline:
            return None
        old_deadline = self.date_deadline
        # The note below says why: the bare tracking line would not.
        self.with_context(telecom_scenario_sync=True, mail_notrack=True).write(
            {"date_deadline": deadline, "deadline_by_scenario": True}
        )
        reason = reason or self.env._("the SLA of the step %s and of the steps after it", log.name)
        if old_deadline:
            note = self.env._(
                "Order deadline moved from %(old)s to %(new)s: %(reason)s.",
                old=format_datetime(self.env, old_deadline),
                new=format_datetime(self.env, deadline),
                reason=reason,
            )
        else:
            note = self.env._(
                "Order deadline set to %(new)s: %(reason)s.", new=format_datetime(self.env, deadline), reason=reason
            )
        if post:
            self.message_post(body=note, subtype_xmlid="mail.mt_note")
        return note

    def _scenario_run_actions(self, log, post=True):
        """Run the step's automatic actions together: when one fails, none is kept
        and the step is a fallout. Returns what each did (False on a fallout),
        logged in the chatter unless the caller posts it with more."""
        self.ensure_one()
        done = []
        action = self.env["telecom.scenario.step.action"]
        if not log.scenario_step_id.action_ids:
            # Nothing to undo: no savepoint, whose flush would cost a round trip per order.
            return done
        try:
            with self.env.cr.savepoint():
                for action in log.scenario_step_id.action_ids:
                    result = getattr(self, f"_scenario_action_{action.action_type}")(log, action)
                    done.append(Markup("<li>%s: %s</li>") % (action.display_name, result or self.env._("done")))
        except UserError as error:
            self._scenario_fallout(
                log, self.env._("%(action)s failed: %(error)s", action=action.display_name, error=error.args[0])
            )
            return False
        if done and post:
            self.message_post(
                body=Markup("<p>%s</p><ul>%s</ul>")
                % (self.env._("Automatic actions of the step %s:", log.name), Markup().join(done)),
                subtype_xmlid="mail.mt_note",
            )
        return done

    def _scenario_post_step_entered(self, log, previous, done, deadline_note):
        """One note saying where the order moved, what the step did on its own and
        why the deadline moved: nothing a step does happens without a word."""
        self.ensure_one()
        if previous:
            outcomes = dict(previous._fields["outcome"]._description_selection(self.env))
            head = self.env._(
                "Step %(previous)s closed (%(outcome)s); the order is now at the step %(step)s.",
                previous=previous.name,
                outcome=outcomes.get(previous.outcome, previous.outcome or "-"),
                step=log.name,
            )
        else:
            head = self.env._(
                "Scenario %(scenario)s started: the order is at the step %(step)s.",
                scenario=self.scenario_id.name,
                step=log.name,
            )
        details = []
        if log.division_id:
            details.append(self.env._("Division: %s.", log.division_id.display_name))
        if log.date_deadline:
            details.append(
                self.env._(
                    "Step deadline: %(deadline)s (%(hours)s working hours).",
                    deadline=format_datetime(self.env, log.date_deadline),
                    hours=format(log.sla_hours, "g"),
                )
            )
        elif log.state == "pending":
            details.append(self.env._("The step waits for the customer: its SLA clock stands still."))
        body = Markup("<p>%s %s</p>") % (head, " ".join(details))
        if done:
            body += Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Automatic actions:"), Markup().join(done))
        if deadline_note:
            body += Markup("<p>%s</p>") % deadline_note
        # A log, not a post: nobody is notified of it. Orders entering their steps
        # together log their notes together.
        memo = batch_memo(self.env)
        if memo is None:
            self._message_log(body=body)
        else:
            memo.setdefault(STEP_NOTES, []).append((self.id, body))

    # Subscriber notifications

    def _scenario_notify(self, template, log=None, essential=False):
        """E-mail `template` to the subscriber (or the prospect) in their language and
        keep it in the chatter; progress e-mails respect the subscriber's opt-out."""
        self.ensure_one()
        if not template:
            return self.env["mail.message"]
        partner = self.partner_id
        opted_out = partner.telecom_notification_opt_out or partner.commercial_partner_id.telecom_notification_opt_out
        if partner and opted_out and not essential:
            self._message_log(
                body=self.env._("“%s” was not e-mailed: the subscriber opted out of progress e-mails.", template.name)
            )
            return self.env["mail.message"]
        if not (partner.email if partner else self.prospect_email):
            self._message_log(body=self.env._("“%s” was not e-mailed: no e-mail address.", template.name))
            return self.env["mail.message"]
        subject = template._render_field("subject", self.ids, compute_lang=True)[self.id]
        body = template._render_field("body_html", self.ids, compute_lang=True)[self.id]
        message = self.message_post(
            body=body,
            subject=subject,
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            email_layout_xmlid="mail.mail_notification_light",
        )
        if not partner:
            self.env["mail.mail"].sudo().create(
                {
                    "mail_message_id": message.id,
                    "email_to": self.prospect_email,
                    "body_html": body,
                    "is_notification": True,
                    "auto_delete": True,
                }
            )
        if log:
            log.notification_message_id = message
        return message

    def _scenario_on_work_orders_closed(self, work_orders):
        """The work orders of the current step are all closed: move on, branch on a
        failure (a failed line test first), or fail the step."""
        for order in self:
            log = order.current_order_step_id
            if log.state not in ("running", "held"):
                continue
            mine = log._current_work_orders()
            if not (work_orders & mine):
                continue
            failed = mine.filtered(lambda wo: wo.state == "failed")
            # Open work orders waiting for a failed one will never start.
            doomed = failed
            while True:
                more = mine.filtered(
                    lambda wo, doomed=doomed: wo.state in OPEN_WORK_ORDER_STATES and wo.depends_on_ids & doomed
                )
                if not more - doomed:
                    break
                doomed |= more
            if (mine - doomed).filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES):
                continue
            if not failed:
                if log.state == "running" and order.state in ("acknowledged", "inProgress"):
                    order._scenario_advance_safely()
                continue
            step = log.scenario_step_id
            outcome = "work_order_failed"
            if "line_test" in failed.mapped("kind") and step._branch_target("line_test_failed"):
                outcome = "line_test_failed"
            if step._branch_target(outcome):
                order._scenario_advance_safely(outcome)
            else:
                order._scenario_fallout(
                    log,
                    self.env._(
                        "Work order %(work_order)s failed: %(result)s",
                        work_order=failed[0].name,
                        result=failed[0].result or "-",
                    ),
                )
