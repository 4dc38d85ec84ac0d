# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tools import SQL

from .common import OmsTelecomCase


class TestSearch(OmsTelecomCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order_home = cls.env["telecom.order"].create(
            cls._order_values(cls.individual, cls.premises_home, lines=[{"product_id": cls.fiber_100.id}])
        )
        cls.order_office = cls.env["telecom.order"].create(
            cls._order_values(cls.company_contact, cls.premises_office, lines=[{"product_id": cls.fiber_500.id}])
        )
        cls.order_prospect = cls.env["telecom.order"].create(
            cls._order_values(
                None,
                cls.premises_cottage,
                lines=[{"product_id": cls.phone.id}],
                prospect_name="Polly Prospect",
                prospect_phone="+32 499 12 34 56",
                prospect_email="polly@example.com",
            )
        )

    def _name_search(self, text):
        Order = self.env["telecom.order"].with_user(self.user_operator)
        return Order.browse([order_id for order_id, _name in Order.name_search(text, limit=None)])

    def test_order_number(self):
        self.assertEqual(self._name_search(self.order_home.name), self.order_home)
        number = self.order_office.name.split("/")[-1]
        self.assertIn(self.order_office, self._name_search(number))
        self.assertEqual(self.env["telecom.order"].search([("name", "=", self.order_office.name)]), self.order_office)

    def test_subscriber_account(self):
        self.assertEqual(self._name_search(self.individual.subscriber_account), self.order_home)
        # A contact's order is found by the company's account number.
        self.assertEqual(self._name_search(self.company_subscriber.subscriber_account), self.order_office)
        self.assertEqual(
            self.env["telecom.order"].search([("subscriber_account", "=", self.company_subscriber.subscriber_account)]),
            self.order_office,
        )
        Partner = self.env["res.partner"]
        found = Partner.browse([pid for pid, _name in Partner.name_search(self.individual.subscriber_account)])
        self.assertEqual(found, self.individual)

    def test_subscriber_name_and_phone(self):
        self.assertEqual(self._name_search("Ivana Individual"), self.order_home)
        self.assertEqual(self._name_search("470 11 22"), self.order_home)
        self.assertEqual(self._name_search("499 12 34"), self.order_prospect)
        self.assertEqual(self._name_search("Polly Prospect"), self.order_prospect)
        self.assertEqual(
            self.env["res.partner"].search([("phone", "ilike", "470 11 22 33")]),
            self.individual,
        )

    def test_address(self):
        self.assertEqual(self._name_search("Rue des Tests"), self.order_home)
        self.assertEqual(self._name_search("Avenue du Commerce 101"), self.order_office)
        self.assertEqual(self._name_search("Chemin du Moulin"), self.order_prospect)
        Premises = self.env["telecom.premises"]
        self.assertEqual(Premises.search([("full_address", "ilike", "du commerce")]), self.premises_office)
        found = Premises.browse([pid for pid, _name in Premises.name_search("Rue des Tests 12")])
        self.assertEqual(found, self.premises_home)

    def test_no_match(self):
        self.assertFalse(self._name_search("nothing like this anywhere"))

    # The searches operators type all day can use the trigram indexes.

    def _assert_index_serves(self, model, domain, index):
        """EXPLAIN the ORM's own query, sequential scans off, on an empty copy of
        the table that has only `index` (same name, same definition).

        The copy keeps the check deterministic: on the real table the planner may
        prefer another index of the column (phone_validation's index on the
        normalised phone serves `phone IS NOT NULL` by a full scan, cheapest on a
        tiny test table), and PostgreSQL does not let a transaction use an index
        built over recently updated rows (pg_index.indcheckxmin) while an older
        transaction, of any database, is still running."""
        Model = self.env[model]
        query = Model._search(domain)
        cr = self.env.cr
        cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = %s AND indexname = %s",
            [Model._table, index],
        )
        [(indexdef,)] = cr.fetchall()
        self.assertIn("gin_trgm_ops", indexdef)
        cr.execute("SAVEPOINT oms_explain")
        try:
            # The temporary schema comes first in the search path: the query reads the copy.
            cr.execute(SQL("CREATE TEMPORARY TABLE %s (LIKE public.%s)", *[SQL.identifier(Model._table)] * 2))
            cr.execute(indexdef.replace(f" ON public.{Model._table} ", f" ON pg_temp.{Model._table} "))
            cr.execute("SET LOCAL enable_seqscan = off")
            cr.execute(SQL("EXPLAIN %s", query.select()))
            plan = "\n".join(row[0] for row in cr.fetchall())
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT oms_explain")
        column = domain[0][0]
        self.assertIn(f"Bitmap Index Scan on {index}", plan)
        self.assertRegex(plan, rf"Index Cond: \(.*{column}.* ~~\* ")

    def test_partner_phone_uses_trigram_index(self):
        self._assert_index_serves("res.partner", [("phone", "ilike", "470 11 22")], "res_partner__phone_index")

    def test_premises_address_uses_trigram_index(self):
        self._assert_index_serves(
            "telecom.premises", [("full_address", "ilike", "commerce")], "telecom_premises__full_address_index"
        )

    def test_order_number_uses_trigram_index(self):
        self._assert_index_serves("telecom.order", [("name", "ilike", "00012")], "telecom_order__name_index")

    def test_phone_digits_use_trigram_indexes(self):
        self._assert_index_serves(
            "res.partner", [("phone_digits", "ilike", "6125550110")], "res_partner__phone_digits_index"
        )
        self._assert_index_serves(
            "telecom.order",
            [("prospect_phone_digits", "ilike", "6125550110")],
            "telecom_order__prospect_phone_digits_index",
        )
