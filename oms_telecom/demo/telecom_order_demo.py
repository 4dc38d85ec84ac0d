# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

# In Odoo's own requirements (its tests freeze time too).
from freezegun import freeze_time

from odoo import api, fields, models

# The demo's simulated clock, shared by the <function> calls of the demo files:
# {"freezer": the running freezegun freezer, "clock": its factory, "now": the
# real time of the installation, "today": its day}.
_DEMO_CLOCK = {}
DEMO_TZ = "America/Chicago"
SUNDAY = 6


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    # The demo's history is made by running the product on a simulated clock:
    # the demo files move the clock, then create, submit and work the orders
    # through the same methods as the operators, technicians and scheduled
    # actions, which write every date as in production.

    @api.model
    def _demo_clock_start(self):
        self._demo_clock_stop()
        now = fields.Datetime.now().replace(microsecond=0)
        freezer = freeze_time(now)
        today = pytz.utc.localize(now).astimezone(pytz.timezone(DEMO_TZ)).date()
        _DEMO_CLOCK.update(freezer=freezer, clock=freezer.start(), now=now, today=today)
        # A failed installation rolls back: the clock must not stay frozen after it.
        self.env.cr.postrollback.add(_stop_freezer)
        self.env.cr.postcommit.add(_stop_freezer)

    @api.model
    def _demo_clock_stop(self):
        """Back to the real time, the scheduled escalations run on the way."""
        if not _DEMO_CLOCK:
            return
        self._demo_clock_move(_real_now())
        _stop_freezer()
        self.env.cr._now = None

    @api.model
    def _demo_real_now(self):
        """The moment the simulated clock catches up with."""
        return _real_now()

    @api.model
    def _demo_time(self, days, hour, minute=0, field=False):
        """The UTC moment (naive) at `hour`:`minute` in the towns' time zone,
        `days` after the day of the installation; a field visit on a Sunday, when
        the field teams rest, moves to the Saturday before."""
        day = (_DEMO_CLOCK.get("today") or fields.Date.context_today(self)) + timedelta(days=days)
        if field and day.weekday() == SUNDAY:
            day -= timedelta(days=1)
        local = pytz.timezone(DEMO_TZ).localize(datetime.combine(day, time(hour, minute)))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _demo_date(self, days):
        """The day `days` after the installation's (a requested date)."""
        return fields.Date.to_string((_DEMO_CLOCK.get("today") or fields.Date.context_today(self)) + timedelta(days))

    @api.model
    def _demo_clock_order(self, days, hour, minute=0):
        """An order's story starts: the clock is set to its first moment (back
        from the real time for the first story; the stories played side by side
        start when the clock comes to them, see telecom.order.demo)."""
        moment = self._demo_time(days, hour, minute)
        if moment > fields.Datetime.now():
            self._demo_clock_move(moment)
        else:
            self._demo_clock_set(moment)

    @api.model
    def _demo_clock_at(self, days, hour, minute=0):
        """The next moment of an order's story, never before the last one."""
        self._demo_clock_move(self._demo_time(days, hour, minute))

    @api.model
    def _demo_clock_after(self, hours):
        self._demo_clock_move(fields.Datetime.now() + timedelta(hours=hours))

    @api.model
    def _demo_clock_move(self, target):
        """Move the clock forward to `target` (the story stops at the real time),
        running the escalation job at each moment a level comes due on the way,
        as the scheduler would."""
        target = min(target, _real_now())
        # Side by side with the other stories: theirs before that moment first.
        self.env["telecom.order.demo"]._demo_wait_for_other_stories(target)
        Step = self.env["telecom.order.step"].sudo()
        while True:
            self._demo_settle()
            due = Step.search([("date_next_escalation", "<=", target)], order="date_next_escalation", limit=1)
            if not due:
                break
            self._demo_clock_set(max(due.date_next_escalation, fields.Datetime.now()))
            while Step._cron_escalate():
                pass
        self._demo_clock_set(max(target, fields.Datetime.now()))

    @api.model
    def _demo_clock_set(self, moment):
        self._demo_settle()
        _DEMO_CLOCK["clock"].move_to(moment)
        # Records are stamped with the transaction's time (create_date, write_date).
        self.env.cr._now = moment

    @api.model
    def _demo_settle(self):
        """What is written at commit (tracking messages) is written now, at the
        time it happened."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env["telecom.order.demo"]._demo_send_mail_queue()

    # The people at work

    @api.model
    def _demo_log_in(self, user_xmlids):
        """The staff log in as they start their day: they have worked in the product
        for weeks, so a first login from a browser in another zone does not take
        their zone from it (Odoo does on a user's first login)."""
        for xmlid in user_xmlids:
            self.env.ref(xmlid).with_user(self.env.ref(xmlid))._update_last_login()

    @api.model
    def _demo_subscriber_zones(self):
        """Subscribers live at their service address: they read their times in
        its zone (their contacts too)."""
        orders = self.search([("premises_id", "!=", False), ("partner_id", "!=", False)], order="id")
        zones = orders.premises_id._telecom_zones()
        for order in orders:
            subscriber = order.partner_id.commercial_partner_id
            people = (subscriber | subscriber.child_ids).filtered(lambda partner: not partner.tz)
            if people:
                people.tz = zones[order.premises_id]

    @api.model
    def _demo_plan(self, work_order_ids):
        """The dispatcher plans the visits at their proposed time, or when their
        technician is next free in the field teams' hours."""
        WorkOrder = self.env["telecom.work.order"]
        for work_order in WorkOrder.browse(work_order_ids).sorted("planned_start"):
            hours = timedelta(hours=work_order.duration or 1.0)
            start = _in_field_hours(work_order.planned_start, hours)
            while busy := WorkOrder.search(
                [
                    ("id", "!=", work_order.id),
                    ("technician_id", "=", work_order.technician_id.id),
                    ("state", "!=", "cancelled"),
                    ("planned_start", "<", start + hours),
                    ("planned_end", ">", start),
                ]
            ):
                start = _in_field_hours(max(busy.mapped("planned_end")), hours)
            if start != work_order.planned_start:
                work_order.planned_start = start
            work_order.action_plan()

    @api.model
    def _demo_visit(self, work_order_ids, result, failed=False):
        """The technician goes at the planned time, works the planned hours and
        reports the result when leaving."""
        work_orders = self.env["telecom.work.order"].browse(work_order_ids)
        self._demo_plan(work_orders.filtered(lambda wo: wo.state == "draft").ids)
        for work_order in work_orders.sorted("planned_start"):
            if work_order.planned_end > _real_now():
                # Later today: the visit is still to come.
                break
            self._demo_clock_move(work_order.planned_start)
            # The technician reports from the work order, as on a phone.
            technician_work_order = work_order.with_user(work_order.technician_id)
            technician_work_order.action_start()
            self._demo_clock_move(work_order.planned_end)
            if failed:
                technician_work_order.action_fail(result)
            else:
                technician_work_order.action_done(result)

    @api.model
    def _demo_visit_start(self, work_order_ids):
        """The technician starts the visits whose time has come."""
        work_orders = self.env["telecom.work.order"].browse(work_order_ids)
        for work_order in work_orders.filtered(lambda wo: wo.planned_start <= _real_now()).sorted("planned_start"):
            self._demo_clock_move(work_order.planned_start)
            work_order.with_user(work_order.technician_id).action_start()

    @api.model
    def _demo_work_through(self, order_ids, visit_days, result):
        """Orders worked through their scenario the usual way: the back office
        moves each step on half an hour after it started, books the visits a step
        needs in the first free slot from 09:00 on the day `visit_days`, and the
        technician reports each done with `result`."""
        for order in self.browse(order_ids):
            for _round in range(10):
                if order.is_closed or not order.current_order_step_id:
                    break
                step = order.current_order_step_id
                if order.state in ("held", "failed"):
                    # The demo's story went wrong: say where, rather than install a stuck order.
                    raise ValueError(f"Demo order {order.name} stopped at {step.name}: {order.state_reason}")
                to_book = order._scenario_work_orders_to_book()
                if to_book:
                    order._demo_book(self._demo_time(visit_days, 9, field=True))
                    self._demo_visit(to_book.ids, result)
                    if to_book.filtered(lambda wo: wo.state == "planned"):
                        break
                else:
                    self._demo_clock_after(0.5)
                    # The order's operator moves it on.
                    order.with_user(order.user_id or self.env.ref("oms_telecom.user_operator")).action_next_step()

    def _demo_book(self, date_from):
        """The operator books the first free slot from `date_from`, with a
        technician other than Tomas when one is free (his agenda is the tours')."""
        self.ensure_one()
        slots = self._get_technician_slots(date_from=date_from)
        tomas = self.env.ref("oms_telecom.user_technician")
        slot = next((slot for slot in slots if slot["technician_id"] != tomas.id), slots[0])
        self._book_technician_slot(slot["start"], slot["technician_id"])


def _in_field_hours(start, hours):
    """`start`, or the next moment from which a visit of `hours` fits in the field
    teams' day (08:00-18:00, Monday to Saturday, in the towns' zone)."""
    zone = pytz.timezone(DEMO_TZ)
    local = pytz.utc.localize(start).astimezone(zone)
    day_start = local.replace(hour=8, minute=0, second=0, microsecond=0)
    if local < day_start:
        local = day_start
    if local.weekday() == SUNDAY or local + hours > local.replace(hour=18, minute=0, second=0, microsecond=0):
        day = local.date() + timedelta(days=1)
        if day.weekday() == SUNDAY:
            day += timedelta(days=1)
        local = zone.localize(datetime.combine(day, time(8)))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def _real_now():
    """The real time the story catches up with: when the installation began."""
    return _DEMO_CLOCK.get("now") or fields.Datetime.now()


def _stop_freezer():
    freezer = _DEMO_CLOCK.pop("freezer", None)
    _DEMO_CLOCK.clear()
    if freezer:
        freezer.stop()
