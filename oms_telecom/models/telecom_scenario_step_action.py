# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .telecom_work_order import WORK_ORDER_KINDS

# Each type runs the order's hook _scenario_action_<type>(order_step, action).
ACTION_TYPES = [
    ("create_work_orders", "Create Work Orders"),
    ("create_subscriber", "Create the Subscriber"),
    ("create_services", "Create Pending Services"),
    ("activate_services", "Activate Services"),
    ("change_services", "Change Services"),
    ("terminate_services", "Terminate Services"),
    ("set_billing_start", "Set the Billing Start Date"),
    ("generate_documents", "Generate Documents"),
    ("send_notification", "Send a Notification"),
    ("call_technical_system", "Call a Technical System"),
]


class TelecomScenarioStepAction(models.Model):
    """An automatic action a step runs when an order enters it. Actions are
    idempotent: entering the step again does not do twice what is done."""

    _name = "telecom.scenario.step.action"
    _inherit = ["telecom.scenario.step.part"]
    _description = "Scenario Step Action"
    _order = "step_id, sequence, id"

    step_id = fields.Many2one("telecom.scenario.step", required=True, index=True, ondelete="cascade")
    scenario_id = fields.Many2one(related="step_id.scenario_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    action_type = fields.Selection(ACTION_TYPES, string="Action", required=True)
    work_order_kind = fields.Selection(WORK_ORDER_KINDS)
    work_order_duration = fields.Float(string="Duration (hours)", default=2.0)
    depends_on_previous = fields.Boolean(
        string="After the Previous Work Orders",
        help="The work order waits for those the step's previous work-order action creates.",
    )
    mail_template_id = fields.Many2one(
        "mail.template", string="E-mail", domain=[("model", "=", "telecom.order")], ondelete="restrict"
    )
    system_code = fields.Char(string="Technical System", help="Which system to call, e.g. provisioning, billing.")

    @api.depends("action_type", "work_order_kind", "system_code")
    def _compute_display_name(self):
        types = dict(self._fields["action_type"]._description_selection(self.env))
        kinds = dict(self._fields["work_order_kind"]._description_selection(self.env))
        for action in self:
            detail = (
                kinds.get(action.work_order_kind)
                if action.action_type == "create_work_orders"
                else (action.system_code if action.action_type == "call_technical_system" else False)
            )
            label = types.get(action.action_type, "")
            action.display_name = f"{label} ({detail})" if detail else label

    @api.constrains("action_type", "work_order_kind", "mail_template_id")
    def _check_parameters(self):
        for action in self:
            if action.action_type == "create_work_orders" and not action.work_order_kind:
                raise ValidationError(self.env._("Choose the kind of work order the action creates."))
            if action.action_type == "send_notification" and not action.mail_template_id:
                raise ValidationError(self.env._("Choose the e-mail the action sends."))
