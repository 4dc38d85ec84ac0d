# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import Form

from .common import OmsTelecomCase


class TestOperatorSearch(OmsTelecomCase):
    """An operator finds orders and partners by a phone typed any way, and types
    a new address straight into the order's premises field."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.individual.phone = "+1 651-555-7710"
        cls.prospect_order = cls.env["telecom.order"].create(
            cls._order_values(
                None,
                cls.premises_cottage,
                prospect_name="Polly Prospect",
                prospect_phone="+1 (612) 555-0177",
            )
        )
        cls.subscriber_order = cls.env["telecom.order"].create(cls._order_values(cls.individual, cls.premises_home))

    def _orders(self, phone, operator="ilike"):
        return (
            self.env["telecom.order"]
            .with_user(self.user_operator)
            .search(
                [("phone_search", operator, phone), ("id", "in", (self.prospect_order | self.subscriber_order).ids)]
            )
        )

    def test_order_by_phone_typed_any_way(self):
        for typed in ("6125550177", "612 555 0177", "+1-612-555-0177", "555-0177"):
            self.assertEqual(self._orders(typed), self.prospect_order, typed)
        for typed in ("6515557710", "(651) 555 7710", "+16515557710"):
            self.assertEqual(self._orders(typed), self.subscriber_order, typed)
        self.assertEqual(self._orders("6125550177", "not ilike"), self.subscriber_order)
        # Not a phone number: nothing matches as one.
        self.assertFalse(self._orders("Polly"))
        self.assertEqual(self.prospect_order.prospect_phone_digits, "16125550177")

    def test_order_quick_search_by_phone(self):
        Order = self.env["telecom.order"].with_user(self.user_operator)
        found = Order.browse([order_id for order_id, _name in Order.name_search("612 5550177", limit=None)])
        self.assertEqual(found, self.prospect_order)

    def test_company_contact_order_by_company_phone(self):
        self.company_subscriber.phone = "+1 763-555-0140"
        order = self.env["telecom.order"].create(self._order_values(self.company_contact, self.premises_office))
        found = self.env["telecom.order"].search([("phone_search", "ilike", "7635550140")])
        self.assertIn(order, found)

    def test_partner_by_phone_or_mobile(self):
        self.individual.mobile = "+1 651 555 7799"
        Partner = self.env["res.partner"].with_user(self.user_operator)
        self.assertEqual(Partner.search([("phone_search", "ilike", "6515557710")]), self.individual)
        self.assertEqual(Partner.search([("phone_search", "ilike", "651-555-7799")]), self.individual)
        found = Partner.browse([pid for pid, _name in Partner.name_search("6515557710")])
        self.assertEqual(found, self.individual)
        self.assertEqual(self.individual.phone_digits, "16515557710 16515557799")

    def test_phone_search_option_on_screens(self):
        arch = self.env["telecom.order"].get_view(view_type="search")["arch"]
        self.assertIn('name="phone_search"', arch)
        arch = self.env["res.partner"].get_view(view_type="search")["arch"]
        self.assertIn("phone_search", arch)

    # Premises typed into the order's field

    def test_quick_create_parses_the_address(self):
        Premises = self.env["telecom.premises"].with_user(self.user_operator)
        premises_id, name = Premises.name_create("Birch Street 5, Northbridge")
        premises = Premises.browse(premises_id)
        self.assertEqual(
            (premises.street, premises.house_number, premises.city, premises.country_id),
            ("Birch Street", "5", "Northbridge", self.env.company.country_id),
        )
        self.assertEqual(name, premises.display_name)
        # The same address typed another way is the same premises.
        self.assertEqual(Premises.name_create("5 birch st, northbridge")[0], premises_id)
        flat_id, _name = Premises.name_create("12 Main St, apt 4, Old Town, 55410 Northbridge")
        flat = Premises.browse(flat_id)
        self.assertEqual(
            (flat.street, flat.house_number, flat.flat, flat.district, flat.zip, flat.city),
            ("Main St", "12", "4", "Old Town", "55410", "Northbridge"),
        )

    def test_quick_create_without_city_opens_the_form(self):
        Premises = self.env["telecom.premises"].with_user(self.user_operator)
        count = Premises.search_count([])
        with self.assertRaisesRegex(ValidationError, "street and number, city"):
            Premises.name_create("Birch Street 5")
        self.assertEqual(Premises.search_count([]), count)
        # The form the web client opens then starts from what was typed.
        form = Form(Premises.with_context(default_name="Birch Street 5"))
        self.assertEqual((form.street, form.house_number), ("Birch Street", "5"))
        form.city = "Northbridge"
        self.assertEqual(form.save().full_address, "Birch Street 5, Northbridge")
