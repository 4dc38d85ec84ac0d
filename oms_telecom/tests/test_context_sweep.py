# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json
import logging
import re
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.tests import HttpCase, tagged

from odoo.addons.oms_telecom.models.telecom_private_context import PRIVATE_KEYS

from .common import OmsTelecomCase

_logger = logging.getLogger(__name__)

ADDONS = Path(__file__).parents[2]
# Context keys our code reads as plain values, and why a client may send them.
CLIENT_KEYS = {
    "active_id": "the record a wizard or an action was opened from (checked by its access rights)",
    "active_ids": "the records a wizard was opened from (checked by their access rights)",
    "active_model": "the model of active_id(s)",
    "active_test": "whether archived records are searched too",
    "default_country_id": "a default of a new premises' address",
    "default_name": "what the user typed to create premises",
    "telecom_step_with_scenario": "shows each step with its scenario in the step analysis (display only)",
}
# Keys earlier versions read as True, or that a client might guess.
GUESSED_KEYS = (
    "telecom_allow_state_write",
    "telecom_document_registered",
    "telecom_document_source",
    "telecom_routing",
    "telecom_scenario_sync",
)
CONTEXT_READ = re.compile(r"context(?:\.get\(|\[)\s*[\"']([a-z_]+)[\"']")


@tagged("post_install", "-at_install")
class TestContextSweep(OmsTelecomCase, HttpCase):
    """No context key changes what a client's call does: the keys our code sets
    for itself hold a private token (telecom_private_context), and every other key
    it reads is listed in CLIENT_KEYS. Each key is sent from a client over JSON-RPC
    on the actions and writes that read them, and the outcome is compared with the
    same call without it."""

    def test_code_reads_private_or_listed_keys_only(self):
        sources = [
            path
            for path in ADDONS.glob("oms_telecom*/**/*.py")
            if "tests" not in path.relative_to(ADDONS).parts and path.name != "__manifest__.py"
        ]
        self.assertGreater(len(sources), 50)
        unlisted = {}
        for path in sources:
            for key in CONTEXT_READ.findall(path.read_text()):
                if key not in CLIENT_KEYS:
                    unlisted.setdefault(key, []).append(str(path.relative_to(ADDONS)))
        self.assertFalse(unlisted, "context keys read as plain values: make them private or list them")
        for key in PRIVATE_KEYS:
            self.assertTrue(key.startswith("telecom_"))

    # The entry points

    def _order(self, state="in_progress"):
        """A fresh order of the operator, following its scenario, in `state`."""
        order = self._create_order().with_user(self.user_operator)
        if state == "draft":
            return order
        order.action_submit()
        order.action_start()
        if state == "held":
            order.action_hold(reason="Waiting for a permit")
        return order

    def _entry_points(self):
        """{name: (the order to call it on, model, method, args)}, fresh each time."""
        in_2_days = fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=2))
        held_stage = self.env["telecom.order.stage"]._for_state("held").id
        attachment = base64.b64encode(b"%PDF-1.4 site plan").decode()
        draft, held, running = self._order("draft"), self._order("held"), self._order()
        hold, drop, deadline, upload = (self._order() for _index in range(4))
        order_vals = self._order_values(self.individual, self.premises_home, lines=[{"product_id": self.phone.id}])
        return {
            "submit": (draft, "telecom.order", "action_submit", [draft.ids]),
            "resume": (held, "telecom.order", "action_resume", [held.ids]),
            "hold": (hold, "telecom.order", "action_hold", [hold.ids]),
            "kanban drop": (drop, "telecom.order", "write", [drop.ids, {"stage_id": held_stage}]),
            "deadline": (deadline, "telecom.order", "write", [deadline.ids, {"date_deadline": in_2_days}]),
            "division": (running, "telecom.order", "write", [running.ids, {"division_id": self.division_sales.id}]),
            "create": (None, "telecom.order", "create", [[self._json_vals(order_vals)]]),
            "attachment": (
                upload,
                "ir.attachment",
                "create",
                [[{"name": "plan.pdf", "datas": attachment, "res_model": "telecom.order", "res_id": upload.id}]],
            ),
        }

    def _json_vals(self, vals):
        return json.loads(json.dumps(vals))

    def _call(self, model, method, args, context):
        result = self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": {"context": context}},
        )
        return result

    def _order_outcome(self, order):
        """What the call did to the order, its current step and its documents."""
        order = order.sudo()
        order.invalidate_recordset()
        step = order.current_order_step_id
        return {
            "state": order.state,
            "stage": order.stage_id.name,
            "needs_attention": order.needs_attention,
            "division_manual": order.division_manual,
            "user_manual": order.user_manual,
            "deadline_by_scenario": order.deadline_by_scenario,
            "scenario": order.scenario_id.name,
            "step": step.name,
            "step_state": step.state,
            "clock_running": bool(step.running_since),
            "held_since": bool(step.held_since),
            "step_deadline": bool(step.date_deadline),
            "next_escalation": bool(step.date_next_escalation),
            "documents": sorted(order.document_ids.mapped("source")),
        }

    def test_client_context_keys_change_nothing(self):
        self.authenticate(self.user_operator.login, self.user_operator.login)
        keys = (*PRIVATE_KEYS, *GUESSED_KEYS)
        differences = []
        probes = 0
        baseline = {}
        for context in ({}, *({key: True} for key in keys)):
            for name, (order, model, method, args) in self._entry_points().items():
                result = self._call(model, method, args, context)
                if name == "create":
                    order = self.env["telecom.order"].browse(result)
                outcome = self._order_outcome(order)
                probes += 1
                if not context:
                    baseline[name] = outcome
                elif outcome != baseline[name]:
                    differences.append(f"{context} on {name}: {outcome} instead of {baseline[name]}")
        _logger.info("Context sweep: %d keys x %d entry points: %d calls", len(keys), len(baseline), probes)
        self.assertFalse(differences, "\n".join(differences))
        self.assertEqual(baseline["resume"]["step_state"], "running", "the baseline resumes the step")
        self.assertTrue(baseline["resume"]["clock_running"])
        self.assertEqual(baseline["attachment"]["documents"], ["operator"])
        self.assertTrue(baseline["division"]["division_manual"])
