# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import TransactionCase

from .common import oms_new_test_user


class TestRouting(TransactionCase):
    """Allocation of orders by address: every granularity, precedence, fallbacks,
    re-allocation, manual override, and batch cost."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country = cls.env.ref("base.be")
        Division = cls.env["telecom.division"]
        cls.alice = oms_new_test_user(cls.env, login="route_alice", groups="oms_telecom.group_oms_operator")
        cls.bob = oms_new_test_user(cls.env, login="route_bob", groups="oms_telecom.group_oms_operator")
        cls.root = Division.create({"name": "Root", "kind": "sales", "resource_calendar_id": False})
        cls.default = Division.create({"name": "Default Desk", "kind": "sales", "resource_calendar_id": False})

        def division(name, kind="sales", parent=None, members=None):
            return Division.create(
                {
                    "name": name,
                    "kind": kind,
                    "parent_id": (parent or cls.root).id,
                    "resource_calendar_id": False,
                    "member_ids": [Command.set((members or cls.env["res.users"]).ids)],
                }
            )

        cls.country_div = division("Country")
        cls.city_div = division("City", parent=cls.country_div)
        cls.district_div = division("District", parent=cls.city_div)
        cls.zip_div = division("Postcode", parent=cls.city_div)
        cls.street_div = division("Street", parent=cls.city_div, members=cls.alice | cls.bob)
        cls.odd_div = division("Odd side", parent=cls.street_div)
        cls.premises_div = division("One building", parent=cls.street_div)
        cls.tech_div = division("Field team", kind="technical", parent=cls.root)
        cls.env.company.telecom_default_division_id = cls.default

        def area(division, level, **values):
            return cls.env["telecom.coverage.area"].create(
                {"division_id": division.id, "level": level, "country_id": cls.country.id, **values}
            )

        area(cls.country_div, "country")
        area(cls.city_div, "city", city="Ghent")
        area(cls.district_div, "district", city="Ghent", district="Centrum")
        area(cls.zip_div, "postcode", zip="9050")
        area(cls.street_div, "street", city="Ghent", street="Korenmarkt")
        area(cls.odd_div, "house_range", city="Ghent", street="Veldstraat", house_from=1, house_to=99, parity="odd")
        cls.special = cls._premises("Korenmarkt", "7")
        area(cls.premises_div, "premises", premises_id=cls.special.id)
        area(cls.tech_div, "city", city="Ghent")

    @classmethod
    def _premises(cls, street, house, city="Ghent", **values):
        return cls.env["telecom.premises"].create(
            {"country_id": cls.country.id, "city": city, "street": street, "house_number": house, **values}
        )

    def _order(self, premises, **values):
        return self.env["telecom.order"].create({"premises_id": premises.id, "prospect_name": "P", **values})

    def test_each_granularity(self):
        cases = [
            (self.special, self.premises_div),
            (self._premises("Korenmarkt", "8"), self.street_div),
            (self._premises("Veldstraat", "13"), self.odd_div),
            (self._premises("Veldstraat", "14"), self.city_div),  # even side: range does not apply
            (self._premises("Veldstraat", "101"), self.city_div),  # beyond the range
            (self._premises("Sluizeken", "2", zip="9050"), self.zip_div),
            (self._premises("Sluizeken", "3", district="Centrum"), self.district_div),
            (self._premises("Sluizeken", "4"), self.city_div),
            (self._premises("Grote Markt", "1", city="Bruges"), self.country_div),
        ]
        orders = self.env["telecom.order"].create(
            [{"premises_id": premises.id, "prospect_name": "P"} for premises, _division in cases]
        )
        for order, (premises, division) in zip(orders, cases, strict=True):
            self.assertEqual(order.division_id, division, premises.full_address)
            self.assertFalse(order.uncovered_address)

    def test_same_level_sequence_breaks_ties(self):
        other = self.env["telecom.division"].create({"name": "Other street team", "kind": "sales"})
        self.env["telecom.coverage.area"].create(
            {
                "division_id": other.id,
                "level": "street",
                "city": "Ghent",
                "street": "Korenmarkt",
                "country_id": self.country.id,
                "sequence": 1,
            }
        )
        self.assertEqual(self._order(self._premises("Korenmarkt", "10")).division_id, other)

    def test_ambiguous_overlap_refused(self):
        other = self.env["telecom.division"].create({"name": "Rival", "kind": "sales"})
        with self.assertRaises(ValidationError) as caught:
            self.env["telecom.coverage.area"].create(
                {
                    "division_id": other.id,
                    "level": "street",
                    "city": "ghent ",
                    "street": "KORENMARKT",
                    "country_id": self.country.id,
                }
            )
        self.assertIn("overlaps", str(caught.exception))
        # A range on the other side of the street does not overlap.
        self.env["telecom.coverage.area"].create(
            {
                "division_id": other.id,
                "level": "house_range",
                "city": "Ghent",
                "street": "Veldstraat",
                "house_from": 2,
                "house_to": 98,
                "parity": "even",
                "country_id": self.country.id,
            }
        )

    def test_bad_areas_refused(self):
        Area = self.env["telecom.coverage.area"]
        count = Area.search_count([])
        with self.assertRaises(ValidationError) as caught:
            Area.create(
                {
                    "division_id": self.root.id,
                    "level": "house_range",
                    "city": "Ghent",
                    "street": "Nieuwstraat",
                    "house_from": 20,
                    "house_to": 10,
                    "country_id": self.country.id,
                }
            )
        self.assertIn("starts after it ends", str(caught.exception))
        with self.assertRaises(ValidationError) as caught:
            Area.create({"division_id": self.root.id, "level": "street", "country_id": self.country.id})
        self.assertIn("needs", str(caught.exception))
        self.assertEqual(Area.search_count([]), count)

    def test_hierarchy_cycle_refused(self):
        with self.assertRaises(UserError) as caught:
            self.city_div.parent_id = self.street_div
        self.assertIn("Recursion", str(caught.exception))
        self.city_div.invalidate_recordset()
        self.assertEqual(self.city_div.parent_id, self.country_div)

    def test_fallback_to_ancestor_of_the_right_kind(self):
        # Support division kind: nothing covers Ghent for support; the nearest
        # support ancestor of the best covering division takes it.
        support_root = self.env["telecom.division"].create({"name": "Support", "kind": "support"})
        self.root.parent_id = support_root
        order = self._order(self._premises("Korenmarkt", "9"), order_type="problem", description="No sync")
        self.assertEqual(order.division_id, support_root)
        self.assertTrue(order.uncovered_address)

    def test_fallback_to_default_division(self):
        order = self._order(self._premises("Main Street", "1", city="Paris", country_id=self.env.ref("base.fr").id))
        self.assertEqual(order.division_id, self.default)
        self.assertTrue(order.uncovered_address)

    def test_reallocation_on_address_change(self):
        order = self._order(self._premises("Sluizeken", "5"))
        self.assertEqual(order.division_id, self.city_div)
        order.premises_id = self._premises("Korenmarkt", "11")
        self.assertEqual(order.division_id, self.street_div)
        self.assertIn("Re-allocated", order.message_ids[0].body)

    def test_manual_override_kept(self):
        order = self._order(self._premises("Sluizeken", "6"))
        order.division_id = self.zip_div
        order.premises_id = self._premises("Korenmarkt", "12")
        self.assertEqual(order.division_id, self.zip_div)
        self.assertTrue(order.division_manual)

    def test_person_by_least_workload(self):
        premises = self._premises("Korenmarkt", "20")
        self._order(premises, user_id=self.alice.id)
        orders = self.env["telecom.order"].create([{"premises_id": premises.id, "prospect_name": n} for n in "ABC"])
        # Bob had nothing, Alice one: Bob, then alternately by the least load.
        self.assertEqual(orders.mapped("user_id"), self.bob | self.alice)
        self.assertEqual(len(orders.filtered(lambda o: o.user_id == self.bob)), 2)

    def test_person_on_leave_skipped(self):
        resource = self.env["resource.resource"].create({"name": "Bob", "user_id": self.bob.id})
        now = fields.Datetime.now()
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Holiday",
                "resource_id": resource.id,
                "date_from": fields.Datetime.subtract(now, days=1),
                "date_to": fields.Datetime.add(now, days=1),
            }
        )
        premises = self._premises("Korenmarkt", "21")
        orders = self.env["telecom.order"].create([{"premises_id": premises.id, "prospect_name": n} for n in "AB"])
        self.assertEqual(orders.user_id, self.alice)

    def test_outside_working_hours_nobody_is_assigned(self):
        self.street_div.resource_calendar_id = self.env.ref("resource.resource_calendar_std")
        router = self.env["telecom.router"]
        with patch.object(type(router), "_division_works_now", lambda self, division: False):
            order = self._order(self._premises("Korenmarkt", "22"))
        self.assertEqual(order.division_id, self.street_div)
        self.assertFalse(order.user_id)

    def test_work_order_goes_to_technical_division(self):
        order = self._order(self._premises("Sluizeken", "30"))
        order.write({"state": "acknowledged"})
        work_order = self.env["telecom.work.order"].create({"order_id": order.id, "kind": "diagnosis"})
        self.assertEqual(work_order.division_id, self.tech_div)

    def test_batch_allocation_constant_queries(self):
        premises = self.env["telecom.premises"].create(
            [
                {"country_id": self.country.id, "city": "Ghent", "street": "Korenmarkt", "house_number": str(n)}
                for n in range(100, 140)
            ]
        )
        quiet = self.env["telecom.order"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_notrack=True, mail_auto_subscribe_no_notify=True
        )

        def create(count):
            quiet.create([{"premises_id": premises[n % 40].id, "prospect_name": "P"} for n in range(count)])
            self.env.flush_all()

        create(5)  # warm-up
        # Same count for 10 and 100 orders: one query per look-up, whatever the
        # number of orders (Odoo itself inserts by chunks of 100 rows beyond that).
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            create(10)
        self.env.invalidate_all()
        with self.assertQueryCount(12):
            create(100)

    def test_coverage_lookup_uses_index(self):
        """The coverage look-up is an indexed equality on match_key, not a scan."""
        self.env.flush_all()
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        query = self.env["telecom.coverage.area"]._search([("match_key", "in", ["s|1|ghent|korenmarkt"])])
        self.env.cr.execute("EXPLAIN " + query.select().code, query.select().params)
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("telecom_coverage_area__match_key_index", plan)
