# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TmfApiCase

POQ = "/tmf-api/productOfferingQualification/v4"
REQUIRED = {
    "id",
    "href",
    "productOfferingQualificationDateTime",
    "state",
    "productOfferingQualificationItem",
    "relatedParty",
}


@tagged("post_install", "-at_install")
class TestProductOfferingQualification(TmfApiCase):
    """TMF679 against the demo's coverage: Hillcrest Road 1-99 sells no Fiber 1000,
    the rest of postcode 55722 is not covered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = lambda xmlid: cls.env.ref(f"oms_telecom.{xmlid}").product_variant_id  # noqa: E731
        cls.demo_fiber_500 = product("product_fiber_500")
        cls.demo_fiber_1000 = product("product_fiber_1000")
        cls.demo_static_ip = product("product_static_ip")
        cls.Qualification = cls.env["telecom.qualification"]

    def _place(self, number="40"):
        return {
            "streetName": "Hillcrest Road",
            "streetNr": number,
            "city": "Lakeside",
            "postcode": "55722",
            "country": "US",
        }

    def _payload(self, products, number="40", **values):
        return {
            "place": [self._place(number)],
            "productOfferingQualificationItem": [
                {"id": str(index), "productOffering": {"id": str(product.id)}}
                for index, product in enumerate(products, start=1)
            ],
            **values,
        }

    def _post(self, payload, status=201, headers=None):
        response = self.api("POST", f"{POQ}/productOfferingQualification", payload, headers=headers)
        self.assertEqual(response.status_code, status, response.text)
        return response.json()

    def test_post_answers_synchronously_per_item(self):
        body = self._post(self._payload([self.demo_fiber_1000, self.demo_fiber_500, self.demo_static_ip]))
        self.assertLessEqual(REQUIRED, set(body))
        self.assertEqual((body["state"], body["qualificationResult"]), ("done", "alternate"))
        self.assertEqual(body["relatedParty"], [])
        fiber_1000, fiber_500, static_ip = body["productOfferingQualificationItem"]
        self.assertEqual(fiber_1000["qualificationItemResult"], "alternate")
        self.assertEqual(fiber_1000["eligibilityUnavailabilityReason"][0]["code"], "not_sold_here")
        proposal = fiber_1000["alternateProductOfferingProposal"][0]
        self.assertEqual(proposal["alternateProductOffering"]["id"], str(self.demo_fiber_500.id))
        self.assertTrue(proposal["alternateActivationDate"])
        self.assertEqual(fiber_500["qualificationItemResult"], "qualified")
        self.assertTrue(fiber_500["expectedActivationDate"].endswith("Z"))
        self.assertNotIn("eligibilityUnavailabilityReason", fiber_500)
        self.assertEqual(static_ip["qualificationItemResult"], "qualified", "ordered with an internet access")
        record = self.Qualification.browse(int(body["id"]))
        self.assertEqual((record.channel, record.tmf_client_id), ("api", self.shop))
        self.assertFalse(record.premises_id, "a question creates no premises")
        self.assertEqual(body["place"][0]["streetName"], "Hillcrest Road")

    def test_uncovered_place_and_the_provide_flags(self):
        body = self._post(self._payload([self.demo_fiber_500], number="150"))
        item = body["productOfferingQualificationItem"][0]
        self.assertEqual((body["qualificationResult"], item["qualificationItemResult"]), ("unqualified", "unqualified"))
        self.assertEqual(item["eligibilityUnavailabilityReason"][0]["code"], "not_covered")
        self.assertNotIn("expectedActivationDate", item)
        quiet = self._post(
            self._payload(
                [self.demo_fiber_1000, self.demo_fiber_500],
                provideAlternative=False,
                provideUnavailabilityReason=False,
            )
        )
        refused, _kept = quiet["productOfferingQualificationItem"]
        self.assertEqual(refused["qualificationItemResult"], "unqualified")
        self.assertNotIn("alternateProductOfferingProposal", refused)
        self.assertNotIn("eligibilityUnavailabilityReason", refused)
        only = self._post(self._payload([self.demo_fiber_1000, self.demo_fiber_500], provideOnlyAvailable=True))
        self.assertEqual(
            [item["productOffering"]["id"] for item in only["productOfferingQualificationItem"]],
            [str(self.demo_fiber_500.id)],
        )

    def test_get_by_id_list_paging_fields_and_filters(self):
        partner = self.env.ref("oms_telecom.partner_subscriber1")
        first = self._post(
            self._payload([self.demo_fiber_500], relatedParty=[{"id": str(partner.id), "role": "Customer"}])
        )
        second = self._post(self._payload([self.demo_fiber_500], number="150"))
        got = self.api("GET", f"{POQ}/productOfferingQualification/{first['id']}").json()
        self.assertEqual(got["relatedParty"][0]["id"], str(partner.id))
        self.assertEqual(got["productOfferingQualificationItem"], first["productOfferingQualificationItem"])
        response = self.api("GET", f"{POQ}/productOfferingQualification", params={"limit": 1, "fields": "state"})
        self.assertEqual(response.headers["X-Total-Count"], "2")
        self.assertEqual(
            response.json(),
            [{"id": second["id"], "href": second["href"], "@type": "ProductOfferingQualification", "state": "done"}],
        )
        by_party = self.api(
            "GET", f"{POQ}/productOfferingQualification", params={"relatedParty.id": str(partner.id)}
        ).json()
        self.assertEqual([body["id"] for body in by_party], [first["id"]])
        for params, count in (
            ({"state": "done"}, 2),
            ({"state": "terminatedWithError"}, 0),
            ({"channel.id": "api"}, 2),
            ({"channel.id": "web"}, 0),
            ({"expectedQualificationDate.gte": "2000-01-01T00:00:00Z"}, 2),
            ({"expectedQualificationDate.lt": "2000-01-01T00:00:00Z"}, 0),
        ):
            response = self.api("GET", f"{POQ}/productOfferingQualification", params=params)
            self.assertEqual(len(response.json()), count, params)
        self.assertError(self.api("GET", f"{POQ}/productOfferingQualification", params={"state": "nope"}), 400)
        self.assertError(self.api("GET", f"{POQ}/productOfferingQualification", params={"fields": "nope"}), 400)

    def test_another_integration_cannot_read_them(self):
        body = self._post(self._payload([self.demo_fiber_500]))
        other = self.env["telecom.api.client"].create({"name": "Reseller", "user_id": self.user_operator.id})
        other_key = other._issue_key()
        self.assertError(self.api("GET", f"{POQ}/productOfferingQualification/{body['id']}", key=other_key), 404)
        self.assertEqual(self.api("GET", f"{POQ}/productOfferingQualification", key=other_key).json(), [])
        self.assertError(self.api("GET", f"{POQ}/productOfferingQualification/999999"), 404)
        self.assertError(self.api("GET", f"{POQ}/productOfferingQualification", key="omsk_wrong"), 401)

    def test_idempotency_key_replays_the_first_answer(self):
        headers = {"Idempotency-Key": "poq-1"}
        first = self._post(self._payload([self.demo_fiber_500]), headers=headers)
        count = self.Qualification.search_count([])
        replay = self.api(
            "POST", f"{POQ}/productOfferingQualification", self._payload([self.demo_fiber_500]), headers=headers
        )
        self.assertEqual(replay.status_code, 201)
        self.assertEqual(replay.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(replay.json()["id"], first["id"])
        other = self.api(
            "POST", f"{POQ}/productOfferingQualification", self._payload([self.demo_fiber_1000]), headers=headers
        )
        self.assertError(other, 422, "IDEMPOTENCY_KEY_REUSED")
        self.assertEqual(self.Qualification.search_count([]), count)

    def test_bad_input_gets_a_4xx_and_stores_nothing(self):
        count = self.Qualification.search_count([])
        item = {"id": "1", "productOffering": {"id": str(self.demo_fiber_500.id)}}
        cases = [
            ({**self._payload([]), "productOfferingQualificationItem": []}, 400, "MISSING_ITEMS"),
            ({**self._payload([]), "productOfferingQualificationItem": [item] * 1000}, 400, None),
            (
                {
                    "place": [self._place()],
                    "productOfferingQualificationItem": [
                        {"id": str(n), "productOffering": item["productOffering"]} for n in range(60)
                    ],
                },
                400,
                "TOO_MANY_ITEMS",
            ),
            (
                {
                    **self._payload([]),
                    "productOfferingQualificationItem": [{"id": "1", "productOffering": {"id": "999999"}}],
                },
                422,
                "UNKNOWN_PRODUCT_OFFERING",
            ),
            (
                {
                    "place": [{"streetName": "Hillcrest Road", "city": "Lakeside"}],
                    "productOfferingQualificationItem": [item],
                },
                422,
                "INVALID_PLACE",
            ),
            ({"place": [{"city": "Lakeside"}], "productOfferingQualificationItem": [item]}, 422, "INVALID_PLACE"),
            ({"productOfferingQualificationItem": [item]}, 422, "MISSING_PLACE"),
            ({**self._payload([self.demo_fiber_500]), "relatedParty": [{"id": "999999"}]}, 422, "UNKNOWN_PARTY"),
        ]
        for payload, status, code in cases:
            response = self.api("POST", f"{POQ}/productOfferingQualification", payload)
            self.assertError(response, status, code)
        self.assertError(self.api("POST", f"{POQ}/productOfferingQualification", data="{not json"), 400)
        self.assertEqual(self.Qualification.search_count([]), count)

    def test_listed_in_the_openapi_document(self):
        paths = self.url_open("/tmf-api/openapi.json").json()["paths"]
        path = "/productOfferingQualification/v4/productOfferingQualification"
        self.assertEqual(set(paths[path]), {"get", "post"})
        self.assertIn(f"{path}/{{qualification_id}}", paths)

    def test_product_order_at_a_place_that_does_not_sell_it_is_refused(self):
        payload = {
            "relatedParty": [
                {
                    "name": "Ines Duarte",
                    "contactMedium": [{"mediumType": "email", "characteristic": {"emailAddress": "ines@example.com"}}],
                }
            ],
            "productOrderItem": [
                {
                    "id": "1",
                    "action": "add",
                    "productOffering": {"id": str(self.demo_fiber_1000.id)},
                    "product": {"place": [self._place()]},
                }
            ],
        }
        orders = self.Order.search_count([])
        response = self.api("POST", "/tmf-api/productOrderingManagement/v4/productOrder", payload)
        body = self.assertError(response, 422, "ORDER_REFUSED")
        self.assertIn("Available instead: Fiber 500", body["message"])
        self.assertEqual(self.Order.search_count([]), orders)
