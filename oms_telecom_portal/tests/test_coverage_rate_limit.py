# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.service.model import MAX_TRIES_ON_CONCURRENCY_FAILURE, PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

COVERAGE_RATE_LIMIT_PARAM = "oms_telecom_portal.coverage_rate_limit"


@tagged("post_install", "-at_install")
class TestCoverageRateLimitConcurrency(TransactionCase):
    """Parallel coverage checks from one address, each in its own thread and
    transaction, committed, as the server runs its requests: each has read
    from the database before its check (its snapshot is taken) and is retried
    on a serialisation failure, as Odoo retries a request. What the test
    commits is removed at the end."""

    limit = 10
    senders = 16
    request_ip = "198.51.100.40"

    def setUp(self):
        super().setUp()
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            for model in ("telecom.coverage.lookup", "telecom.web.form.address"):
                env[model].search([("request_ip", "=", self.request_ip)]).unlink()

    def _lookups(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            return env["telecom.coverage.lookup"].search_count([("request_ip", "=", self.request_ip)])

    def _check_as_a_request(self, env):
        """The check in the thread's transaction, tried again after a serialisation
        failure as `odoo.service.model.retrying` does for a request (which cannot
        run in a thread here: it reloads the registry, whose lock the test runner
        holds). The answer, or the name of the last error."""
        Lookup = env["telecom.coverage.lookup"]
        for tryno in range(1, MAX_TRIES_ON_CONCURRENCY_FAILURE + 1):
            try:
                return Lookup._record_and_check(self.request_ip, self.limit, 60)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
                env.cr.rollback()
                if tryno == MAX_TRIES_ON_CONCURRENCY_FAILURE:
                    return error.__class__.__name__
                time.sleep(random.uniform(0.0, 2**tryno))

    @mute_logger("odoo.sql_db")
    def test_parallel_checks_respect_the_limit(self):
        self.assertFalse(self._lookups())
        barrier = threading.Barrier(self.senders)
        answers = [None] * self.senders

        def check(index):
            with self.registry.cursor() as cr:
                # The registry is given, not looked up (the test runner holds its lock).
                cr.transaction = api.Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                # As the route does: the limit is read first.
                env["ir.config_parameter"].get_param(COVERAGE_RATE_LIMIT_PARAM)
                barrier.wait(timeout=60)
                answers[index] = self._check_as_a_request(env)

        threads = [threading.Thread(target=check, args=(index,)) for index in range(self.senders)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        answered = answers.count(True)
        self.assertEqual(self._lookups(), answered, "each check answered is counted")
        self.assertEqual(
            sorted(answers, key=str),
            [False] * (self.senders - self.limit) + [True] * self.limit,
            f"{answered} checks answered for a limit of {self.limit}",
        )
