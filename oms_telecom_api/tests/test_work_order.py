# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PO, WO, Listener, TmfApiCase


@tagged("post_install", "-at_install")
class TestWorkOrder(TmfApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The most specific scenario wins: installation, then activation and a call to billing.
        cls.scenario = cls._create_scenario(
            [
                {"name": "Registration", "stage_id": cls.stages["new"].id},
                {
                    "name": "Installation",
                    "stage_id": cls.stages["technical"].id,
                    "division_kind": "technical",
                    "actions": [
                        {"action_type": "create_subscriber"},
                        {"action_type": "create_work_orders", "work_order_kind": "installation"},
                    ],
                },
                {
                    "name": "Activation",
                    "stage_id": cls.stages["activation"].id,
                    "auto_advance": True,
                    "actions": [
                        {"action_type": "activate_services"},
                        {"action_type": "call_technical_system", "system_code": "billing"},
                    ],
                },
            ],
            subscriber_kind="individual",
            product_family="internet",
            sequence=1,
        )

    def _order_at_installation(self):
        order = self.Order.browse(int(self._create_order_api()["id"]))
        self._plan_received()
        self.assertEqual(order.scenario_id, self.scenario)
        order.with_user(self.user_operator).action_next_step()
        self.assertEqual(order.current_order_step_id.name, "Installation")
        return order

    def test_technical_system_reports_progress_and_result(self):
        order = self._order_at_installation()
        work_order = order.work_order_ids
        self.assertEqual(len(work_order), 1)
        key = self.provisioning_key
        listed = self.api("GET", f"{WO}/workOrder", key=key, params={"relatedEntity.id": order.id}).json()
        self.assertEqual([item["id"] for item in listed], [str(work_order.id)])
        body = listed[0]
        self.assertEqual(
            (body["@type"], body["state"], body["category"]), ("WorkOrder", "acknowledged", "installation")
        )
        self.assertEqual(body["relatedEntity"][0]["href"], self.base_url() + f"{PO}/productOrder/{order.id}")
        url = f"{WO}/workOrder/{work_order.id}"
        response = self.api("PATCH", url, {"state": "inProgress"}, key=key)
        self.assertEqual(response.json()["state"], "inProgress", response.text)
        self.assertEqual(order.state, "in_progress")
        response = self.api("PATCH", url, {"state": "completed", "note": [{"text": "ONT installed"}]}, key=key)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["note"][0]["text"], "ONT installed")
        # The report moved the scenario on: activation ran by itself and closed the order.
        self.assertEqual(work_order.state, "done")
        self.assertEqual(order.state, "completed")
        self.assertEqual(order.line_ids.service_id.state, "active")
        # The same report again changes nothing; going back is refused.
        self.assertEqual(self.api("PATCH", url, {"state": "completed"}, key=key).status_code, 200)
        self.assertError(self.api("PATCH", url, {"state": "inProgress"}, key=key), 409, "STATE_CONFLICT")
        self.assertError(self.api("PATCH", url, {"name": "x"}, key=key), 400)

    def test_failure_is_reported(self):
        order = self._order_at_installation()
        url = f"{WO}/workOrder/{order.work_order_ids.id}"
        response = self.api(
            "PATCH", url, {"state": "failed", "note": [{"text": "No access"}]}, key=self.provisioning_key
        )
        self.assertEqual(response.json()["state"], "failed", response.text)
        self.assertEqual(order.work_order_ids.result, "No access")
        self.assertTrue(order.needs_attention)

    def test_technical_system_is_called_and_told_of_work_orders(self):
        billing = Listener()
        self.addCleanup(billing.stop)
        self.env["telecom.api.listener"].create(
            {"name": "Billing", "kind": "system", "system_code": "billing", "callback": billing.url}
        )
        order = self._order_at_installation()
        self.assertError(self.api("GET", f"{WO}/workOrder/987654", key=self.provisioning_key), 404)
        url = f"{WO}/workOrder/{order.work_order_ids.id}"
        self.api("PATCH", url, {"state": "completed", "note": [{"text": "ONT installed"}]}, key=self.provisioning_key)
        self.env["telecom.api.delivery"]._process_due()
        types = [event["eventType"] for event in billing.events()]
        self.assertEqual(types[0], "WorkOrderCreateEvent")
        self.assertIn("WorkOrderStateChangeEvent", types)
        call = [event for event in billing.events() if event["eventType"] == "TechnicalSystemRequestEvent"]
        self.assertEqual(len(call), 1)
        self.assertEqual(call[0]["event"]["systemCode"], "billing")
        self.assertEqual(call[0]["event"]["productOrder"]["id"], str(order.id))
        self.assertIn("sent to billing", "".join(order.message_ids.mapped("body")))
