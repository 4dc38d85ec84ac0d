from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
# How long the demo's closed orders took against their SLA (a share of it), in turn:
# one in seven misses its deadline.
DEMO_SLA_SHARES = (0.3, 0.55, 0.8, 0.45, 0.95, 0.65, 1.4)
DEMO_HISTORY_DAYS = 56


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    @api.model
    def _demo_spread_history(self):
        """Demo data only: the demo orders are all created, submitted and closed in
        the seconds of the installation. Spread them over the past weeks as if they
        had been worked on: each order's timestamps (order, steps, work orders,
        their chatter) keep their order and are stretched from a submission in the past
        to its closing (or now), deadlines keep their span, and the escalation
        levels due on the way are recorded as the scheduled action would have."""
        orders = self.env["ir.model.data"].search([("module", "=", "oms_telecom"), ("model", "=", self._name)])
        orders = self.browse(orders.mapped("res_id")).exists().sorted("id")
        self.env.flush_all()
        # Tracking notes are written at commit: write them now, so that they move too.
        self.env.cr.precommit.run()
        now = fields.Datetime.now()
        for index, order in enumerate(orders):
            order._demo_spread_order(index, now)
        self.env.invalidate_all()
        orders._demo_replay_escalations(now)

    def _demo_spread_order(self, index, now):
        self.ensure_one()
        origin = self.date_submitted or self.create_date
        origin_end = self.date_closed if self.is_closed and self.date_closed else now
        deadline_span = self.date_deadline - origin if self.date_deadline and self.deadline_by_scenario else None
        share = DEMO_SLA_SHARES[index % len(DEMO_SLA_SHARES)]
        if self.is_closed and self.date_submitted:
            closed = now - (1 + (index * 17) % (DEMO_HISTORY_DAYS - 8)) * DAY - (index % 8) * HOUR
            if deadline_span:
                lead = deadline_span * share
            else:
                lead = (1 + index % 6) * DAY
            start, end = closed - lead, closed
        elif self.date_submitted:
            # Open orders: submitted in the last days, a few of them past their SLA.
            start, end = now - (6 + (index * 7) % 90) * HOUR, now
        else:
            start = end = now - (index % 4) * DAY - (index % 5) * HOUR
        stamps = sorted(
            {origin, origin_end}
            | {
                date
                for step in self.order_step_ids
                for date in (step.date_start, step.date_end, step.running_since, step.pending_since, step.held_since)
                if date
            }
            | {message.date for message in self.message_ids | self.work_order_ids.message_ids}
            | {date for wo in self.work_order_ids for date in (wo.create_date, wo.date_done) if date}
        )
        stamps = [stamp for stamp in stamps if origin <= stamp <= origin_end] or [origin]
        # Each distinct timestamp evenly between the new start and end, in the same order.
        step = (end - start) / max(len(stamps) - 1, 1)
        moved = {stamp: start + rank * step for rank, stamp in enumerate(stamps)}
        moved[origin_end] = end

        def move(date):
            if not date:
                return None
            return moved.get(date) or (start if date < origin else end)

        self.env.execute_query(
            SQL(
                """UPDATE telecom_order
                      SET create_date = %(created)s, date_submitted = %(submitted)s, date_closed = %(closed)s,
                          date_deadline = %(deadline)s
                    WHERE id = %(id)s""",
                id=self.id,
                created=start - (index % 3) * HOUR,
                submitted=start if self.date_submitted else None,
                closed=move(self.date_closed),
                deadline=start + deadline_span if deadline_span else self.date_deadline or None,
            )
        )
        for order_step in self.order_step_ids:
            step_start, step_end = move(order_step.date_start), move(order_step.date_end)
            deadline = None
            if order_step.date_deadline:
                # A finished step took the same share of its SLA as its order.
                span = (step_end - step_start) / share if step_end else order_step.date_deadline - order_step.date_start
                deadline = step_start + span
            self.env.execute_query(
                SQL(
                    """UPDATE telecom_order_step
                          SET date_start = %(start)s, date_end = %(end)s, date_deadline = %(deadline)s,
                              duration = %(duration)s, working_hours = %(working)s,
                              running_since = %(running)s, pending_since = %(pending)s, held_since = %(held)s
                        WHERE id = %(id)s""",
                    id=order_step.id,
                    start=step_start,
                    end=step_end,
                    deadline=deadline,
                    duration=(step_end - step_start) / HOUR if step_end else order_step.duration,
                    working=order_step._working_hours_between(step_start, step_end) if step_end else 0.0,
                    running=move(order_step.running_since),
                    pending=move(order_step.pending_since),
                    held=move(order_step.held_since),
                )
            )
        visits_done = self.work_order_ids.filtered(lambda wo: wo.date_done and wo.planned_start and wo.planned_end)
        slots = self._demo_visit_slots(visits_done, move, start, end)
        for work_order in self.work_order_ids:
            planned_start, planned_end = slots.get(work_order, (work_order.planned_start, work_order.planned_end))
            done = move(work_order.date_done)
            if work_order in slots:
                # Reported done once it ended.
                done = max(done, planned_end)
            self.env.execute_query(
                SQL(
                    """UPDATE telecom_work_order
                          SET create_date = %(created)s, date_done = %(done)s,
                              planned_start = %(start)s, planned_end = %(end)s
                        WHERE id = %(id)s""",
                    id=work_order.id,
                    created=move(work_order.create_date),
                    done=done,
                    start=planned_start or None,
                    end=planned_end or None,
                )
            )
        for message in self.message_ids | self.work_order_ids.message_ids:
            self.env.execute_query(
                SQL("UPDATE mail_message SET date = %s WHERE id = %s", move(message.date), message.id)
            )

    def _demo_visit_slots(self, visits, move, submitted, until):
        """{visit: (start, end)} for the visits done of an order moved in time by
        `move`, between its submission and `until` (its close, or now): together,
        keeping their spacing, the last one ending when the last was reported done;
        else back to back, ending then or, when that is too early, starting at
        the submission; all shortened alike when even `until` is too early."""
        if not visits:
            return {}
        done = move(max(visits.mapped("date_done")))
        visits = visits.sorted("planned_start")
        shift = done - max(visits.mapped("planned_end"))
        if visits[0].planned_start + shift >= submitted:
            return {visit: (visit.planned_start + shift, visit.planned_end + shift) for visit in visits}
        length = sum((visit.planned_end - visit.planned_start for visit in visits), timedelta())
        # An SLA counted in working hours can leave an order less time between its
        # submission and its last report than its visits lasted.
        end = max(done, min(submitted + length, until))
        scale = min(1.0, (end - submitted) / length) if length else 1.0
        slots = {}
        for visit in reversed(visits):
            # Never before the submission, whatever the rounding of the scaled lengths.
            start = max(end - (visit.planned_end - visit.planned_start) * scale, submitted)
            slots[visit] = (start, end)
            end = start
        return slots

    def _demo_replay_escalations(self, now):
        """Record the escalation levels that came due on the moved steps, when they
        came due, then plan the next ones and the deadlines from the moved clocks."""
        order_steps = self.order_step_ids
        running = order_steps.filtered("running_since")
        # The running steps' plan from their moved clocks, on their calendars.
        running._plan_sla()
        rules = self.env["telecom.escalation.rule"].sudo()._rules_for_divisions(order_steps.division_id)
        events = []
        for order_step in order_steps.filtered("date_deadline"):
            if order_step in running:
                due_levels = [
                    (int(level), fields.Datetime.to_datetime(when), rule_id)
                    for level, (when, rule_id) in (order_step.escalation_plan or {}).items()
                ]
            else:
                span = order_step.date_deadline - order_step.date_start
                due_levels = [
                    (rule.level, order_step.date_start + span * rule.threshold_percent / 100, rule.id)
                    for rule in rules.get(order_step.division_id, [])
                ]
            events += [
                {
                    "order_step_id": order_step.id,
                    "order_id": order_step.order_id.id,
                    "level": level,
                    "rule_id": rule_id,
                    "date": due,
                }
                for level, due, rule_id in due_levels
                if due <= (order_step.date_end or now) and level > order_step.escalation_level
            ]
        self.env["telecom.escalation.event"].sudo().create(events)
        for order_step in order_steps:
            levels = [event["level"] for event in events if event["order_step_id"] == order_step.id]
            if levels:
                order_step.escalation_level = max(levels)
        running._plan_sla()
        for order in self.filtered(lambda order: order.deadline_by_scenario and not order.is_closed):
            order._scenario_update_deadline()
