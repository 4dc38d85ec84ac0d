# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import ValidationError

from .common import OmsTelecomCase


class TestOrderLine(OmsTelecomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.home_internet = cls._create_service_cls(cls.individual, cls.premises_home, cls.fiber_100)

    @classmethod
    def _create_service_cls(cls, partner, premises, product, state="active"):
        return cls.env["telecom.subscriber.service"].create(
            {
                "partner_id": partner.id,
                "premises_id": premises.id,
                "product_id": product.id,
                "parameters": {"bandwidth": 100, "technology": "dsl"},
                "state": state,
            }
        )

    def _counts(self):
        return (
            self.env["telecom.order"].search_count([]),
            self.env["telecom.order.line"].search_count([]),
        )

    def _assert_refused_line(self, order, line_values, message):
        lines_before = self.env["telecom.order.line"].search_count([])
        with self.assertRaisesRegex(ValidationError, message):
            order.write({"line_ids": [Command.create(line_values)]})
        self.assertEqual(self.env["telecom.order.line"].search_count([]), lines_before)
        order.invalidate_recordset()
        self.assertFalse(order.line_ids.filtered(lambda line: line.product_id.id == line_values.get("product_id")))

    # Lines that fit the order

    def test_connection_line(self):
        order = self._create_order()
        line = order.line_ids
        self.assertRecordValues(
            line,
            [
                {
                    "action": "add",
                    "product_id": self.fiber_100.id,
                    "state": "pending",
                    "installation_fee": 50.0,
                    "monthly_price": 30.0,
                    "service_id": False,
                }
            ],
        )
        self.assertEqual(order.amount_installation, 50.0)
        self.assertEqual(order.amount_monthly, 30.0)

    def test_change_line_takes_the_service_product(self):
        order = self._create_order(
            order_type="change", lines=[{"service_id": self.home_internet.id, "parameters": {"bandwidth": 200}}]
        )
        self.assertRecordValues(
            order.line_ids,
            [
                {
                    "action": "modify",
                    "product_id": self.fiber_100.id,
                    "service_id": self.home_internet.id,
                    "installation_fee": 0.0,
                    "monthly_price": 30.0,
                }
            ],
        )
        self.assertEqual(order.line_ids.parameters["bandwidth"], 200)

    def test_disconnection_line(self):
        order = self._create_order(order_type="disconnection", lines=[{"service_id": self.home_internet.id}])
        self.assertRecordValues(
            order.line_ids, [{"action": "delete", "product_id": self.fiber_100.id, "installation_fee": 0.0}]
        )
        self.assertEqual(order.amount_monthly, 0.0, "a disconnection adds nothing to the monthly total")

    # Lines that do not fit the order

    def test_connection_refuses_a_product_outside_the_catalogue(self):
        counts = self._counts()
        with self.assertRaisesRegex(ValidationError, "needs a telecom service"):
            self._create_order(lines=[{"product_id": self.not_a_service.id}])
        self.assertEqual(self._counts(), counts, "neither the order nor the line was written")
        order = self._create_order(lines=[])
        self._assert_refused_line(order, {"product_id": self.not_a_service.id}, "needs a telecom service")

    def test_connection_refuses_other_actions(self):
        order = self._create_order(lines=[])
        self._assert_refused_line(
            order, {"product_id": self.fiber_500.id, "action": "delete"}, "only takes 'Add' lines"
        )
        self._assert_refused_line(
            order, {"service_id": self.home_internet.id, "action": "modify"}, "only takes 'Add' lines"
        )

    def test_connection_refuses_an_existing_service(self):
        order = self._create_order(lines=[])
        self._assert_refused_line(
            order,
            {"product_id": self.fiber_500.id, "service_id": self.home_internet.id},
            "cannot point to an existing service",
        )

    def test_change_refuses_add_lines(self):
        order = self._create_order(order_type="change", lines=[])
        self._assert_refused_line(order, {"product_id": self.fiber_500.id, "action": "add"}, "only takes 'Modify'")

    def test_change_keeps_the_family(self):
        order = self._create_order(order_type="change", lines=[])
        self._assert_refused_line(
            order, {"service_id": self.home_internet.id, "product_id": self.phone.id}, "keeps the service family"
        )
        order.write(
            {"line_ids": [Command.create({"service_id": self.home_internet.id, "product_id": self.fiber_500.id})]}
        )
        self.assertEqual(order.line_ids.product_id, self.fiber_500)

    def test_disconnection_needs_a_service(self):
        counts = self._counts()
        with self.assertRaisesRegex(ValidationError, "Choose the subscriber's service"):
            self._create_order(order_type="disconnection", lines=[{"product_id": self.fiber_100.id}])
        self.assertEqual(self._counts(), counts)

    def test_disconnection_of_another_subscribers_service(self):
        others = self._create_service_cls(self.other_individual, self.premises_home, self.fiber_100)
        order = self._create_order(order_type="disconnection", lines=[])
        self._assert_refused_line(order, {"service_id": others.id}, "is not a service of Ivana Individual")
        counts = self._counts()
        with self.assertRaisesRegex(ValidationError, "is not a service of"):
            self._create_order(order_type="disconnection", lines=[{"service_id": others.id}])
        self.assertEqual(self._counts(), counts)

    def test_disconnection_at_other_premises(self):
        cottage_phone = self._create_service_cls(self.individual, self.premises_cottage, self.phone)
        order = self._create_order(order_type="disconnection", lines=[])
        self._assert_refused_line(order, {"service_id": cottage_phone.id}, "is not installed at")
        # The same service at its own premises is fine.
        order = self._create_order(
            order_type="disconnection", premises=self.premises_cottage, lines=[{"service_id": cottage_phone.id}]
        )
        self.assertEqual(order.line_ids.service_id, cottage_phone)

    def test_disconnection_of_a_terminated_service(self):
        old = self._create_service_cls(self.individual, self.premises_home, self.phone, state="terminated")
        order = self._create_order(order_type="disconnection", lines=[])
        self._assert_refused_line(order, {"service_id": old.id}, "is not active")

    def test_disconnection_of_a_pending_service(self):
        pending = self._create_service_cls(self.individual, self.premises_home, self.phone, state="pending")
        order = self._create_order(order_type="disconnection", lines=[])
        self._assert_refused_line(order, {"service_id": pending.id}, "is not active")

    def test_disconnection_of_a_suspended_service(self):
        suspended = self._create_service_cls(self.individual, self.premises_home, self.phone, state="suspended")
        order = self._create_order(order_type="disconnection", lines=[{"service_id": suspended.id}])
        self.assertEqual(order.line_ids.service_id, suspended)

    def test_company_contact_orders_for_the_company(self):
        office_internet = self._create_service_cls(self.company_subscriber, self.premises_office, self.fiber_500)
        order = self._create_order(
            partner=self.company_contact,
            premises=self.premises_office,
            order_type="disconnection",
            lines=[{"service_id": office_internet.id}],
        )
        self.assertEqual(order.commercial_partner_id, self.company_subscriber)
        self.assertEqual(order.subscriber_kind, "company")
        self.assertEqual(order.line_ids.service_id, office_internet)

    def test_problem_order_refuses_lines(self):
        counts = self._counts()
        with self.assertRaisesRegex(ValidationError, "Technical-problem orders have no service lines"):
            self._create_order(order_type="problem", lines=[{"product_id": self.fiber_100.id}])
        self.assertEqual(self._counts(), counts)
        order = self._create_order(order_type="problem", lines=[], affected_service_id=self.home_internet.id)
        self._assert_refused_line(
            order, {"service_id": self.home_internet.id}, "Technical-problem orders have no service lines"
        )
        self.assertEqual(order.service_ids, self.home_internet)

    def test_problem_order_affected_service_of_another_subscriber(self):
        others = self._create_service_cls(self.other_individual, self.premises_cottage, self.phone)
        counts = self._counts()
        with self.assertRaisesRegex(ValidationError, "belongs to another subscriber"):
            self._create_order(order_type="problem", lines=[], affected_service_id=others.id)
        self.assertEqual(self._counts(), counts)

    # Requested parameters

    def test_parameters_are_stored(self):
        order = self._create_order(
            lines=[
                {"product_id": self.fiber_500.id, "parameters": {"bandwidth": 1000, "technology": "fiber"}},
                {"product_id": self.phone.id, "parameters": {"lines": 2, "number": "+32 2 123 45 67"}},
            ]
        )
        internet, phone = order.line_ids
        self.assertEqual(internet.parameters, {"bandwidth": 1000, "technology": "fiber"})
        self.assertEqual(phone.parameters, {"lines": 2, "number": "+32 2 123 45 67"})
        self.assertEqual(internet._parameter_values(), {"bandwidth": 1000, "technology": "fiber"})
        # Stored, not only cached: read again from the database.
        order.invalidate_recordset()
        order.line_ids.invalidate_recordset()
        self.assertEqual(order.line_ids[0].parameters["bandwidth"], 1000)
        self.assertEqual(order.line_ids[1].parameters["number"], "+32 2 123 45 67")
        # The definition comes from the product.
        definition = {prop["name"]: prop for prop in internet.read(["parameters"])[0]["parameters"]}
        self.assertEqual(set(definition), {"bandwidth", "technology"})
        self.assertEqual(definition["bandwidth"]["value"], 1000)

    def test_parameters_can_change_on_a_draft_line(self):
        order = self._create_order()
        order.line_ids.parameters = {"bandwidth": 50, "technology": "dsl"}
        order.line_ids.invalidate_recordset()
        self.assertEqual(order.line_ids.parameters, {"bandwidth": 50, "technology": "dsl"})
