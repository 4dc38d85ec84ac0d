# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.oms_telecom.models.telecom_order_state import CLOSED_STATES

# What the subscriber reads for each order state: the TMF622 words are the team's.
PORTAL_STATES = [
    ("draft", "Not sent yet"),
    ("acknowledged", "Received"),
    ("in_progress", "In progress"),
    ("pending", "Waiting for you"),
    ("held", "Delayed"),
    ("partial", "Partly completed"),
    ("failed", "Could not be completed"),
    ("completed", "Completed"),
    ("rejected", "Declined"),
    ("assessing_cancellation", "Cancellation requested"),
    ("pending_cancellation", "Being cancelled"),
    ("cancelled", "Cancelled"),
]
# Tone of the status badge and of the tracker's current or last step.
PORTAL_STATE_TONES = {
    "draft": "secondary",
    "acknowledged": "info",
    "in_progress": "primary",
    "pending": "warning",
    "held": "warning",
    "partial": "warning",
    "failed": "danger",
    "completed": "success",
    "rejected": "danger",
    "assessing_cancellation": "warning",
    "pending_cancellation": "warning",
    "cancelled": "secondary",
}
# An order without a scenario goes through these states; others are detours.
PORTAL_MAIN_STATES = ("acknowledged", "in_progress", "completed")


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

    portal_state = fields.Selection(
        PORTAL_STATES,
        string="Status",
        compute="_compute_portal_state",
        help="The order's state in the subscriber's words.",
    )

    _sql_constraints = [
        ("form_token_unique", "unique(form_token)", "This order form has already been submitted."),
    ]

    @api.depends("state", "channel")
    def _compute_portal_state(self):
        for order in self:
            order.portal_state = order._portal_state_key()

    def _portal_state_key(self):
        """What a customer sent by e-mail is received, also while the team registers it."""
        self.ensure_one()
        return "acknowledged" if self.state == "draft" and self.channel == "email" else self.state

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

    def _portal_report_name(self, report):
        """What the subscriber calls `report` of the order: its printed name (the
        document's type and the order's number) in the current language."""
        self.ensure_one()
        report_sudo = report.sudo().with_context(lang=self.env.lang)
        name = report_sudo.print_report_name and safe_eval(
            report_sudo.print_report_name, {"object": self, "time": time}
        )
        return name or f"{report_sudo.name} - {self.name}"

    def _portal_report_file_name(self, report):
        # Order numbers hold slashes, which no file name may.
        return re.sub(r'[\\/:*?"<>|]+', "_", self._portal_report_name(report)) + ".pdf"

    # Progress tracker of the portal

    @api.model
    def _portal_state_labels(self):
        """{portal state: its label} in the reader's language."""
        return dict(self._fields["portal_state"]._description_selection(self.env))

    def _portal_state_tone(self):
        self.ensure_one()
        return PORTAL_STATE_TONES.get(self._portal_state_key(), "secondary")

    def _portal_tracker_steps(self):
        """The progress tracker of the order page, in order: the steps done (with
        the day each ended), the current one (with its deadline), those ahead,
        then the end of the order. Read from the order's step records, as the
        team sees them; an order without steps follows its state."""
        self.ensure_one()
        passages = self._portal_tracker_passages()
        if not passages:
            return self._portal_tracker_state_steps()
        closed = self.state in CLOSED_STATES
        steps = []
        for passage in passages:
            description = passage.stage_id.description
            # The scenario's step, in the reader's language (the passage keeps the name it had).
            name = passage.scenario_step_id.name or passage.name
            if passage.state == "done":
                steps.append(
                    self._portal_tracker_step(
                        name, "done", passage.stage_id.state or "", passage.date_end, "done", description
                    )
                )
            elif closed:
                # The order ended while this step was under way.
                steps.append(
                    self._portal_tracker_step(name, "stopped", self.state, self.date_closed, "ended", description)
                )
            else:
                # The open step: the current one, waiting, held or failed.
                expected = self._portal_step_expected(passage)
                steps.append(self._portal_tracker_step(name, "current", self.state, expected, "expected", description))
        if not closed:
            steps += self._portal_tracker_next_steps(passages[-1])
        return steps + [self._portal_tracker_end_step(steps)]

    def _portal_tracker_passages(self):
        """The step records of the order's path, oldest first. Going back to a step
        (the problem is not solved) takes the path back there: the passages from
        its earlier one on are history, not progress."""
        path = []
        for passage in self.order_step_ids.sorted(lambda step: (step.date_start, step.id)):
            if passage.state in ("cancelled", "skipped"):
                continue
            known = [
                index for index, earlier in enumerate(path) if earlier.scenario_step_id == passage.scenario_step_id
            ]
            if known and passage.scenario_step_id:
                del path[known[0] :]
            path.append(passage)
        return self.env["telecom.order.step"].union(*path)

    def _portal_tracker_next_steps(self, last_passage):
        """The scenario's steps after the last passage, on the normal path."""
        steps, seen = [], set(last_passage.scenario_step_id.ids)
        step = last_passage.scenario_step_id
        step = step._next_step() if step else step
        while step and step.id not in seen:
            seen.add(step.id)
            steps.append(
                self._portal_tracker_step(
                    step.name, "next", step.stage_id.state or "", description=step.stage_id.description
                )
            )
            step = step._next_step()
        return steps

    def _portal_step_expected(self, passage):
        """The deadline of the open step, while the order's promise stands: a passed
        one says nothing the end of the tracker does not say better."""
        if not self.date_expected or self.promise_late:
            return False
        deadline = passage.date_deadline
        return deadline if deadline and deadline >= fields.Datetime.now() else False

    def _portal_tracker_end_step(self, steps):
        """The order's end: completed (ticked) or stopped once closed, else its
        completion and the order's promise."""
        labels = dict(self._fields["portal_state"]._description_selection(self.env))
        if self.state in CLOSED_STATES:
            if self.state in ("completed", "partial"):
                return self._portal_tracker_step(labels[self.state], "done", self.state, self.date_closed, "done")
            return self._portal_tracker_step(labels[self.state], "stopped", self.state, self.date_closed, "ended")
        return self._portal_tracker_promise_step(labels["completed"])

    def _portal_tracker_promise_step(self, name):
        """The completion ahead: expected by the order's promise, or the note said in
        its place (late, with what happens next; or when we contact the customer)."""
        step = self._portal_tracker_step(name, "next", "completed", self.date_expected, "expected")
        if self.promise_note:
            step.update(date=False, note=self.promise_note, date_kind="late" if self.promise_late else "note")
        return step

    def _portal_tracker_state_steps(self):
        """Tracker of an order without a scenario: received, in progress,
        completed. A detour (waiting for you, delayed...) shows in place of the
        step it interrupts; an order stopped on the way ends there."""
        labels = dict(self._fields["portal_state"]._description_selection(self.env))
        received, in_progress, completed = PORTAL_MAIN_STATES
        closed = self.state in CLOSED_STATES
        if closed and self.state not in ("completed", "partial"):
            states = [received, self.state]
        elif self.state in PORTAL_MAIN_STATES or closed or self.state == "draft":
            states = [received, in_progress, completed if self.state != "partial" else "partial"]
        else:
            states = [received, self.state, completed]
        # An e-mailed order the team still registers (a draft) is received already.
        current = self._portal_state_key()
        position = states.index(current) if current in states else -1
        dates = {received: self.date_submitted, states[-1]: self.date_closed}
        steps = []
        for index, state in enumerate(states):
            if state == completed and not closed:
                steps.append(self._portal_tracker_promise_step(labels[state]))
                continue
            if index < position or (index == position and state in ("completed", "partial")):
                status, date_kind = "done", "done"
            elif index == position:
                status, date_kind = ("stopped", "ended") if closed else ("current", "expected")
            else:
                status, date_kind = "next", "expected"
            date = dates.get(state) if status != "current" else False
            steps.append(self._portal_tracker_step(labels[state], status, state, date, date_kind))
        return steps

    @api.model
    def _portal_tracker_step(self, name, status, state, date=False, date_kind="expected", description=False):
        """One step of the tracker: `status` is done, current, next or stopped (the
        order ended there); `date` the day it was done (`date_kind` "done"), is
        expected by ("expected") or ended ("ended"); `note` what the customer reads
        in place of the date ("late" or "note")."""
        return {
            "name": name,
            "status": status,
            "state": state,
            "tone": PORTAL_STATE_TONES.get(state, "primary") if status in ("current", "stopped") else "",
            "date": date or False,
            "date_kind": date_kind,
            "description": description or "",
            "note": False,
        }

    def _telecom_send_web_form_confirmation(self):
        """The public order form's receipt, kept in the order's thread: the
        prospect's replies land there."""
        template = self.env.ref("oms_telecom_portal.mail_template_telecom_order_web_received").sudo()
        for order in self:
            order._scenario_notify(template, essential=True)
