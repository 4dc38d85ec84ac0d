from odoo import fields, models


class TelecomScenarioStep(models.Model):
    _inherit = "telecom.scenario.step"

    # The step's document package: order reports, and work-order reports printed
    # for the work orders of the step.
    report_ids = fields.Many2many(domain=[("model", "in", ("telecom.order", "telecom.work.order"))])
    attach_documents_to_notification = fields.Boolean(
        string="Attach the Documents to the E-mail",
        help="The subscriber's notification of the step carries the order documents the step generated.",
    )
    completed_by_signed_contract = fields.Boolean(
        string="Completed by the Signed Contract",
        help="The order moves on to the next step as soon as the signed contract is uploaded "
        "(by an operator or by the subscriber in the portal).",
    )
