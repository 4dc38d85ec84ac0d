# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import OmsTelecomCase, create_utc_calendar


@tagged("post_install", "-at_install")
class TestPremisesCoverage(OmsTelecomCase):
    """The coverage answer given to subscribers and prospects: the field teams'
    coverage areas, and live services at the address."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = create_utc_calendar(cls.env, "Coverage test: Chicago")
        cls.calendar.tz = "America/Chicago"
        cls.division_technical.resource_calendar_id = cls.calendar
        Area = cls.env["telecom.coverage.area"]
        common = {"division_id": cls.division_technical.id, "country_id": cls.country.id, "city": "Testville"}
        Area.create(
            [
                {**common, "level": "street", "street": "Rue des Tests"},
                {**common, "level": "house_range", "street": "Avenue du Commerce", "house_from": 1, "house_to": 99},
                {
                    "division_id": cls.division_technical.id,
                    "country_id": cls.country.id,
                    "level": "premises",
                    "premises_id": cls.premises_cottage.id,
                },
            ]
        )
        # A sales team selling in the whole town does not bring the network there.
        Area.create(
            {"division_id": cls.division_sales.id, "country_id": cls.country.id, "level": "city", "city": "Testville"}
        )

    def _address(self, street, house_number, city="Testville"):
        return {"country_id": self.country.id, "city": city, "street": street, "house_number": house_number}

    def test_coverage_areas_answer(self):
        coverage = (self.premises_home | self.premises_office | self.premises_cottage)._telecom_coverage()
        self.assertTrue(coverage[self.premises_home.id]["covered"], "its street is covered")
        self.assertFalse(coverage[self.premises_office.id]["covered"], "house 101 is outside the range 1-99")
        self.assertTrue(coverage[self.premises_cottage.id]["covered"], "covered as a single premises")
        self.assertIn(self.fiber_500, coverage[self.premises_home.id]["products"])
        self.assertFalse(coverage[self.premises_office.id]["products"])

    def test_live_service_means_covered(self):
        """An address with an active service is served, whatever the areas say."""
        self._create_service(premises=self.premises_office, product=self.fiber_500)
        coverage = self.premises_office._telecom_coverage()[self.premises_office.id]
        self.assertTrue(coverage["covered"])
        self.assertEqual(coverage["live_products"], self.fiber_500)

    def test_terminated_service_does_not_cover(self):
        self._create_service(premises=self.premises_office, state="terminated")
        self.assertFalse(self.premises_office._telecom_coverage()[self.premises_office.id]["covered"])

    def test_typed_address(self):
        """An address typed in a form, registered or not."""
        Premises = self.env["telecom.premises"]
        count = Premises.search_count([])
        self.assertTrue(Premises._telecom_coverage_of_address(self._address("rue des tests", "40"))["covered"])
        self.assertTrue(Premises._telecom_coverage_of_address(self._address("Avenue du Commerce", "7b"))["covered"])
        self.assertFalse(Premises._telecom_coverage_of_address(self._address("Avenue du Commerce", "150"))["covered"])
        self.assertFalse(
            Premises._telecom_coverage_of_address(self._address("Grand Route", "1", "Farawayville"))["covered"]
        )
        self.assertEqual(Premises.search_count([]), count, "checking an address records nothing")

    def test_archived_division_does_not_cover(self):
        self.division_technical.active = False
        self.assertFalse(self.premises_home._telecom_coverage()[self.premises_home.id]["covered"])

    def test_time_zone_of_the_premises(self):
        self.assertEqual(self.premises_home._telecom_tz(), "America/Chicago")
        other = self.env["telecom.division"].create(
            {
                "name": "Coverage test: Brussels team",
                "kind": "technical",
                "resource_calendar_id": create_utc_calendar(self.env, "Brussels").id,
                "coverage_area_ids": [
                    Command.create({"level": "city", "country_id": self.country.id, "city": "Farawayville"})
                ],
            }
        )
        other.resource_calendar_id.tz = "Europe/Brussels"
        far = self.env["telecom.premises"].create(self._address("Grand Route", "1", "Farawayville"))
        self.assertEqual(far._telecom_tz(), "Europe/Brussels")
