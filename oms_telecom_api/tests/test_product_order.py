# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_telecom.models.telecom_order_state import ORDER_STATES

from ..models.telecom_api_product_order import ORDER_STATE_FROM_TMF, ORDER_STATE_TO_TMF
from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrder(TmfApiCase):
    def test_create_maps_items_party_place_and_submits(self):
        response = self.api(
            "POST",
            f"{PO}/productOrder",
            self._order_payload(
                external_id="SHOP-1",
                description="Fibre please",
                priority="1",
                requestedStartDate="2030-05-02T09:00:00+02:00",
                items=self._items(2),
            ),
        )
        self.assertEqual(response.status_code, 201, response.text)
        body = response.json()
        order = self.Order.browse(int(body["id"]))
        self.assertEqual(response.headers["Location"], body["href"])
        self.assertTrue(body["href"].endswith(f"{PO}/productOrder/{order.id}"))
        self.assertEqual(body["@type"], "ProductOrder")
        self.assertEqual(body["state"], "acknowledged")
        self.assertEqual(order.state, "acknowledged")
        self.assertEqual(order.channel, "api")
        self.assertEqual(order.tmf_client_id, self.shop)
        self.assertEqual(order.external_reference, "SHOP-1")
        self.assertEqual(order.partner_id, self.individual)
        self.assertEqual(order.premises_id, self.premises_home)
        self.assertEqual(order.priority, "2")
        self.assertEqual(str(order.requested_date), "2030-05-02")
        self.assertEqual(order.line_ids.mapped("tmf_item_id"), ["1", "2"])
        self.assertEqual(order.line_ids.product_id, self.fiber_100 | self.fiber_500)
        self.assertEqual(body["priority"], "1")
        self.assertEqual(body["category"], "connection")
        self.assertEqual(body["externalId"], "SHOP-1")
        self.assertEqual(body["description"], "Fibre please")
        party = body["relatedParty"][0]
        self.assertEqual(
            (party["id"], party["role"], party["@referredType"]), (str(self.individual.id), "Customer", "Individual")
        )
        item = body["productOrderItem"][0]
        self.assertEqual((item["id"], item["action"], item["state"]), ("1", "add", "acknowledged"))
        self.assertEqual(item["productOffering"]["id"], str(self.fiber_100.id))
        place = item["product"]["place"][0]
        self.assertEqual(
            (place["id"], place["streetName"], place["city"]),
            (str(self.premises_home.id), "Rue des Tests", "Testville"),
        )
        self.assertEqual(place["geographicSubAddress"][0]["subUnit"][0]["subUnitNumber"], "3")
        self.assertEqual(body["orderTotalPrice"][0]["price"]["dutyFreeAmount"]["value"], 75.0)

    def test_characteristics_and_place_by_value(self):
        payload = self._order_payload(
            items=[
                {
                    "action": "add",
                    "productOffering": {"id": str(self.fiber_100.id)},
                    "product": {
                        "productCharacteristic": [{"name": "bandwidth", "value": 500}],
                        "place": [
                            # The home premises, typed another way: found, not duplicated.
                            {
                                "streetName": "rue des tests 12",
                                "city": "TESTVILLE",
                                "country": "BE",
                                "geographicSubAddress": [{"subUnit": [{"subUnitType": "flat", "subUnitNumber": "3"}]}],
                            }
                        ],
                    },
                }
            ]
        )
        body = self.api("POST", f"{PO}/productOrder", payload).json()
        order = self.Order.browse(int(body["id"]))
        self.assertEqual(order.premises_id, self.premises_home)
        self.assertEqual(order.line_ids.parameters["bandwidth"], 500)
        characteristics = {
            c["name"]: c["value"] for c in body["productOrderItem"][0]["product"]["productCharacteristic"]
        }
        self.assertEqual(characteristics["bandwidth"], 500)

    def test_prospect_becomes_the_order_contact(self):
        payload = self._order_payload(
            relatedParty=[
                {
                    "name": "Nora New",
                    "role": "Customer",
                    "@referredType": "Individual",
                    "contactMedium": [
                        {"mediumType": "email", "characteristic": {"emailAddress": "nora@example.com"}},
                        {"mediumType": "phone", "characteristic": {"phoneNumber": "+32 470 00 00 00"}},
                    ],
                }
            ]
        )
        body = self.api("POST", f"{PO}/productOrder", payload).json()
        order = self.Order.browse(int(body["id"]))
        self.assertFalse(order.partner_id)
        self.assertEqual((order.prospect_name, order.prospect_email), ("Nora New", "nora@example.com"))
        self.assertEqual(body["relatedParty"][0]["name"], "Nora New")
        self.assertEqual(body["notificationContact"], "nora@example.com")

    def test_disconnection_of_an_existing_service(self):
        service = self._create_service()
        payload = {"productOrderItem": [{"id": "a", "action": "delete", "product": {"id": str(service.id)}}]}
        response = self.api("POST", f"{PO}/productOrder", payload)
        self.assertEqual(response.status_code, 201, response.text)
        order = self.Order.browse(int(response.json()["id"]))
        self.assertEqual(order.order_type, "disconnection")
        self.assertEqual(order.partner_id, self.individual)
        self.assertEqual(order.premises_id, service.premises_id)
        self.assertEqual(order.line_ids.service_id, service)
        self.assertEqual(response.json()["productOrderItem"][0]["product"]["id"], str(service.id))

    def test_retrieve_and_field_selection(self):
        created = self._create_order_api(external_id="SHOP-2")
        response = self.api("GET", f"{PO}/productOrder/{created['id']}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), created)
        selected = self.api("GET", f"{PO}/productOrder/{created['id']}", params={"fields": "state,externalId"}).json()
        self.assertEqual(set(selected), {"id", "href", "@type", "state", "externalId"})
        self.assertEqual(selected["externalId"], "SHOP-2")

    def test_list_filters_and_paging(self):
        first = self._create_order_api(external_id="LIST-1")
        second = self._create_order_api(external_id="LIST-2")
        draft = self.api("POST", f"{PO}/productOrder", self._order_payload(external_id="LIST-3", state="draft")).json()
        self.assertEqual(draft["state"], "draft")
        # Orders of other divisions are not the operator's: only those three are visible... and the demo's.
        response = self.api("GET", f"{PO}/productOrder", params={"externalId": "LIST-2"})
        self.assertEqual([order["id"] for order in response.json()], [second["id"]])
        self.assertEqual(response.headers["X-Total-Count"], "1")
        response = self.api("GET", f"{PO}/productOrder", params={"state": "draft", "externalId": "LIST-3"})
        self.assertEqual([order["id"] for order in response.json()], [draft["id"]])
        response = self.api(
            "GET", f"{PO}/productOrder", params={"state": "acknowledged", "orderDate.gte": "2000-01-01T00:00:00Z"}
        )
        ids = [order["id"] for order in response.json()]
        self.assertIn(first["id"], ids)
        self.assertNotIn(draft["id"], ids)
        self.assertFalse(self.api("GET", f"{PO}/productOrder", params={"orderDate.gt": "2999-01-01"}).json())
        total = int(self.api("GET", f"{PO}/productOrder", params={"limit": 1}).headers["X-Total-Count"])
        self.assertGreaterEqual(total, 3)
        page = self.api("GET", f"{PO}/productOrder", params={"offset": 1, "limit": 2, "fields": "state"})
        self.assertEqual(page.headers["X-Total-Count"], str(total))
        self.assertEqual(page.headers["X-Result-Count"], str(len(page.json())))
        self.assertLessEqual(len(page.json()), 2)
        self.assertTrue(all(set(order) == {"id", "href", "@type", "state"} for order in page.json()))
        by_party = self.api("GET", f"{PO}/productOrder", params={"relatedParty.id": self.individual.id}).json()
        self.assertTrue({first["id"], second["id"]} <= {order["id"] for order in by_party})

    def test_patch_what_the_state_allows(self):
        created = self._create_order_api()
        response = self.api(
            "PATCH", f"{PO}/productOrder/{created['id']}", {"description": "Ring twice", "priority": "0"}
        )
        self.assertEqual(response.status_code, 200, response.text)
        order = self.Order.browse(int(created["id"]))
        self.assertEqual(order.priority, "3")
        self.assertEqual(response.json()["description"], "Ring twice")
        # Items are fixed once the order is submitted, and the state does not jump.
        self.assertError(
            self.api("PATCH", f"{PO}/productOrder/{created['id']}", {"productOrderItem": self._items(1)}), 409
        )
        self.assertError(self.api("PATCH", f"{PO}/productOrder/{created['id']}", {"state": "completed"}), 409)
        order.with_user(self.user_operator).action_set_pending("Signature missing")
        response = self.api("PATCH", f"{PO}/productOrder/{created['id']}", {"state": "inProgress"})
        self.assertEqual(response.json()["state"], "inProgress")

    def test_states_are_tmf_names_on_the_wire(self):
        """Order states are stored under snake_case keys; the API reads, filters
        and writes them under TMF622's names only."""
        self.assertEqual(set(ORDER_STATE_TO_TMF), {state for state, _label in ORDER_STATES})
        self.assertEqual(set(ORDER_STATE_FROM_TMF.values()), set(ORDER_STATE_TO_TMF), "one name per state")
        created = self._create_order_api(external_id="WIRE-1")
        order = self.Order.browse(int(created["id"]))
        url = f"{PO}/productOrder/{created['id']}"
        order.with_user(self.user_operator).action_set_pending("Signature missing")
        self.assertError(self.api("PATCH", url, {"state": "in_progress"}), 409, "STATE_CONFLICT")
        self.assertEqual(self.api("PATCH", url, {"state": "inProgress"}).json()["state"], "inProgress")
        self.assertEqual(order.state, "in_progress")
        listed = self.api("GET", f"{PO}/productOrder", params={"state": "inProgress", "externalId": "WIRE-1"})
        self.assertEqual([item["state"] for item in listed.json()], ["inProgress"])
        self.assertError(self.api("GET", f"{PO}/productOrder", params={"state": "in_progress"}), 400, "INVALID_FILTER")
        cancel = {"productOrder": {"id": created["id"]}, "cancellationReason": "Moved abroad"}
        self.assertEqual(self.api("POST", f"{PO}/cancelProductOrder", cancel).status_code, 201)
        self.assertEqual(order.state, "assessing_cancellation")
        self.assertEqual(self.api("GET", url).json()["state"], "assessingCancellation")
        error = self.assertError(self.api("PATCH", url, {"externalId": "WIRE-2"}), 409, "STATE_CONFLICT")
        self.assertEqual(error["message"], "externalId cannot be changed in the state assessingCancellation.")

    def test_draft_lifecycle_patch_submit_delete(self):
        draft = self.api("POST", f"{PO}/productOrder", self._order_payload(state="draft")).json()
        response = self.api("PATCH", f"{PO}/productOrder/{draft['id']}", {"productOrderItem": self._items(3)})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(len(response.json()["productOrderItem"]), 3)
        response = self.api("PATCH", f"{PO}/productOrder/{draft['id']}", {"state": "acknowledged"})
        self.assertEqual(response.json()["state"], "acknowledged")
        self.assertError(self.api("DELETE", f"{PO}/productOrder/{draft['id']}"), 409, "STATE_CONFLICT")

        other = self.api("POST", f"{PO}/productOrder", self._order_payload(state="draft")).json()
        response = self.api("DELETE", f"{PO}/productOrder/{other['id']}")
        self.assertEqual(response.status_code, 204)
        self.assertFalse(self.Order.browse(int(other["id"])).exists())
        self.assertError(self.api("GET", f"{PO}/productOrder/{other['id']}"), 404, "NOT_FOUND")

    def test_openapi_document(self):
        response = self.opener.get(self.base_url() + "/tmf-api/openapi.json", timeout=30)
        self.assertEqual(response.status_code, 200)
        document = response.json()
        for path in (
            f"{PO}/productOrder",
            f"{PO}/productOrder/{{order_id}}",
            f"{PO}/cancelProductOrder",
            f"{PO}/hub",
            "/tmf-api/troubleTicket/v4/troubleTicket",
            "/tmf-api/workOrderManagement/v4/workOrder/{work_order_id}",
        ):
            self.assertIn(path.removeprefix("/tmf-api"), document["paths"])
        self.assertIn("X-API-Key", str(document["components"]["securitySchemes"]))

    def test_expected_completion_is_the_order_promise(self):
        """The API promises the day the form, the portal and the e-mails promise:
        here the requested date, later than the plan of the steps."""
        self.env["telecom.coverage.area"].create(
            {"division_id": self.division_sales.id, "level": "city", "country_id": self.country.id, "city": "Testville"}
        )
        created = self._create_order_api(external_id="PROMISE-1", requestedStartDate="2031-01-15T09:00:00Z")
        # Nothing is promised before the order is planned, right after the answer.
        self.assertIsNone(created.get("expectedCompletionDate"))
        self._plan_received()
        order = self.Order.browse(int(created["id"]))
        self.assertTrue(order.date_deadline, "the scenario planned its steps")
        self.assertLess(order.date_deadline.date(), order.requested_date)
        self.assertEqual(order.date_expected, order.requested_date)
        body = self.api("GET", f"{PO}/productOrder/{order.id}").json()
        self.assertEqual(body["expectedCompletionDate"], "2031-01-15T00:00:00Z")
        self.assertEqual(body["requestedStartDate"], body["expectedCompletionDate"])
