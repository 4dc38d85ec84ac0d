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
                technician.action_done(result)
            else:
                technician.action_fail(result)
