# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OmsTelecomCase, create_utc_calendar

CHICAGO = "America/Chicago"
DENVER = "America/Denver"


@tagged("post_install", "-at_install")
class TestPremisesZone(OmsTelecomCase):
    """A premises keeps the time zone of the field team covering it: looked up when
    the address, the coverage or the team's hours change, read as stored."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.partner_id.tz = "Europe/Brussels"
        cls.calendar = create_utc_calendar(cls.env, "Zone test: Chicago")
        cls.calendar.tz = CHICAGO
        cls.division_technical.resource_calendar_id = cls.calendar
        cls.area = cls.env["telecom.coverage.area"].create(
            {
                "division_id": cls.division_technical.id,
                "country_id": cls.country.id,
                "level": "street",
                "city": "Testville",
                "street": "Rue des Tests",
            }
        )

    def test_zone_of_the_covering_team_is_stored(self):
        self.assertEqual(self.premises_home.tz, CHICAGO)
        self.assertEqual(self.premises_home._telecom_tz(), CHICAGO)
        # Not covered: the company's zone.
        self.assertEqual(self.premises_office.tz, "Europe/Brussels")
        self.assertEqual(self.premises_office._telecom_tz(), "Europe/Brussels")

    def test_zone_follows_the_address(self):
        self.premises_office.write({"street": "Rue des Tests", "house_number": "14"})
        self.assertEqual(self.premises_office.tz, CHICAGO)

    def test_zone_follows_the_coverage(self):
        self.area.street = "Avenue du Commerce"
        self.assertEqual(self.premises_home.tz, "Europe/Brussels")
        self.assertEqual(self.premises_office.tz, CHICAGO)
        self.area.active = False
        self.assertEqual(self.premises_office.tz, "Europe/Brussels")
        self.area.active = True
        self.area.unlink()
        self.assertEqual(self.premises_office.tz, "Europe/Brussels")

    def test_zone_follows_the_division_and_its_hours(self):
        self.calendar.tz = DENVER
        self.assertEqual(self.premises_home.tz, DENVER)
        other = create_utc_calendar(self.env, "Zone test: Chicago again")
        other.tz = CHICAGO
        self.division_technical.resource_calendar_id = other
        self.assertEqual(self.premises_home.tz, CHICAGO)
        self.division_technical.kind = "support"
        self.assertEqual(self.premises_home.tz, "Europe/Brussels")

    def test_new_premises_read_their_zone_before_saving(self):
        typed = self.env["telecom.premises"].new(
            {"country_id": self.country.id, "city": "Testville", "street": "Rue des Tests", "house_number": "40"}
        )
        self.assertEqual(typed._telecom_tz(), CHICAGO)

    def test_zone_is_refused_to_clients(self):
        with self.assertRaises(AccessError):
            self.premises_home.with_user(self.user_operator).write({"tz": DENVER})
        self.assertEqual(self.premises_home.tz, CHICAGO)
