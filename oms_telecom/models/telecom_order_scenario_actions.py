"""The automatic actions a scenario step runs on an order, one overridable hook each."""

from odoo import Command, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from .telecom_work_order import OPEN_WORK_ORDER_STATES


class TelecomOrderScenarioActionsMixin(models.AbstractModel):
    _name = "telecom.order.scenario.actions.mixin"
    _description = "Telecom order: scenario actions"

    # Automatic actions, one overridable hook per action type: (order step, action) -> what was done.

    def _scenario_action_create_work_orders(self, log, action):
        """One work order of the action's kind, unless one is still open (or done in
        this passage of the step): a retried or re-entered step does not duplicate it."""
        WorkOrder = self.env["telecom.work.order"]
        depends_on = WorkOrder
        if action.depends_on_previous:
            actions = log.scenario_step_id.action_ids.filtered(lambda other: other.action_type == action.action_type)
            previous = actions[: list(actions).index(action)][-1:]
            if previous:
                depends_on = WorkOrder.search(
                    [
                        ("order_step_id", "=", log.id),
                        ("scenario_action_id", "=", previous.id),
                        ("state", "not in", ("failed", "cancelled")),
                    ]
                )
        mine = self.work_order_ids.filtered(lambda wo: wo.scenario_action_id == action)
        open_ones = mine.filtered(lambda wo: wo.state in OPEN_WORK_ORDER_STATES)
        kept = open_ones | mine.filtered(lambda wo: wo.order_step_id == log and wo.state == "done")
        if kept:
            open_ones.filtered(lambda wo: wo.order_step_id != log).write({"order_step_id": log.id})
            if action.depends_on_previous:
                # What they waited for may have failed and been replaced.
                open_ones.filtered(lambda wo: wo.depends_on_ids != depends_on).write(
                    {"depends_on_ids": [Command.set(depends_on.ids)]}
                )
            return self.env._("kept %s", ", ".join(kept.mapped("name")))
        work_order = WorkOrder.create(self._prepare_scenario_work_order_values(log, action, depends_on))
        return work_order.name

    def _prepare_scenario_work_order_values(self, log, action, depends_on):
        self.ensure_one()
        lines = self.line_ids.filtered(lambda line: line.state not in ("cancelled", "failed"))
        tasks = "\n".join(line.service_id.display_name or line.product_id.display_name for line in lines)
        if self.order_type == "problem":
            tasks = html2plaintext(self.description or "") or self.affected_service_id.display_name
        return {
            "order_id": self.id,
            "kind": action.work_order_kind,
            "division_id": log.division_id.id if log.division_id.kind == "technical" else False,
            "duration": action.work_order_duration or 1.0,
            "order_step_id": log.id,
            "scenario_action_id": action.id,
            "depends_on_ids": [Command.set(depends_on.ids)],
            "tasks": tasks or False,
        }

    def _scenario_action_create_subscriber(self, log, action):
        """The prospect becomes a subscriber (a company and its contact for a legal entity)."""
        if self.partner_id:
            self.partner_id._make_telecom_subscriber()
            return self.partner_id.display_name
        partner = self._scenario_create_partner_from_prospect()
        self.partner_id = partner
        return partner.display_name

    def _scenario_create_partner_from_prospect(self):
        self.ensure_one()
        if not self.prospect_name and not self.prospect_company_name:
            raise UserError(self.env._("Order %s has neither a subscriber nor a prospect's name.", self.name))
        premises = self.premises_id
        address = {
            "street": " ".join(filter(None, [premises.street, premises.house_number])),
            "street2": ", ".join(filter(None, [premises.building, premises.flat])) or False,
            "city": premises.city,
            "zip": premises.zip,
            "country_id": premises.country_id.id,
        }
        contact = {"email": self.prospect_email, "phone": self.prospect_phone}
        partners_sudo = self.env["res.partner"].sudo()
        if self._scenario_subscriber_kind() == "company" and self.prospect_company_name:
            company_sudo = partners_sudo.create(
                {
                    "name": self.prospect_company_name,
                    "is_company": True,
                    "is_telecom_subscriber": True,
                    **address,
                    **contact,
                }
            )
            if not self.prospect_name:
                return company_sudo.sudo(False)
            return partners_sudo.create(
                {"name": self.prospect_name, "parent_id": company_sudo.id, "type": "contact", **contact}
            ).sudo(False)
        return partners_sudo.create(
            {
                "name": self.prospect_name or self.prospect_company_name,
                "is_telecom_subscriber": True,
                **address,
                **contact,
            }
        ).sudo(False)

    def _scenario_action_create_services(self, log, action):
        """Pending services for the connection lines, before the work is done."""
        lines = self.line_ids.filtered(
            lambda line: line.action == "add" and not line.service_id and line.state in ("pending", "in_progress")
        )
        if not lines:
            return self.env._("nothing new")
        if not self.partner_id:
            raise UserError(self.env._("Create the subscriber of order %s before the services.", self.name))
        services = self.env["telecom.subscriber.service"].create([line._prepare_service_values() for line in lines])
        for line, service in zip(lines, services, strict=True):
            line.service_id = service
        return ", ".join(services.mapped("display_name"))

    def _scenario_complete_lines(self, line_action):
        if self.state == "acknowledged":
            self.with_context(telecom_scenario_sync=True)._set_state("inProgress")
        lines = self.line_ids.filtered(
            lambda line: line.action == line_action and line.state in ("pending", "in_progress")
        )
        lines._complete()
        return ", ".join(lines.service_id.mapped("display_name")) or self.env._("nothing to do")

    def _scenario_action_activate_services(self, log, action):
        return self._scenario_complete_lines("add")

    def _scenario_action_change_services(self, log, action):
        return self._scenario_complete_lines("modify")

    def _scenario_action_terminate_services(self, log, action):
        return self._scenario_complete_lines("delete")

    def _scenario_action_set_billing_start(self, log, action):
        services = self.line_ids.service_id.filtered(
            lambda service: service.state == "active" and not service.date_billing_start
        )
        services.write({"date_billing_start": fields.Date.context_today(self)})
        return ", ".join(services.mapped("display_name")) or self.env._("already set")

    def _scenario_action_generate_documents(self, log, action):
        """Produce the step's documents (log.scenario_step_id.report_ids): a hook for the documents feature."""
        return None

    def _scenario_action_send_notification(self, log, action):
        message = self._scenario_notify(action.mail_template_id, log, essential=True)
        return message and action.mail_template_id.name

    def _scenario_action_call_technical_system(self, log, action):
        """Call the technical system action.system_code: a hook for the integration feature."""
        return None
