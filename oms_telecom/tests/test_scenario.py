# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import Form

from .scenario_common import ScenarioCase


@freeze_time("2030-05-06 09:00:00")
class TestBuiltInScenarios(ScenarioCase):
    """Each built-in scenario from submission to completion, cancellation or failure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_subscriber.signatory_id = cls.company_contact

    def _scenario(self, xmlid):
        return self.env.ref(f"oms_telecom.{xmlid}")

    def _history(self, order):
        return [(step.name, step.state, step.outcome) for step in self._steps(order)]

    def test_connection_of_an_individual(self):
        order = self._create_order(requested_date="2030-05-07")
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_connection_individual"))
        self.assertEqual(order.current_order_step_id.name, "Registration")
        self.assertEqual(order.stage_id, self.stages["new"])
        self.assertEqual(order.state, "acknowledged")
        self.assertTrue(order.current_order_step_id.date_deadline)
        self.assertTrue(order.date_deadline, "the order's deadline covers every step")
        self.assertGreater(order.date_deadline, order.current_order_step_id.date_deadline)

        order.action_next_step()
        installation_step = order.current_order_step_id
        self.assertEqual(installation_step.name, "Installation")
        self.assertEqual(installation_step.division_id, self.division_technical)
        self.assertEqual(order.stage_id, self.stages["technical"])
        self.assertEqual(order.state, "in_progress")
        installation, line_test = self._step_work_orders(order)
        self.assertEqual((installation.kind, line_test.kind), ("installation", "line_test"))
        self.assertEqual(line_test.depends_on_ids, installation)
        self.assertEqual(installation.division_id, self.division_technical)
        self.assertEqual((installation | line_test).line_id, order.line_ids, "the work is on the service order")
        service = order.line_ids.service_id
        self.assertEqual(service.state, "pending", "the services exist, pending, before the work")
        self.assertTrue(self.individual.subscriber_account)

        # The installation step waits for its work orders.
        with self.assertRaisesRegex(UserError, "waits for its work orders"):
            order.action_next_step()
        self.assertEqual(order.current_order_step_id, installation_step)

        self._finish_work_orders(installation | line_test)
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.stage_id.state, "completed")
        self.assertEqual(service.state, "active")
        self.assertEqual(service.date_billing_start, self.today)
        self.assertEqual(order.line_ids.state, "done")
        self.assertEqual(
            self._history(order),
            [("Registration", "done", "done"), ("Installation", "done", "done"), ("Activation", "done", "done")],
        )
        self.assertTrue(all(step.date_end and step.duration >= 0 for step in order.order_step_ids))
        self.assertFalse(order.needs_attention)

    def test_line_test_failure_branches_to_repair(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        installation, line_test = self._step_work_orders(order)
        self._finish_work_orders(installation)
        self._finish_work_orders(line_test, "failed", "-32 dBm at the ONT")
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.current_order_step_id.name, "Line Repair")
        self.assertEqual(self._history(order)[1], ("Installation", "done", "line_test_failed"))
        repair, second_test = self._step_work_orders(order)
        self.assertEqual((repair.kind, second_test.kind), ("repair", "line_test"))
        self.assertEqual(second_test.depends_on_ids, repair)

        # A second failed test loops to a new repair, not to the same work orders.
        self._finish_work_orders(repair)
        self._finish_work_orders(second_test, "failed", "Still too weak")
        self.assertEqual(order.current_order_step_id.name, "Line Repair")
        self.assertEqual(order.current_order_step_id.attempt, 2)
        new_repair, new_test = self._step_work_orders(order)
        self.assertNotIn(new_repair, repair | second_test)

        self._finish_work_orders(new_repair | new_test)
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.service_id.state, "active")
        self.assertEqual(
            [step.name for step in self._steps(order)],
            ["Registration", "Installation", "Line Repair", "Line Repair", "Activation"],
        )

    def test_failed_installation_is_a_fallout_then_retried(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        installation, line_test = self._step_work_orders(order)
        self._finish_work_orders(installation, "failed", "No access to the building")
        self.assertEqual(order.state, "failed")
        self.assertIn("No access to the building", order.state_reason)
        self.assertTrue(order.needs_attention)
        self.assertEqual(order.current_order_step_id.state, "failed")
        self.assertIn(order, self.env["telecom.order"].search([("needs_attention", "=", True)]))

        order.action_retry_step()
        self.assertEqual(order.state, "in_progress")
        self.assertFalse(order.needs_attention)
        self.assertEqual(order.current_order_step_id.state, "running")
        self.assertEqual(order.current_order_step_id.attempt, 2)
        work_orders = self._step_work_orders(order)
        new_installation = work_orders.filtered(lambda wo: wo.kind == "installation" and wo.state == "draft")
        self.assertEqual(len(new_installation), 1, "a new installation replaces the failed one")
        self.assertEqual(
            work_orders.filtered(lambda wo: wo.kind == "line_test"), line_test, "the line test still to do is kept"
        )
        self.assertEqual(line_test.depends_on_ids, new_installation)
        self.assertEqual(len(order.line_ids.service_id), 1, "retrying does not create the services twice")

        self._finish_work_orders(new_installation)
        self._finish_work_orders(line_test)
        self.assertEqual(order.state, "completed")

    def test_cancelled_during_installation(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        work_orders = self._step_work_orders(order)
        order.action_request_cancellation()
        self.assertEqual(order.current_order_step_id.state, "running", "the step goes on while assessed")
        installation_step = order.current_order_step_id
        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        self.assertEqual(set(work_orders.mapped("state")), {"cancelled"})
        self.assertFalse(order.current_order_step_id, "a closed order has no current step")
        self.assertEqual(installation_step.state, "cancelled")
        self.assertTrue(installation_step.date_end)
        self.assertFalse(installation_step.date_next_escalation)

    def test_refused_cancellation_keeps_the_step_stage(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        order.action_request_cancellation()
        order.action_refuse_cancellation()
        self.assertEqual(order.state, "in_progress")
        self.assertEqual(order.stage_id, self.stages["technical"])

    def test_kanban_move_within_the_state_is_kept(self):
        order = self._create_order()
        order.action_submit()
        order.action_next_step()
        order.write({"stage_id": self.stages["in_progress"].id})
        self.assertEqual(order.stage_id, self.stages["in_progress"])
        self.assertEqual(order.current_order_step_id.state, "running")

    def test_connection_of_a_legal_entity(self):
        order = self._create_order(partner=self.company_contact, premises=self.premises_office)
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_connection_company"))
        order.action_next_step()
        contract = order.current_order_step_id
        self.assertEqual(contract.name, "Contract Signature")
        self.assertEqual(order.state, "pending", "waiting for the signed contract")
        self.assertEqual(order.stage_id, self.stages["contract"])
        self.assertEqual(contract.state, "pending")
        self.assertFalse(contract.running_since, "the SLA clock stands still")

        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Installation")
        self.assertEqual(order.state, "in_progress")
        self._finish_work_orders(self._step_work_orders(order))
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.service_id.partner_id, self.company_contact)

    def test_legal_entity_needs_a_signatory(self):
        self.company_subscriber.signatory_id = False
        order = self._create_order(partner=self.company_contact, premises=self.premises_office)
        order.action_submit()
        with self.assertRaisesRegex(UserError, "no authorised signatory"):
            order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Registration")
        self.assertEqual(order.state, "acknowledged")

    def test_prospect_legal_entity_becomes_a_subscriber(self):
        order = self._create_order(
            partner=self.env["res.partner"],
            premises=self.premises_cottage,
            subscriber_kind="company",
            prospect_company_name="Moulin Bakery",
            prospect_name="Bea Baker",
            prospect_email="bea@moulin.example.com",
        )
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_connection_company"))
        order.action_next_step()
        self.assertEqual(order.partner_id.name, "Bea Baker")
        company = order.partner_id.parent_id
        self.assertEqual(company.name, "Moulin Bakery")
        self.assertTrue(company.is_company)
        self.assertTrue(company.subscriber_account)
        self.assertEqual(company.city, "Testville")
        order.action_next_step()
        self._finish_work_orders(self._step_work_orders(order))
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.service_id.commercial_partner_id, company)

    def test_change_of_parameters(self):
        service = self._create_service(parameters={"bandwidth": 100, "technology": "dsl"})
        order = self._create_fiber_500_change(service)
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_change"))
        order.action_next_step()
        configuration = self._step_work_orders(order)
        self.assertEqual(configuration.kind, "configuration")
        self.assertEqual(service.product_id, self.fiber_100, "nothing changes before the work is done")
        self._finish_work_orders(configuration)
        self.assertEqual(order.state, "completed")
        self.assertEqual(service.product_id, self.fiber_500)
        self.assertEqual(service.parameters["bandwidth"], 500)
        self.assertEqual(
            [step.name for step in self._steps(order)], ["Registration", "Configuration", "Changes Applied"]
        )

    def test_disconnection_with_equipment_return(self):
        service = self._create_service()
        order = self._create_disconnection(service)
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_disconnection"))
        order.action_next_step()
        equipment_return = self._step_work_orders(order)
        self.assertEqual(equipment_return.kind, "equipment_return")
        self.assertEqual(service.state, "active")
        self._finish_work_orders(equipment_return)
        self.assertEqual(order.state, "completed")
        self.assertEqual(service.state, "terminated")
        self.assertEqual(service.date_terminated, self.today)

    def test_disconnection_cancelled(self):
        service = self._create_service()
        order = self._create_disconnection(service)
        order.action_submit()
        order.action_request_cancellation()
        order.action_accept_cancellation()
        self.assertEqual(order.state, "cancelled")
        self.assertEqual(service.state, "active")
        self.assertEqual(self._history(order), [("Registration", "cancelled", False)])

    def test_technical_problem(self):
        service = self._create_service()
        order = self._create_problem("<p>Internet drops every evening.</p>", service)
        order.action_submit()
        self.assertEqual(order.scenario_id, self._scenario("scenario_problem"))
        order.action_next_step()
        diagnosis = self._step_work_orders(order)
        self.assertEqual(diagnosis.kind, "diagnosis")
        self.assertIn("Internet drops every evening.", diagnosis.tasks)
        self._finish_work_orders(diagnosis, result="Corroded connector")
        self.assertEqual(order.current_order_step_id.name, "Repair")
        self.assertEqual(order.state, "in_progress", "a scenario's work orders do not close the order")
        repair = self._step_work_orders(order)
        self.assertEqual(repair.kind, "repair")
        self._finish_work_orders(repair)
        self.assertEqual(order.current_order_step_id.name, "Customer Confirmation")
        self.assertEqual(order.state, "pending")
        self.assertTrue(order.can_report_not_solved)

        # Not solved: back to the diagnosis, with a new work order.
        order.action_step_not_solved()
        self.assertEqual(order.current_order_step_id.name, "Diagnosis")
        self.assertEqual(order.current_order_step_id.attempt, 2)
        second_diagnosis = self._step_work_orders(order)
        self.assertNotEqual(second_diagnosis, diagnosis)
        self._finish_work_orders(second_diagnosis)
        self._finish_work_orders(self._step_work_orders(order))
        self.assertEqual(order.current_order_step_id.name, "Customer Confirmation")

        order.action_next_step()
        self.assertEqual(order.state, "completed")
        self.assertEqual(service.state, "active")
        self.assertEqual(
            [step.name for step in self._steps(order)],
            [
                "Registration",
                "Diagnosis",
                "Repair",
                "Customer Confirmation",
                "Diagnosis",
                "Repair",
                "Customer Confirmation",
            ],
        )
        self.assertEqual(self._history(order)[3][2], "not_confirmed")

    def test_technical_problem_diagnosis_fails(self):
        order = self._create_problem("<p>No signal.</p>")
        order.action_submit()
        order.action_next_step()
        self._finish_work_orders(self._step_work_orders(order), "failed", "Cable cut by road works")
        self.assertEqual(order.state, "failed")
        self.assertTrue(order.needs_attention)
        self.assertEqual(self._history(order)[-1], ("Diagnosis", "failed", False))

    def test_mandatory_step_cannot_be_skipped(self):
        order = self._create_order()
        order.action_submit()
        with self.assertRaisesRegex(UserError, "mandatory"):
            order.action_skip_step()
        self.assertEqual(order.current_order_step_id.name, "Registration")
        self.assertEqual(len(order.order_step_ids), 1)

    def test_entry_checks_refuse_without_change(self):
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id},
                {
                    "name": "Work",
                    "stage_id": self.stages["in_progress"].id,
                    "check_ids": [self.env.ref("oms_telecom.scenario_check_requested_date").id],
                    "actions": [{"action_type": "create_work_orders", "work_order_kind": "installation"}],
                },
            ]
        )
        order = self._create_order(scenario_id=scenario.id)
        order.action_submit()
        with self.assertRaisesRegex(UserError, "requested date is not set"):
            order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Check")
        self.assertEqual(order.state, "acknowledged")
        self.assertFalse(order.work_order_ids)
        order.requested_date = "2030-05-20"
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Work")
        self.assertEqual(len(order.work_order_ids), 1)

    def test_order_processed_by_hand(self):
        order = self._create_order(no_scenario=True)
        order.action_submit()
        self.assertFalse(order.scenario_id)
        self.assertFalse(order.order_step_ids)
        with self.assertRaisesRegex(UserError, "follows no scenario"):
            order.action_next_step()
        order.action_complete()
        self.assertEqual(order.state, "completed")

    def test_manual_work_orders_do_not_move_the_scenario(self):
        order = self._create_order()
        order.action_submit()
        manual = self._create_work_order(order, order.line_ids)
        self._finish_work_orders(manual)
        self.assertEqual(order.state, "completed", "a manual work order completes its line as before")
        self.assertEqual(self._history(order), [("Registration", "done", "done")])


class TestCustomScenario(ScenarioCase):
    def test_build_through_the_form(self):
        manager_env = self.env(user=self.user_oms_manager)
        with Form(manager_env["telecom.scenario"]) as form:
            form.name = "Fibre self-install"
            form.order_type = "connection"
            form.subscriber_kind = "individual"
            form.product_family = "internet"
            with form.step_ids.new() as step:
                step.name = "Check"
                step.stage_id = self.stages["new"]
                step.sla_hours = 2
                step.check_ids.add(self.env.ref("oms_telecom.scenario_check_premises"))
            with form.step_ids.new() as step:
                step.name = "Remote provisioning"
                step.stage_id = self.stages["in_progress"]
                step.division_kind = "technical"
                step.sla_hours = 8
                with step.action_ids.new() as action:
                    action.action_type = "create_subscriber"
                with step.action_ids.new() as action:
                    action.action_type = "create_work_orders"
                    action.work_order_kind = "configuration"
                    action.work_order_duration = 0.5
            with form.step_ids.new() as step:
                step.name = "Welcome"
                step.stage_id = self.stages["activation"]
                step.auto_advance = True
                step.notify_subscriber = True
                step.mail_template_id = self.env.ref("oms_telecom.mail_template_telecom_service_activated")
                with step.action_ids.new() as action:
                    action.action_type = "activate_services"
        scenario = form.record
        self.assertEqual(scenario.step_ids.mapped("name"), ["Check", "Remote provisioning", "Welcome"])

        order = self._create_order()
        order.action_submit()
        self.assertEqual(order.scenario_id, scenario, "the most specific active scenario wins")
        order.action_next_step()
        configuration = self._step_work_orders(order)
        self.assertEqual(configuration.kind, "configuration")
        self._finish_work_orders(configuration)
        self.assertEqual(order.state, "completed")
        self.assertEqual([step.name for step in self._steps(order)], ["Check", "Remote provisioning", "Welcome"])

    def test_optional_step_can_be_skipped(self):
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id},
                {
                    "name": "Survey",
                    "stage_id": self.stages["in_progress"].id,
                    "mandatory": False,
                    "division_kind": "technical",
                    "actions": [{"action_type": "create_work_orders", "work_order_kind": "diagnosis"}],
                },
                {
                    "name": "Activate",
                    "stage_id": self.stages["activation"].id,
                    "actions": [{"action_type": "activate_services"}],
                    "auto_advance": True,
                },
            ]
        )
        order = self._create_order(scenario_id=scenario.id)
        order.action_submit()
        order.action_next_step()
        survey = self._step_work_orders(order)
        order.action_skip_step()
        self.assertEqual(survey.state, "cancelled")
        self.assertEqual(order.state, "completed")
        self.assertEqual(
            [(step.name, step.state) for step in self._steps(order)],
            [("Check", "done"), ("Survey", "skipped"), ("Activate", "done")],
        )

    def test_failing_action_is_a_fallout_without_partial_effects(self):
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id},
                {
                    "name": "Work",
                    "stage_id": self.stages["in_progress"].id,
                    "actions": [
                        {"action_type": "create_services"},
                        {"action_type": "create_work_orders", "work_order_kind": "installation"},
                    ],
                },
            ]
        )
        order = self._create_order(
            partner=self.env["res.partner"],
            prospect_name="Pat Prospect",
            prospect_phone="+32 470 00 00 00",
            scenario_id=scenario.id,
        )
        order.action_submit()
        order.action_next_step()
        self.assertEqual(order.state, "failed")
        self.assertIn("Create the subscriber", order.state_reason)
        self.assertFalse(order.work_order_ids, "the actions of a failed step are undone together")
        self.assertTrue(order.needs_attention)


class TestScenarioVersions(ScenarioCase):
    def test_steps_of_a_scenario_in_use_do_not_change(self):
        scenario = self._create_scenario(
            [
                {"name": "Check", "stage_id": self.stages["new"].id, "sla_hours": 4},
                {"name": "Work", "stage_id": self.stages["in_progress"].id, "sla_hours": 8},
            ],
            subscriber_kind="individual",
            product_family="internet",
        )
        order = self._create_order()
        order.action_submit()
        self.assertEqual(order.scenario_id, scenario)
        step = scenario.step_ids[1]
        with self.assertRaisesRegex(UserError, "New Version"):
            step.sla_hours = 1
        self.assertEqual(step.sla_hours, 8)
        with self.assertRaises(UserError):
            scenario.step_ids[0].unlink()
        with self.assertRaises(UserError):
            self.env["telecom.scenario.step"].create(
                {"scenario_id": scenario.id, "name": "More", "stage_id": self.stages["in_progress"].id}
            )
        self.assertEqual(len(scenario.step_ids), 2)

        action = scenario.action_new_version()
        new = self.env["telecom.scenario"].browse(action["res_id"])
        self.assertFalse(scenario.active)
        self.assertEqual(new.version, 2)
        self.assertEqual(new.previous_version_id, scenario)
        self.assertEqual(new.name, scenario.name)
        self.assertEqual(new.step_ids.mapped("name"), ["Check", "Work"])
        new.step_ids[1].sla_hours = 1
        self.assertEqual(new.step_ids[1].sla_hours, 1)

        # The open order finishes with its version; a new order takes the new one.
        self.assertEqual(order.scenario_id, scenario)
        order.action_next_step()
        self.assertEqual(order.current_order_step_id.scenario_step_id, step)
        self.assertEqual(order.current_order_step_id.sla_hours, 8)
        other = self._create_order(premises=self.premises_cottage)
        other.action_submit()
        self.assertEqual(other.scenario_id, new)

    def test_copy_keeps_successors_and_branches_inside_the_copy(self):
        original = self.env.ref("oms_telecom.scenario_connection_individual")
        copy = original.copy()
        self.assertEqual(copy.name, f"{original.name} (copy)")
        installation = copy.step_ids.filtered(lambda step: step.name == "Installation")
        self.assertEqual(installation.next_step_id.scenario_id, copy)
        self.assertEqual(installation.next_step_id.name, "Activation")
        self.assertEqual(installation.branch_ids.next_step_id.scenario_id, copy)
        self.assertEqual(installation.branch_ids.next_step_id.name, "Line Repair")
        self.assertEqual(len(copy.step_ids.action_ids), len(original.step_ids.action_ids))
