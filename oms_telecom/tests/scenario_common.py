# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command

from .common import OmsTelecomCase, create_utc_calendar, oms_new_test_user


class ScenarioCase(OmsTelecomCase):
    """Divisions on a known calendar (Monday to Friday, 8-12 and 13-17 UTC), a
    technical division covering the test city with two technicians, and helpers
    to build scenarios of one's own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = create_utc_calendar(cls.env, "Test office hours (UTC)")
        cls.user_tech_lead = oms_new_test_user(
            cls.env,
            login="oms_test_tech_lead",
            name="Theo Tech Lead",
            email="theo.lead@example.com",
            groups="oms_telecom.group_oms_division_manager",
        )
        cls.user_technician_2 = oms_new_test_user(
            cls.env, login="oms_test_technician_2", name="Tom Second", groups="oms_telecom.group_oms_technician"
        )
        cls.division_sales.resource_calendar_id = cls.calendar
        cls.division_technical.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "manager_id": cls.user_tech_lead.id,
                "member_ids": [Command.set((cls.user_technician | cls.user_technician_2).ids)],
                "technician_daily_capacity": 3,
                "booking_horizon_days": 3,
            }
        )
        cls.env["telecom.coverage.area"].create(
            {
                "division_id": cls.division_technical.id,
                "level": "city",
                "country_id": cls.country.id,
                "city": "Testville",
            }
        )
        cls.resource_technician, cls.resource_technician_2 = cls.env["resource.resource"].create(
            [
                {"name": user.name, "user_id": user.id, "calendar_id": cls.calendar.id, "tz": "UTC"}
                for user in (cls.user_technician, cls.user_technician_2)
            ]
        )
        cls.stages = {
            key: cls.env.ref(f"oms_telecom.{xmlid}")
            for key, xmlid in (
                ("new", "stage_acknowledged"),
                ("in_progress", "stage_in_progress"),
                ("technical", "stage_technical_work"),
                ("activation", "stage_activation"),
                ("pending", "stage_pending"),
                ("contract", "stage_contract_signature"),
                ("confirmation", "stage_customer_confirmation"),
            )
        }

    @classmethod
    def _create_scenario(cls, steps, **values):
        """A scenario of one's own: steps as dicts of step values, actions as a
        list of action values under the key 'actions'."""
        return cls.env["telecom.scenario"].create(
            {
                "name": "Test scenario",
                "order_type": "connection",
                **values,
                "step_ids": [
                    Command.create(
                        {
                            "sequence": (index + 1) * 10,
                            "division_kind": "sales",
                            **{key: value for key, value in step.items() if key != "actions"},
                            "action_ids": [Command.create(action) for action in step.get("actions", [])],
                        }
                    )
                    for index, step in enumerate(steps)
                ],
            }
        )

    def _steps(self, order):
        return order.order_step_ids.sorted("id")

    def _step_work_orders(self, order):
        return order.current_order_step_id.work_order_ids.sorted("id")

    def _finish_work_orders(self, work_orders, state="done", result=None):
        for work_order in work_orders.sorted("id"):
            technician = self._as_technician(work_order)
            if state == "done":
                technician.action_done(result or "Done on site.")
            else:
                technician.action_fail(result)


class EscalationCase(ScenarioCase):
    """A scenario whose Work step escalates by its division's rules, orders
    brought to that step on Monday 6 May 2030 at 08:00, and the escalation cron
    run as the scheduler runs it. Only the tests' orders are due, not the demo
    data's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["telecom.escalation.rule"].create(cls._escalation_rule_values())
        cls.scenario = cls._create_scenario(cls._scenario_steps())
        cls.Step = cls.env["telecom.order.step"]
        cls.Step.search([("date_next_escalation", "!=", False)]).write({"date_next_escalation": False})

    @classmethod
    def _escalation_rule_values(cls):
        """The technical division's levels: jeopardy at 80 % of the SLA, breach at 100 %."""
        common = {"division_id": cls.division_technical.id}
        return [
            {**common, "name": "Jeopardy", "level": 1, "threshold_percent": 80, "notify_responsible": True},
            {
                **common,
                "name": "Breach",
                "level": 2,
                "threshold_percent": 100,
                "notify_division_manager": True,
                "needs_attention": True,
            },
        ]

    @classmethod
    def _scenario_steps(cls):
        """A check, then 10 working hours of technical work (8-12, 13-17 UTC): the
        work step's own deadline is the next day."""
        return [
            {"name": "Check", "stage_id": cls.stages["new"].id},
            {
                "name": "Work",
                "stage_id": cls.stages["in_progress"].id,
                "division_kind": "technical",
                "sla_hours": 10,
            },
        ]

    def _order_at_work(self, **values):
        """An order of the operator's, at the Work step since Monday 08:00."""
        with freeze_time("2030-05-06 08:00:00"):
            order = self._create_order(scenario_id=self.scenario.id, user_id=self.user_operator.id, **values)
            order.action_submit()
            order.action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Work")
        return order

    def _events(self, orders):
        return self.env["telecom.escalation.event"].search([("order_id", "in", orders.ids)])

    def _run_cron(self, batch_size=None):
        """Run the cron until nothing is left, as the scheduler does: the number of steps escalated."""
        total = 0
        while done := self.Step._cron_escalate(batch_size=batch_size):
            total += done
        return total
