# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.modules.migration import load_script
from odoo.tools import SQL, file_path, parse_version

from .common import OmsTelecomCase

MIGRATION = "oms_telecom/migrations/18.0.1.1.0/pre-migration.py"
OLD_KEYS = {
    "in_progress": "inProgress",
    "assessing_cancellation": "assessingCancellation",
    "pending_cancellation": "pendingCancellation",
}
STATE_COLUMNS = [
    ("telecom_order", "state"),
    ("telecom_order", "state_before_cancellation"),
    ("telecom_order_stage", "state"),
]
TABLES = ("telecom_order", "telecom_order_stage", "ir_filters", "ir_rule", "ir_act_window")
DOMAIN = "[('state', 'in', ['in_progress', 'held'])]"
OLD_DOMAIN = "[('state', 'in', ['inProgress', 'held'])]"


class TestMigrationStateKeys(OmsTelecomCase):
    """The upgrade to 18.0.1.1.0 renames the order states stored under TMF622's
    camelCase names to their snake_case keys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Orders in each renamed state (cancellations remember a state too), and
        # one the migration leaves alone; the demo's orders are there as well.
        states = [
            ("in_progress", False),
            ("assessing_cancellation", "in_progress"),
            ("assessing_cancellation", "acknowledged"),
            ("pending_cancellation", "held"),
            ("pending", False),
        ]
        cls.orders = cls.env["telecom.order"].create(
            [cls._order_values(cls.individual, cls.premises_home) for _state in states]
        )
        cls.env.flush_all()
        for order, (state, before) in zip(cls.orders, states, strict=True):
            cls.env.cr.execute(
                "UPDATE telecom_order SET state = %s, state_before_cancellation = %s WHERE id = %s",
                [state, before or None, order.id],
            )
        cls.env.invalidate_all()
        # Domains saved on orders name their states; those of other models are not ours.
        order_model = cls.env["ir.model"]._get("telecom.order")
        cls.filter_orders = cls.env["ir.filters"].create(
            {"name": "Under way", "model_id": "telecom.order", "domain": DOMAIN}
        )
        cls.rule_orders = cls.env["ir.rule"].create(
            {"name": "Under way", "model_id": order_model.id, "domain_force": DOMAIN, "active": False}
        )
        cls.action_orders = cls.env["ir.actions.act_window"].create(
            {"name": "Under way", "res_model": "telecom.order", "domain": DOMAIN}
        )
        cls.filter_partners = cls.env["ir.filters"].create(
            {"name": "Other model", "model_id": "res.partner", "domain": "[('ref', '=', 'inProgress')]"}
        )
        cls.migration = load_script(file_path(MIGRATION), "pre-migration")

    def _database(self):
        self.env.flush_all()
        database = {}
        for table in TABLES:
            self.env.cr.execute(SQL("SELECT ctid, * FROM %s ORDER BY id", SQL.identifier(table)))
            database[table] = self.env.cr.dictfetchall()
        return database

    def _write_old_keys(self):
        """What a database of 18.0.1.0.0 holds."""
        self.env.flush_all()
        for table, column in STATE_COLUMNS:
            for new, old in OLD_KEYS.items():
                self.env.cr.execute(
                    SQL(
                        "UPDATE %(table)s SET %(column)s = %(old)s WHERE %(column)s = %(new)s",
                        table=SQL.identifier(table),
                        column=SQL.identifier(column),
                        old=old,
                        new=new,
                    )
                )
        for table, column, record in (
            ("ir_filters", "domain", self.filter_orders),
            ("ir_rule", "domain_force", self.rule_orders),
            ("ir_act_window", "domain", self.action_orders),
        ):
            self.env.cr.execute(
                SQL(
                    "UPDATE %(table)s SET %(column)s = %(domain)s WHERE id = %(id)s",
                    table=SQL.identifier(table),
                    column=SQL.identifier(column),
                    domain=OLD_DOMAIN,
                    id=record.id,
                )
            )
        self.env.invalidate_all()

    def _migrate(self):
        self.migration.migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()

    def _without_ctid(self, database):
        return {table: [{**row, "ctid": None} for row in rows] for table, rows in database.items()}

    def test_migration_runs_on_upgrade_to_this_version(self):
        manifest_version = self.env["ir.module.module"].get_module_info("oms_telecom")["version"]
        self.assertLessEqual(parse_version("18.0.1.1.0"), parse_version(manifest_version))

    def test_old_keys_are_renamed(self):
        expected = self._database()
        self._write_old_keys()
        self.assertEqual(
            self.orders.mapped("state"),
            ["inProgress", "assessingCancellation", "assessingCancellation", "pendingCancellation", "pending"],
        )
        self.assertEqual(self.env.ref("oms_telecom.stage_in_progress").state, "inProgress")
        self.assertEqual(self.rule_orders.domain_force, OLD_DOMAIN)

        self._migrate()
        self.assertEqual(
            [(order.state, order.state_before_cancellation) for order in self.orders],
            [
                ("in_progress", False),
                ("assessing_cancellation", "in_progress"),
                ("assessing_cancellation", "acknowledged"),
                ("pending_cancellation", "held"),
                ("pending", False),
            ],
        )
        self.assertEqual(self.env.ref("oms_telecom.stage_in_progress").state, "in_progress")
        self.assertEqual(self.env.ref("oms_telecom.stage_assessing_cancellation").state, "assessing_cancellation")
        self.assertEqual(self.env.ref("oms_telecom.stage_pending_cancellation").state, "pending_cancellation")
        self.assertEqual(self.filter_orders.domain, DOMAIN)
        self.assertEqual(self.rule_orders.domain_force, DOMAIN)
        self.assertEqual(self.action_orders.domain, DOMAIN)
        self.assertEqual(self.filter_partners.domain, "[('ref', '=', 'inProgress')]", "other models are left alone")
        # Nothing else changed: every row reads as before the old keys were written.
        self.assertEqual(self._without_ctid(self._database()), self._without_ctid(expected))

    def test_second_run_changes_nothing(self):
        self._write_old_keys()
        self._migrate()
        migrated = self._database()
        self._migrate()
        # Not a row written again: an update would move it (a new ctid).
        self.assertEqual(self._database(), migrated)
