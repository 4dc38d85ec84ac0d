# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .common import OmsTelecomCase


class TestPremises(OmsTelecomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Premises = cls.env["telecom.premises"]
        cls.address = {"country_id": cls.country.id, "city": "Springfield"}

    def _key(self, **values):
        return self.Premises._normalize_address({**self.address, **values})["normalized_key"]

    def test_normalisation_of_a_one_line_street(self):
        one_line = self._key(street="Main St. 12, apt 5")
        by_fields = self._key(street="main street", house_number="12", flat="Flat 5")
        self.assertEqual(one_line, by_fields)
        self.assertEqual(one_line, f"{self.country.id}|springfield|main street|12||5")
        self.assertEqual(self._key(street="Main St. 12", flat="apt 5"), by_fields)
        self.assertEqual(self._key(street="12 Main Street", flat="5"), by_fields)
        self.assertEqual(self._key(street="Main Street 12 apt. 5"), by_fields)
        self.assertNotEqual(self._key(street="Main St. 12, apt 6"), by_fields)
        self.assertNotEqual(self._key(street="Main St. 14, apt 5"), by_fields)

    def test_normalisation_of_case_and_whitespace(self):
        reference = self._key(street="Main Street", house_number="12", flat="5")
        self.assertEqual(
            self.Premises._normalize_address(
                {
                    "country_id": self.country.id,
                    "city": "  SPRINGFIELD ",
                    "street": "  MAIN   street ",
                    "house_number": " 12 ",
                    "flat": " 5",
                }
            )["normalized_key"],
            reference,
        )
        self.assertEqual(self._key(street="main-street", house_number="12", flat="5"), reference)
        self.assertEqual(
            self._key(street="Main Street", house_number="12 A"), self._key(street="main st", house_number="12a")
        )

    def test_normalisation_of_buildings(self):
        self.assertEqual(
            self._key(street="Oak Avenue", house_number="3", building="bldg 2"),
            self._key(street="oak ave", house_number="3", building="2"),
        )
        self.assertEqual(
            self._key(street="Oak Avenue 3, bldg. 2"), self._key(street="oak ave", house_number="3", building="2")
        )
        self.assertNotEqual(
            self._key(street="Oak Avenue", house_number="3", building="2"),
            self._key(street="Oak Avenue", house_number="3", building="3"),
        )
        self.assertNotEqual(
            self._key(street="Oak Avenue", house_number="3", building="2"),
            self._key(street="Oak Avenue", house_number="3"),
        )

    def test_district_and_postcode_do_not_count(self):
        self.assertEqual(
            self._key(street="Main Street", house_number="1", district="North", zip="1234"),
            self._key(street="Main Street", house_number="1"),
        )

    def test_other_city_or_country_is_other_premises(self):
        reference = self._key(street="Main Street", house_number="1")
        self.assertNotEqual(self._key(street="Main Street", house_number="1", city="Shelbyville"), reference)
        self.assertNotEqual(
            self._key(street="Main Street", house_number="1", country_id=self.env.ref("base.fr").id), reference
        )

    def test_stored_keys(self):
        premises = self.Premises.create({**self.address, "street": "Main St. 12, apt 5"})
        self.assertEqual(premises.normalized_key, f"{self.country.id}|springfield|main street|12||5")
        self.assertEqual(premises.city_key, f"{self.country.id}|springfield")
        self.assertEqual(premises.street_key, f"{self.country.id}|springfield|main street")
        self.assertEqual(premises.house_key, "12")
        self.assertEqual(premises.display_name, premises.full_address)
        self.assertIn("Springfield", premises.full_address)
        premises.write({"street": "Main St. 12", "flat": "6"})
        self.assertEqual(premises.normalized_key, f"{self.country.id}|springfield|main street|12||6")

    # Duplicates

    def test_duplicate_in_one_batch(self):
        count = self.Premises.search_count([])
        with self.assertRaisesRegex(ValidationError, "appear twice"):
            self.Premises.create(
                [
                    {**self.address, "street": "Main St. 12, apt 5"},
                    {**self.address, "street": "main street", "house_number": "12", "flat": "Flat 5"},
                ]
            )
        self.assertEqual(self.Premises.search_count([]), count)

    def test_duplicate_of_an_existing_record(self):
        existing = self.Premises.create({**self.address, "street": "Main St. 12, apt 5"})
        count = self.Premises.search_count([])
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self.Premises.create({**self.address, "street": "MAIN STREET", "house_number": "12", "flat": "flat 5"})
        self.assertEqual(self.Premises.search_count([]), count)
        # Archived premises still count.
        existing.active = False
        with self.assertRaisesRegex(ValidationError, "already registered"):
            self.Premises.create({**self.address, "street": "Main Street", "house_number": "12", "flat": "5"})
        self.assertEqual(self.Premises.with_context(active_test=False).search_count([]), count)

    def test_duplicate_on_write(self):
        first, second = self.Premises.create(
            [
                {**self.address, "street": "Elm Road", "house_number": "1"},
                {**self.address, "street": "Elm Road", "house_number": "2"},
            ]
        )
        with self.assertRaisesRegex(ValidationError, "already registered"):
            second.write({"house_number": "1"})
        self.assertEqual(second.house_number, "2")
        with self.assertRaisesRegex(ValidationError, "already registered"):
            second.write({"street": "elm rd 1", "house_number": False})
        with self.assertRaisesRegex(ValidationError, "twice"):
            (first | second).write({"house_number": "3"})
        self.assertEqual((first | second).mapped("house_number"), ["1", "2"])
        # A change that keeps the premises distinct is fine, and so is rewriting the same address.
        second.write({"house_number": "2", "flat": "4"})
        first.write({"street": "Elm Rd"})
        self.assertEqual(second.normalized_key, f"{self.country.id}|springfield|elm road|2||4")

    # Find or create

    def test_find_or_create(self):
        existing = self.Premises.create({**self.address, "street": "Main Street", "house_number": "12", "flat": "5"})
        count = self.Premises.search_count([])
        found = self.Premises._find_or_create(
            [
                {**self.address, "street": "Main St. 12, apt 5"},
                {**self.address, "street": "Baker Street", "house_number": "221b"},
                {**self.address, "street": "baker st 221B"},
                {**self.address, "street": "Baker Street", "house_number": "221", "flat": "1"},
            ]
        )
        self.assertEqual(len(found), 4)
        self.assertEqual(found[0], existing)
        self.assertEqual(found[1], found[2])
        self.assertNotEqual(found[1], found[3])
        self.assertEqual(self.Premises.search_count([]), count + 2)
        self.assertEqual(found[1].street, "Baker Street")
        self.assertEqual(found[1].house_number, "221b")
        # Asked again, nothing new.
        again = self.Premises._find_or_create([{**self.address, "street": "Baker St.", "house_number": "221 B"}])
        self.assertEqual(again, found[1])
        self.assertEqual(self.Premises.search_count([]), count + 2)

    def test_find_or_create_finds_archived_premises(self):
        archived = self.Premises.create({**self.address, "street": "Old Road", "house_number": "9", "active": False})
        self.assertEqual(self.Premises._find_or_create([{**self.address, "street": "old rd 9"}]), archived)

    # Coordinates

    def test_coordinates(self):
        premises = self.Premises.create(
            {**self.address, "street": "Globe Street", "house_number": "1", "latitude": 50.8503, "longitude": 4.3517}
        )
        self.assertAlmostEqual(premises.latitude, 50.8503)
        premises.write({"latitude": -90, "longitude": 180})
        for values in ({"latitude": 90.5}, {"latitude": -91}, {"longitude": 180.01}, {"longitude": -200}):
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, "Latitude must be within"):
                premises.write(values)
            self.assertEqual((premises.latitude, premises.longitude), (-90, 180))
        count = self.Premises.search_count([])
        with self.assertRaisesRegex(ValidationError, "Latitude must be within"):
            self.Premises.create({**self.address, "street": "Globe Street", "house_number": "2", "latitude": 123})
        self.assertEqual(self.Premises.search_count([]), count)

    def test_counts_and_actions(self):
        self._create_service(premises=self.premises_cottage)
        self._create_order(premises=self.premises_cottage)
        self._create_order(premises=self.premises_cottage, order_type="problem", lines=[])
        self.assertEqual(self.premises_cottage.service_count, 1)
        self.assertEqual(self.premises_cottage.order_count, 2)
        self.assertEqual(self.premises_office.order_count, 0)
        action = self.premises_cottage.action_view_orders()
        self.assertEqual(self.env["telecom.order"].search(action["domain"]), self.premises_cottage.order_ids)
        action = self.premises_cottage.action_view_services()
        self.assertEqual(
            self.env["telecom.subscriber.service"].search(action["domain"]), self.premises_cottage.service_ids
        )
