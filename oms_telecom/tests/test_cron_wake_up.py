# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import select

import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged

from odoo.addons.oms_telecom.models.ir_cron import cron_wake_up


@tagged("post_install", "-at_install")
class TestCronWakeUp(TransactionCase):
    """A triggered scheduled action wakes the cron workers as core does (NOTIFY
    cron_trigger on the 'postgres' database), through one connection kept open."""

    def setUp(self):
        super().setUp()
        _dbname, info = connection_info_for("postgres")
        self.listener = psycopg2.connect(**info)
        self.listener.autocommit = True
        self.addCleanup(self.listener.close)
        with self.listener.cursor() as cr:
            cr.execute("LISTEN cron_trigger")

    def _notifications(self):
        payloads = []
        while select.select([self.listener], [], [], 2) != ([], [], []):
            self.listener.poll()
            payloads += [notification.payload for notification in self.listener.notifies]
            self.listener.notifies.clear()
            if payloads:
                break
        return payloads

    def test_workers_are_woken_through_one_kept_connection(self):
        self.env["ir.cron"]._notifydb()
        self.assertEqual(self._notifications(), [self.env.cr.dbname])
        connection = cron_wake_up.connection
        self.env["ir.cron"]._notifydb()
        self.assertEqual(self._notifications(), [self.env.cr.dbname])
        self.assertIs(cron_wake_up.connection, connection, "the same connection wakes them again")

    def test_a_lost_connection_is_opened_again(self):
        self.env["ir.cron"]._notifydb()
        self._notifications()
        cron_wake_up.connection.close()
        self.env["ir.cron"]._notifydb()
        self.assertEqual(self._notifications(), [self.env.cr.dbname])
