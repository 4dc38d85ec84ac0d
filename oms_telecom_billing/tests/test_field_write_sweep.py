# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

from odoo import models
from odoo.tests import HttpCase, tagged

from odoo.addons.oms_telecom.tests.common import oms_new_test_user

from .common import BillingCase

_logger = logging.getLogger(__name__)

# The fields of each swept model that clients write (the screens' editable fields),
# within what the role's access rights and record rules allow. Every other stored
# field is the system's (see telecom.system.fields.mixin), or the sweep fails: a new
# field is classified here or declared the system's.
CLIENT_FIELDS = {
    "telecom.escalation.rule": {
        "name",
        "division_id",
        "level",
        "threshold_percent",
        "notify_responsible",
        "notify_division_manager",
        "notify_parent_manager",
        "raise_priority",
        "reassign_to",
        "needs_attention",
        "active",
        "company_id",
    },
    "telecom.order": {
        "order_type",
        "channel",
        "partner_id",
        "subscriber_kind",
        "prospect_name",
        "prospect_company_name",
        "prospect_email",
        "prospect_phone",
        "premises_id",
        "affected_service_id",
        "line_ids",
        "work_order_ids",
        "document_ids",
        "requested_date",
        "priority",
        "user_id",
        "division_id",
        "description",
        "state_reason",
        "stage_id",
        "kanban_state",
        "date_deadline",
        "external_reference",
        "company_id",
        "color",
        # In a draft; afterwards an OMS manager's (TelecomOrder._check_processing_change).
        "scenario_id",
        "no_scenario",
    },
    "telecom.order.document": {"attachment_id", "order_id", "work_order_id", "document_type"},
    "telecom.order.line": {
        "order_id",
        "sequence",
        "action",
        "service_id",
        "product_id",
        "parameters",
        # The catalogue's, unless Invoicing or an OMS manager agrees others with a reason.
        "installation_fee",
        "monthly_price",
        "price_reason",
    },
    "telecom.order.step": set(),
    # The catalogue of parameter labels: OMS managers translate it.
    "telecom.parameter.label": {"name", "kind"},
    "telecom.premises": {
        "country_id",
        "state_id",
        "city",
        "district",
        "street",
        "house_number",
        "building",
        "flat",
        "zip",
        "latitude",
        "longitude",
        "access_notes",
        "service_ids",
        "order_ids",
        "company_id",
        "active",
    },
    "telecom.subscriber.service": {
        "partner_id",
        "premises_id",
        "product_id",
        "parameters",
        "date_requested",
        # Moved by Invoicing, who checks what was billed (TelecomSubscriberService.write).
        "date_billing_start",
        "division_id",
        "company_id",
    },
    "telecom.work.order": {
        "order_id",
        "line_id",
        "kind",
        "division_id",
        "technician_id",
        "planned_start",
        "planned_end",
        "duration",
        "tasks",
        "equipment",
        "result",
        "customer_signature",
        "depends_on_ids",
        "document_ids",
    },
}
# Fields of mail.thread and mail.activity.mixin: mail checks them itself.
MAIL_FIELD_PREFIXES = ("message_", "activity_")
MAIL_FIELDS = {"website_message_ids", "email_cc", "my_activity_date_deadline"}
# The message of each refusal: the system fields', or the state guards'.
REFUSALS = ("set by the system", "through its buttons", "follows its order and work orders", "starts as a draft")


@tagged("post_install", "-at_install")
class TestFieldWriteSweep(BillingCase, HttpCase):
    """Every stored field of the models that operational roles write is either a
    client's field (CLIENT_FIELDS) or the system's; each role, over real JSON-RPC,
    writes every system field of a record it may write, and creates with it where it
    may create: all are refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_billing.partner_id.email = "bill@example.com"
        cls.roles = {
            "operator": cls.user_operator,
            "technician": cls.user_technician,
            "division manager": cls.user_division_manager,
            "OMS manager": cls.user_oms_manager,
            "billing": cls.user_billing,
            "portal": cls.user_portal,
        }
        cls.service = cls._connect_for_sweep()
        cls.order = cls._order_in_progress()
        cls.env["ir.attachment"].create(
            {"name": "plan.pdf", "raw": b"%PDF-1.4 plan", "res_model": "telecom.order", "res_id": cls.order.id}
        )
        cls.rule = cls.env["telecom.escalation.rule"].create(
            {"name": "Sweep rule", "division_id": cls.division_sales.id, "level": 1, "threshold_percent": 80}
        )

    @classmethod
    def _connect_for_sweep(cls):
        order = (
            cls.env["telecom.order"]
            .with_user(cls.user_operator)
            .create(cls._order_values(cls.individual, cls.premises_home, lines=[{"product_id": cls.fiber_100.id}]))
        )
        order.write({"no_scenario": True})
        order.action_submit()
        work_order = cls._sweep_work_order(order)
        work_order.with_user(cls.user_technician).action_start()
        work_order.with_user(cls.user_technician).action_done("Done on site.")
        return order.line_ids.service_id

    @classmethod
    def _order_in_progress(cls):
        """An order following its scenario, with a step and a work order."""
        order = (
            cls.env["telecom.order"]
            .with_user(cls.user_operator)
            .create(cls._order_values(cls.individual, cls.premises_home, lines=[{"product_id": cls.phone.id}]))
        )
        order.action_submit()
        order.action_start()
        cls._sweep_work_order(order)
        return order

    @classmethod
    def _sweep_work_order(cls, order):
        return (
            cls.env["telecom.work.order"]
            .with_user(cls.user_operator)
            .create(
                {
                    "order_id": order.id,
                    "line_id": order.line_ids[:1].id,
                    "kind": "installation",
                    "division_id": cls.division_technical.id,
                    "technician_id": cls.user_technician.id,
                }
            )
        )

    def _pool(self, model):
        """The records of `model` the sweep writes, in sudo."""
        orders = self.order | self.service.order_line_ids.order_id
        return {
            "telecom.escalation.rule": self.rule,
            "telecom.order": orders,
            "telecom.order.document": orders.document_ids,
            "telecom.order.line": orders.line_ids,
            "telecom.order.step": orders.order_step_ids,
            "telecom.parameter.label": self.env["telecom.parameter.label"].search([], limit=1),
            "telecom.premises": self.premises_home,
            "telecom.subscriber.service": self.service,
            "telecom.work.order": orders.work_order_ids,
        }[model].sudo()

    def _rpc_refusal(self, model, method, args):
        """Call `model.method(*args)` over JSON-RPC; the error message, or None when accepted."""
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1}
        payload["params"] = {"model": model, "method": method, "args": args, "kwargs": {}}
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.url_open(
                f"/web/dataset/call_kw/{model}/{method}",
                data=json.dumps(payload, default=str),
                headers={"Content-Type": "application/json"},
            )
            if "error" not in response.json():
                logging.getLogger("odoo.http").warning("accepted")  # for assertLogs: the caller fails the test
        error = response.json().get("error")
        self.assertTrue(logs.output)
        return error["data"]["message"] if error else None

    def _value(self, record, name):
        """The value to write back: the record's own, as a client sends it."""
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.id
        if field.type in ("one2many", "many2many"):
            return [[6, 0, value.ids]]
        if field.type == "selection":
            # Another state than the record's and the default one: a real change.
            default = record.default_get([name]).get(name)
            keys = [key for key, _label in field._description_selection(self.env)]
            return next(key for key in reversed(keys) if key not in (value, default))
        return field.convert_to_write(value, record)

    def _system_fields(self, model):
        Model = self.env[model]
        stored = {
            name
            for name, field in Model._fields.items()
            if field.store and name not in (*models.MAGIC_COLUMNS, "display_name")
        }
        system = Model._get_system_fields() if hasattr(Model, "_get_system_fields") else set()
        classified = CLIENT_FIELDS[model] | MAIL_FIELDS | system
        unclassified = {name for name in stored - classified - {"state"} if not name.startswith(MAIL_FIELD_PREFIXES)}
        self.assertFalse(unclassified, f"{model}: classify these fields (CLIENT_FIELDS or _system_fields)")
        return sorted((system | ({"state"} & stored)) - MAIL_FIELDS)

    def test_system_fields_are_refused_to_every_role(self):
        probes = 0
        accepted = []
        models_swept = set()
        for role, user in self.roles.items():
            self.authenticate(user.login, user.login)
            for model in sorted(CLIENT_FIELDS):
                Model = self.env[model].with_user(user)
                can_create = Model.has_access("create")
                writable = self._pool(model).with_user(user).filtered(lambda record: record.has_access("write"))
                if not writable and not can_create:
                    continue
                models_swept.add(model)
                record = writable[:1].sudo()
                for name in self._system_fields(model):
                    attempts = []
                    if record:
                        attempts.append(("write", [record.ids, {name: self._value(record, name)}]))
                    if can_create:
                        attempts.append(("create", [[{name: self._value(record or self._pool(model)[:1], name)}]]))
                    for method, args in attempts:
                        message = self._rpc_refusal(model, method, args)
                        probes += 1
                        if not message or not any(refusal in message for refusal in REFUSALS):
                            accepted.append(f"{role}: {model}.{method}({name}) -> {message or 'accepted'}")
        _logger.info(
            "Field-write sweep: %d roles, %d models, %d fields: %d probes over JSON-RPC",
            len(self.roles),
            len(models_swept),
            sum(len(self._system_fields(model)) for model in models_swept),
            probes,
        )
        self.assertFalse(accepted, "system fields written by clients:\n" + "\n".join(accepted))
        self.assertGreater(probes, 300)

    def test_operational_roles_still_write_their_fields(self):
        """The other side: what the screens let each role edit goes through."""
        self.authenticate(self.user_operator.login, self.user_operator.login)
        order = self.order.with_user(self.user_operator)
        order.write({"priority": "1", "kanban_state": "blocked", "date_deadline": "2030-01-01 10:00:00"})
        self.assertEqual((self.order.priority, self.order.kanban_state), ("1", "blocked"))
        work_order = self.order.work_order_ids.with_user(self.user_technician)
        work_order.write({"result": "Fibre spliced", "equipment": "ONT 42"})
        self.assertEqual(self.order.work_order_ids.result, "Fibre spliced")
        new_operator = oms_new_test_user(self.env, login="oms_sweep_other", groups="oms_telecom.group_oms_operator")
        self.division_sales.member_ids |= new_operator
        order.write({"user_id": new_operator.id})
        self.assertTrue(self.order.user_manual, "chosen by hand, so the system records it")
