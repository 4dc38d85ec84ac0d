# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import PO, TmfApiCase

LIST = f"{PO}/productOrder"


def missing_required(value, schema, schemas, path="productOrder"):
    """Where `value` lacks what the OpenAPI `schema` requires: required
    attributes (a null counts as missing) and minimum numbers of items, through
    $ref, anyOf, arrays and objects."""
    if "$ref" in schema:
        schema = schemas[schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        branches = [branch for branch in schema["anyOf"] if branch.get("type") != "null"]
        return min((missing_required(value, branch, schemas, path) for branch in branches), key=len, default=[])
    problems = []
    if "items" in schema:
        if not isinstance(value, list):
            return [f"{path}: not an array"]
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{path}: fewer than {schema['minItems']} item(s)")
        for index, item in enumerate(value):
            problems += missing_required(item, schema["items"], schemas, f"{path}[{index}]")
    elif "properties" in schema:
        if not isinstance(value, dict):
            return [f"{path}: not an object"]
        problems += [f"{path}.{name}: missing" for name in schema.get("required", ()) if value.get(name) is None]
        for name, attribute in schema["properties"].items():
            if value.get(name) is not None:
                problems += missing_required(value[name], attribute, schemas, f"{path}.{name}")
    return problems


@tagged("post_install", "-at_install")
class TestProductOrderConformance(TmfApiCase):
    """The product order list as a TMF622 conformance client reads it, over the
    whole database (demo data and fixtures), as an integration acting as an
    OMS manager, who reads every order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.auditor = cls.env["telecom.api.client"].create({"name": "Conformance", "user_id": cls.user_oms_manager.id})
        cls.auditor_key = cls.auditor._issue_key()
        # A draft autosaved in the backend before any item was added.
        cls.empty_draft = cls.Order.create(cls._order_values(cls.individual, cls.premises_home))
        # A prospect's draft, known by a phone number only so far.
        cls.prospect_draft = cls.Order.create(
            cls._order_values(
                None, cls.premises_home, lines=[{"product_id": cls.phone.id}], prospect_phone="+32 470 12 34 56"
            )
        )
        # Three services at one place, entered in the backend (the lines share a sequence).
        cls.bundle = cls.Order.create(
            cls._order_values(
                cls.individual,
                cls.premises_home,
                lines=[
                    {"product_id": cls.fiber_100.id, "parameters": {"bandwidth": 300, "technology": "fiber"}},
                    {"product_id": cls.phone.id},
                    {"product_id": cls.fiber_500.id},
                ],
            )
        )

    def _get(self, path=LIST, **params):
        response = self.api("GET", path, key=self.auditor_key, params=params)
        self.assertEqual(response.status_code, 200, response.text)
        return response

    def _list_all(self, **params):
        """Every listed order, page after page of 100, and the total announced."""
        orders = []
        while True:
            response = self._get(**params, offset=len(orders), limit=100)
            page = response.json()
            self.assertEqual(response.headers["X-Result-Count"], str(len(page)))
            orders += page
            total = int(response.headers["X-Total-Count"])
            if not page or len(orders) >= total:
                return orders, total

    def _served_count(self):
        Order = self.env["telecom.order"].with_context(active_test=False)
        return Order.search_count([("order_type", "!=", "problem"), ("line_ids", "!=", False)])

    def test_every_listed_order_has_the_mandatory_attributes(self):
        document = self.opener.get(self.base_url() + "/tmf-api/openapi.json", timeout=30).json()
        schemas = document["components"]["schemas"]
        listing = document["paths"][LIST.removeprefix("/tmf-api")]["get"]["responses"]["200"]
        schema = listing["content"]["application/json"]["schema"]
        order_schema = schemas[schema["items"]["$ref"].rsplit("/", 1)[1]]
        # TMF622: an order has at least one item.
        self.assertIn("productOrderItem", order_schema["required"])
        self.assertEqual(order_schema["properties"]["productOrderItem"].get("minItems"), 1)

        orders, total = self._list_all()
        self.assertEqual(total, self._served_count())
        self.assertEqual(len(orders), total)
        self.assertEqual(len({order["id"] for order in orders}), total, "an order was listed twice")
        problems = [problem for order in orders for problem in missing_required(order, schema["items"], schemas)]
        self.assertFalse(problems, f"{len(problems)} missing attribute(s), e.g. {problems[:5]}")
        for order in orders:
            item_ids = [item["id"] for item in order["productOrderItem"]]
            self.assertEqual(len(set(item_ids)), len(item_ids), f"order {order['id']}: item ids repeat")
        listed = {order["id"]: order for order in orders}
        self.assertNotIn(str(self.empty_draft.id), listed)
        # A prospect is the customer, by value.
        (party,) = listed[str(self.prospect_draft.id)]["relatedParty"]
        self.assertEqual(
            (party["name"], party["role"], party["@referredType"]), ("+32 470 12 34 56", "Customer", "Individual")
        )
        self.assertNotIn("id", party)
        self.assertEqual(
            party["contactMedium"], [{"mediumType": "phone", "characteristic": {"phoneNumber": "+32 470 12 34 56"}}]
        )

    def test_a_draft_without_items_is_not_served(self):
        self.assertError(self.api("GET", f"{LIST}/{self.empty_draft.id}", key=self.auditor_key), 404, "NOT_FOUND")
        self.assertEqual(self._get(id=str(self.empty_draft.id)).json(), [])
        cancel = {"productOrder": {"id": str(self.empty_draft.id)}}
        self.assertError(
            self.api("POST", f"{PO}/cancelProductOrder", cancel, key=self.auditor_key), 422, "UNKNOWN_PRODUCT_ORDER"
        )
        # Once it has an item, it is a product order.
        self.empty_draft.line_ids = [Command.create({"product_id": self.phone.id})]
        body = self._get(f"{LIST}/{self.empty_draft.id}").json()
        self.assertEqual([item["id"] for item in body["productOrderItem"]], ["1"])

    def test_default_page_maximum_and_paging(self):
        total = self._served_count()
        self.assertGreater(total, 20)
        response = self._get()
        self.assertEqual(len(response.json()), 20)
        self.assertEqual((response.headers["X-Result-Count"], response.headers["X-Total-Count"]), ("20", str(total)))
        self.assertEqual(len(self._get(limit=100).json()), min(total, 100))
        body = self.assertError(self.api("GET", LIST, key=self.auditor_key, params={"limit": 101}), 400)
        self.assertIn("limit", body["message"])
        # Pages follow each other, newest first, without gap nor overlap.
        first, second = self._get(limit=7).json(), self._get(offset=7, limit=7).json()
        both = self._get(limit=14).json()
        self.assertEqual([order["id"] for order in first + second], [order["id"] for order in both])

    def test_full_representation_without_repetition(self):
        body = self._get(f"{LIST}/{self.bundle.id}").json()
        items = body["productOrderItem"]
        self.assertEqual([item["id"] for item in items], ["1", "2", "3"])
        # The address in full once, then by reference.
        first_place, *other_places = [item["product"]["place"][0] for item in items]
        self.assertEqual((first_place["id"], first_place["streetName"]), (str(self.premises_home.id), "Rue des Tests"))
        for place in other_places:
            self.assertEqual(
                place,
                {
                    "id": str(self.premises_home.id),
                    "role": "installationAddress",
                    "@referredType": "GeographicAddress",
                    "@type": "RelatedPlaceRefOrValue",
                },
            )
        self.assertEqual(
            items[0]["product"]["productCharacteristic"],
            [
                {"name": "bandwidth", "value": 300, "valueType": "integer"},
                {"name": "technology", "value": "fiber", "valueType": "string"},
            ],
        )
        self.assertEqual(items[1]["productOffering"]["id"], str(self.phone.id))

    def test_attribute_selection_on_every_listed_order(self):
        for attribute in ("href", "id", "orderDate"):
            with self.subTest(fields=attribute):
                orders, total = self._list_all(fields=attribute)
                self.assertEqual(len(orders), total)
                for order in orders:
                    self.assertEqual(set(order), {"id", "href", "@type", attribute}, order)
                    self.assertTrue(order[attribute])
                    self.assertTrue(order["href"].endswith(f"{LIST}/{order['id']}"))

    def test_filters_by_id_and_exact_order_date(self):
        orders, _total = self._list_all(fields="orderDate")
        for order in (orders[0], orders[len(orders) // 2], orders[-1]):
            with self.subTest(order=order["id"]):
                (found,) = self._get(id=order["id"]).json()
                self.assertEqual(found["id"], order["id"])
                same_date = self._get(orderDate=order["orderDate"], limit=100).json()
                self.assertIn(order["id"], [other["id"] for other in same_date])
                self.assertEqual({other["orderDate"] for other in same_date}, {order["orderDate"]})
        # A draft's orderDate is its creation date: it is found by it too.
        draft = self._get(f"{LIST}/{self.prospect_draft.id}").json()
        self.assertIn(draft["id"], [order["id"] for order in self._get(orderDate=draft["orderDate"], limit=100).json()])
        several = self._get(id=f"{orders[0]['id']},{orders[-1]['id']}").json()
        self.assertEqual({order["id"] for order in several}, {orders[0]["id"], orders[-1]["id"]})
        response = self._get(id="999999999")
        self.assertEqual((response.json(), response.headers["X-Total-Count"]), ([], "0"))
        self.assertError(self.api("GET", f"{LIST}/999999999", key=self.auditor_key), 404, "NOT_FOUND")
