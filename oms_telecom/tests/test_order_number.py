# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import OmsTelecomCase


class TestOrderNumber(OmsTelecomCase):
    """Order numbers follow their sequence's settings at once, although the
    settings are kept between requests."""

    def setUp(self):
        super().setUp()
        self.sequence = self.env.ref("oms_telecom.seq_telecom_order")
        self._create_order()  # the settings are now cached

    def test_numbers_follow_a_change_of_prefix_and_padding(self):
        self.sequence.write({"prefix": "NEW-", "padding": 7})
        self.assertRegex(self._create_order().name, r"^NEW-\d{7}$")

    def test_a_company_sequence_created_later_numbers_the_company_orders(self):
        self.sequence.copy({"company_id": self.env.company.id, "prefix": "OWN-", "padding": 3})
        self.assertRegex(self._create_order().name, r"^OWN-\d{3}$")

    def test_a_sequence_without_gaps_numbers_orders_one_by_one(self):
        self.sequence.write({"implementation": "no_gap", "number_next": 42, "prefix": "NG-"})
        orders = self._create_order() | self._create_order()
        self.assertEqual(orders.mapped("name"), ["NG-00042", "NG-00043"])

    def test_an_archived_sequence_leaves_orders_unnumbered(self):
        self.sequence.active = False
        self.assertEqual(self._create_order().name, "New")
