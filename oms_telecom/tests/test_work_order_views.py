# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form

from .scenario_common import ScenarioCase


@freeze_time("2030-05-06 09:00:00")
class TestTechnicianViews(ScenarioCase):
    """What a technician sees of a work order: the service order by name, whom to
    call and how to get in, events that say where to go, their own day first."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.individual.phone = "+1 612-555-0199"
        cls.premises_home.access_notes = "Code 4711, second floor, key with the caretaker"
        cls.order = cls._create_order(cls)
        cls.order.action_submit()
        cls.order.action_next_step()
        cls.installation, cls.line_test = cls.order.current_order_step_id.work_order_ids.sorted("id")
        cls.installation.write({"technician_id": cls.user_technician.id, "planned_start": datetime(2030, 5, 6, 10, 0)})

    def test_work_order_shows_contact_and_access(self):
        installation = self._as_technician(self.installation)
        self.assertEqual(installation.contact_name, self.individual.name)
        self.assertEqual(installation.contact_phone, "+1 612-555-0199")
        self.assertEqual(installation.access_notes, "Code 4711, second floor, key with the caretaker")
        arch = etree.fromstring(installation.get_view(view_type="form")["arch"])
        for field in ("contact_phone", "access_notes"):
            self.assertTrue(arch.xpath(f"//field[@name='{field}']"), field)

    def test_contact_of_another_divisions_work_order_is_not_readable(self):
        self._setup_foreign_division()
        self.foreign_work_order.order_id.partner_id.phone = "+1 612-555-0100"
        foreign = self.foreign_work_order.with_user(self.user_technician)
        with self.assertRaises(AccessError):
            foreign.read(["contact_phone", "access_notes"])

    def test_prospect_phone_when_no_subscriber_yet(self):
        order = self._create_order(partner=False, prospect_name="Paula Prospect", prospect_phone="+1 612-555-0142")
        order.action_submit()
        work_order = self._create_work_order(order, kind="diagnosis")
        self.assertEqual(self._as_technician(work_order).contact_phone, "+1 612-555-0142")
        self.assertEqual(work_order.contact_name, "Paula Prospect")

    def test_service_order_has_a_name(self):
        line = self.order.line_ids
        self.assertEqual(self._as_technician(line).display_name, f"Add {self.fiber_100.display_name}")
        self.assertNotIn("telecom.order.line", line.display_name)

    def test_calendar_event_says_kind_customer_address(self):
        title = self._as_technician(self.installation).calendar_title
        self.assertIn("Installation", title)
        self.assertIn(self.individual.name, title)
        self.assertIn(self.premises_home.full_address, title)
        arch = etree.fromstring(self.env["telecom.work.order"].get_view(view_type="calendar")["arch"])
        self.assertEqual(arch.get("create_name_field"), "calendar_title")

    def test_technician_lands_on_their_own_open_work_orders(self):
        WorkOrder = self.env["telecom.work.order"]
        action = WorkOrder.with_user(self.user_technician)._action_open_work_orders()
        self.assertEqual(
            action["context"], {"search_default_open": 1, "search_default_mine": 1, "search_default_today": 1}
        )
        action = WorkOrder.with_user(self.user_operator)._action_open_work_orders()
        self.assertNotIn("search_default_mine", str(action["context"]))
        menu = self.env.ref("oms_telecom.menu_oms_work_order")
        self.assertEqual(menu.action, self.env.ref("oms_telecom.telecom_work_order_action_menu"))

    def test_list_is_readable(self):
        arch = etree.fromstring(self.env["telecom.work.order"].get_view(view_type="list")["arch"])
        decorations = [name for name in arch.attrib if name.startswith("decoration-")]
        self.assertEqual(decorations, ["decoration-muted"], "no full-row colours but for cancelled ones")
        columns = [field.get("name") for field in arch.xpath("./field") if field.get("optional") != "hide"]
        self.assertEqual(columns[:6], ["planned_start", "name", "kind", "contact_name", "contact_phone", "premises_id"])

    def test_print_wizard_defaults_to_the_technicians_own_day(self):
        wizard = Form(self.env["telecom.work.order.print.wizard"].with_user(self.user_technician))
        self.assertEqual(wizard.technician_id, self.user_technician)
        self.assertFalse(wizard.division_id)
        self.assertEqual(wizard.work_order_count, 1)
        wizard_operator = Form(self.env["telecom.work.order.print.wizard"].with_user(self.user_operator))
        self.assertFalse(wizard_operator.technician_id)


class TestWorkOrderKanbanColumns(ScenarioCase):
    def test_to_plan_column_only_when_it_holds_work_orders(self):
        order = self._create_order(no_scenario=True)
        order.with_user(self.user_operator).action_submit()
        work_order = self._create_work_order(order, order.line_ids)
        WorkOrder = self.env["telecom.work.order"].with_user(self.user_technician)

        def columns(domain):
            return [group["state"] for group in WorkOrder.read_group(domain, ["state"], ["state"])]

        self.assertIn("draft", columns([("id", "=", work_order.id)]))
        work_order.write({"planned_start": "2030-05-06 09:00:00"})
        work_order.with_user(self.user_operator).action_plan()
        self.assertEqual(work_order.state, "planned")
        self.assertEqual(
            columns([("id", "=", work_order.id)]), ["planned", "in_progress", "done", "failed", "cancelled"]
        )
