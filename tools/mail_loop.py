#!/usr/bin/env python3
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's mail server: an SMTP server (aiosmtpd) on this machine only.

Every message it receives is kept in a Maildir (what Odoo sent, what was sent to
Odoo); the messages for the alias domains are handed to Odoo's mail gateway by
the mailgate command, as a mail server piping them to odoo-mailgate would.
Nothing leaves the machine.

    mail_loop.py serve --port 10073 --maildir DIR --domain example.com -- MAILGATE COMMAND...
    mail_loop.py list DIR       the messages kept, oldest first
"""

import argparse
import asyncio
import logging
import mailbox
import os
import subprocess
import sys
import threading
from email import message_from_bytes, policy
from email.utils import formatdate, parseaddr

from aiosmtpd.controller import Controller

_logger = logging.getLogger("mail_loop")

EX_TEMPFAIL = 75


def address_domain(address):
    return parseaddr(address)[1].rpartition("@")[2].lower()


class MailLoopHandler:
    """aiosmtpd handler: keep the message, then hand it to Odoo when it is for
    one of `domains`."""

    def __init__(self, maildir, domains, mailgate_command, bounce_addresses=(), domains_file=None):
        for folder in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, folder), exist_ok=True)
        self.mailbox = mailbox.Maildir(maildir, create=False)
        self.domains = {domain.lower() for domain in domains}
        self.mailgate_command = list(mailgate_command)
        # Odoo's own mail leaves with its bounce address as envelope sender: it is
        # kept, never handed back to Odoo (no loop through this server).
        self.bounce_addresses = {address.lower() for address in bounce_addresses}
        # Lines "domain bounce-address", read at each message: the server runs
        # before the database (and its alias domains) exists.
        self.domains_file = domains_file
        self._lock = threading.Lock()

    def odoo_addresses(self):
        """(alias domains, Odoo's bounce addresses)."""
        domains, bounces = set(self.domains), set(self.bounce_addresses)
        if self.domains_file and os.path.exists(self.domains_file):
            with open(self.domains_file, encoding="utf-8") as lines:
                for line in lines:
                    domain, _space, bounce = line.strip().lower().partition(" ")
                    if domain:
                        domains.add(domain)
                    if bounce:
                        bounces.add(bounce)
        return domains, bounces

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        with self._lock:
            self.mailbox.add(raw)
        subject = message_from_bytes(raw, policy=policy.default).get("Subject", "")
        domains, bounces = self.odoo_addresses()
        for_odoo = [rcpt for rcpt in envelope.rcpt_tos if address_domain(rcpt) in domains]
        from_odoo = (envelope.mail_from or "").lower() in bounces
        _logger.info("kept %r to %s", subject, ", ".join(envelope.rcpt_tos))
        if not for_odoo or from_odoo or not self.mailgate_command:
            return "250 OK: kept"
        returncode, error = await asyncio.get_running_loop().run_in_executor(None, self.hand_to_odoo, raw)
        if returncode == 0:
            _logger.info("handed %r to Odoo for %s", subject, ", ".join(for_odoo))
            return "250 OK: kept and handed to Odoo"
        _logger.warning("Odoo did not take %r: %s", subject, error)
        if returncode == EX_TEMPFAIL:
            return "451 4.3.0 Odoo cannot be reached, try again later"
        return f"550 5.7.1 {error or 'refused by Odoo'}"

    def hand_to_odoo(self, raw):
        """(exit status, last line of error) of the mailgate command fed `raw`."""
        try:
            done = subprocess.run(self.mailgate_command, input=raw, capture_output=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as error:
            return EX_TEMPFAIL, str(error)
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        return done.returncode, lines[-1] if lines else ""


def start(port, maildir, domains, mailgate_command, bounce_addresses=(), domains_file=None, hostname="127.0.0.1"):
    """Start the server in its own thread; returns the aiosmtpd controller (stop() it)."""
    handler = MailLoopHandler(maildir, domains, mailgate_command, bounce_addresses, domains_file)
    controller = Controller(handler, hostname=hostname, port=port)
    controller.start()
    return controller


def list_messages(maildir):
    """(date, from, to, subject) of the messages kept, oldest first."""
    box = mailbox.Maildir(maildir, create=False)
    messages = sorted(box, key=lambda message: message.get_date())
    return [
        (message["Date"] or formatdate(message.get_date()), message["From"], message["To"], message["Subject"])
        for message in messages
    ]


def main(argv=None):
    parser = argparse.ArgumentParser(description="The demo's mail server.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve SMTP until stopped")
    serve.add_argument("--port", type=int, required=True)
    serve.add_argument("--maildir", required=True)
    serve.add_argument("--domain", action="append", default=[], help="an alias domain (repeat for several)")
    serve.add_argument("--bounce", action="append", default=[], help="Odoo's bounce address (repeat for several)")
    serve.add_argument("--domains-file", help='lines "domain bounce-address", read at each message')
    serve.add_argument("mailgate", nargs=argparse.REMAINDER, help="after --: the mailgate command")
    listing = commands.add_parser("list", help="list the messages kept")
    listing.add_argument("maildir")
    args = parser.parse_args(argv)
    if args.command == "list":
        for date, sender, recipients, subject in list_messages(args.maildir):
            print(f"{date}  {sender} -> {recipients}\n    {subject}")
        return 0
    logging.basicConfig(level=logging.INFO, format="%(asctime)s mail_loop: %(message)s")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's account of each connection
    mailgate = args.mailgate[1:] if args.mailgate[:1] == ["--"] else args.mailgate
    controller = start(args.port, args.maildir, args.domain, mailgate, args.bounce, args.domains_file)
    _logger.info("SMTP on 127.0.0.1:%s, mail kept in %s", args.port, args.maildir)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
