# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import os
import threading

import psycopg2

from odoo import models
from odoo.sql_db import connection_info_for
from odoo.tools import SQL

from odoo.addons.base.models.ir_cron import ODOO_NOTIFY_FUNCTION

_logger = logging.getLogger(__name__)


class CronWakeUp:
    """One connection to the 'postgres' database per server process, kept open
    to wake the cron workers (they LISTEN there). Core opens and closes a new
    connection for each wake-up: with one wake-up per order received, that
    connection cost more than every query of the request together."""

    def __init__(self):
        self.lock = threading.Lock()
        self.connection = None
        self.pid = None

    def notify(self, dbname):
        """NOTIFY cron_trigger as core's ir.cron._notifydb does; False when it could not."""
        query = SQL("SELECT %s('cron_trigger', %s)", SQL.identifier(ODOO_NOTIFY_FUNCTION), dbname)
        with self.lock:
            for _attempt in range(2):
                try:
                    with self._connection().cursor() as cr:
                        cr.execute(query.code, query.params)
                    return True
                except psycopg2.Error:
                    _logger.info("Reconnecting to wake the cron workers", exc_info=True)
                    self._close()
        return False

    def _connection(self):
        # A forked worker never uses the connection of the process it was forked from.
        if self.connection is None or self.connection.closed or self.pid != os.getpid():
            _dbname, info = connection_info_for("postgres")
            self.connection = psycopg2.connect(**info)
            self.connection.autocommit = True
            self.pid = os.getpid()
        return self.connection

    def _close(self):
        if self.connection is not None and self.pid == os.getpid():
            self.connection.close()
        self.connection = None


cron_wake_up = CronWakeUp()


class IrCron(models.Model):
    _inherit = "ir.cron"

    def _notifydb(self):
        """Wake the cron workers through the connection this process keeps."""
        if cron_wake_up.notify(self.env.cr.dbname):
            return None
        return super()._notifydb()
