# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An order the mail gateway opened is a draft while the team registers it; the
customer sent it: their tracker stands on "Received"."""

import lxml.html

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import TelecomPortalCase

RAW_EMAIL = """From: {sender}
To: support@example.com
Subject: {subject}
Message-ID: <{message_id}@example.com>
Date: Mon, 07 Dec 2026 10:00:00 +0000
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

No internet since this morning.
"""


@tagged("post_install", "-at_install")
class TestPortalTrackerEmail(TelecomPortalCase):
    @mute_logger("odoo.addons.mail.models.mail_thread")
    def _receive(self, sender, subject):
        raw = RAW_EMAIL.format(sender=sender, subject=subject, message_id=subject.replace(" ", "-"))
        order = self.env["telecom.order"].browse(self.env["mail.thread"].message_process("telecom.order", raw))
        self.assertRecordValues(order, [{"state": "draft", "channel": "email"}])
        return order

    def _tracker(self, order):
        return [(step["name"], step["status"], step["state"]) for step in order._portal_tracker_steps()]

    def test_known_sender_reads_received_as_the_current_step(self):
        order = self._receive(f'"{self.subscriber.name}" <{self.subscriber.email}>', "No internet")
        self.assertEqual(order.partner_id, self.subscriber)
        self.assertEqual(
            self._tracker(order),
            [
                ("Received", "current", "acknowledged"),
                ("In progress", "next", "in_progress"),
                ("Completed", "next", "completed"),
            ],
        )
        self._login(self.user_subscriber)
        page = lxml.html.fromstring(self.url_open(f"/my/telecom/orders/{order.id}").content)
        current = page.xpath("//li[contains(@class, 'o_telecom_progress_step')][@aria-current='step']")
        self.assertEqual(len(current), 1)
        self.assertEqual(current[0].get("data-state"), "acknowledged")
        self.assertIn("Received", current[0].text_content())

    def test_unknown_sender_reads_received_as_the_current_step(self):
        order = self._receive('"Sam Stranger" <sam.stranger@example.org>', "No TV signal")
        self.assertFalse(order.partner_id)
        self.assertEqual(self._tracker(order)[0], ("Received", "current", "acknowledged"))
        page = lxml.html.fromstring(self.url_open(order.get_portal_url()).content)
        current = page.xpath("//li[contains(@class, 'o_telecom_progress_step')][@aria-current='step']")
        self.assertEqual([step.get("data-state") for step in current], ["acknowledged"])

    def test_a_draft_typed_by_the_team_is_not_received(self):
        order = self.env["telecom.order"].create(
            {"partner_id": self.subscriber.id, "order_type": "problem", "channel": "operator"}
        )
        self.assertNotIn("current", [status for _name, status, _state in self._tracker(order)])
