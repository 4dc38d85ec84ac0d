#!/usr/bin/env python3
# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Hand one e-mail, read from standard input, to Odoo's mail gateway.

Odoo's own addons/mail/static/scripts/odoo-mailgate.py in Python 3 (Odoo 18.0
ships it for Python 2): the same options and the same XML-RPC call,
mail.thread.message_process, plus --password-file so that the password (an API
key) stays out of the process list. A mail server pipes the messages for the
alias domain into it, Postfix for instance with an alias

    support: "|/usr/bin/python3 /path/to/tools/odoo_mailgate.py -d oms -u 2 --password-file /etc/odoo/mailgate.key"

Exit status: 0 delivered; 75 (EX_TEMPFAIL) when Odoo cannot be reached, so
that the mail server keeps the message and tries again; 1 when Odoo refuses it
(no route...), the mail server then bounces it to the sender.
"""

import argparse
import sys
import xmlrpc.client

EX_TEMPFAIL = 75


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-d", "--database", default="odoo", help="Odoo database name (default: %(default)s)")
    parser.add_argument("-u", "--userid", type=int, default=1, help="Odoo user id (default: %(default)s)")
    parser.add_argument("--login", help="the user's login, instead of --userid")
    parser.add_argument("-p", "--password", default="admin", help="password or API key (default: %(default)s)")
    parser.add_argument("--password-file", help="read the password (or API key) from this file instead")
    parser.add_argument("--host", default="localhost", help="Odoo host (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8069, help="Odoo port (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds to wait for Odoo (default: %(default)s)")
    return parser.parse_args(argv)


def server_proxy(host, port, endpoint, timeout):
    class TimeoutTransport(xmlrpc.client.Transport):
        def make_connection(self, host_port):
            connection = super().make_connection(host_port)
            connection.timeout = timeout
            return connection

    return xmlrpc.client.ServerProxy(
        f"http://{host}:{port}/xmlrpc/2/{endpoint}", allow_none=True, transport=TimeoutTransport()
    )


def user_id(database, login, password, host="localhost", port=8069, timeout=60):
    """The id of the user `login`, or a Fault when the password does not match."""
    uid = server_proxy(host, port, "common", timeout).authenticate(database, login, password, {})
    if not uid:
        raise xmlrpc.client.Fault(1, f"AccessDenied: wrong login or password for {login}")
    return uid


def deliver(raw, database, userid, password, host="localhost", port=8069, timeout=60):
    """Give the raw message (bytes) to message_process; returns the id of the
    record it was posted on."""
    models = server_proxy(host, port, "object", timeout)
    return models.execute_kw(
        database, userid, password, "mail.thread", "message_process", [False, xmlrpc.client.Binary(raw)], {}
    )


def main(argv=None):
    args = parse_args(argv)
    password = args.password
    if args.password_file:
        with open(args.password_file, encoding="utf-8") as key_file:
            password = key_file.read().strip()
    raw = sys.stdin.buffer.read()
    try:
        uid = args.userid
        if args.login:
            uid = user_id(args.database, args.login, password, args.host, args.port, args.timeout)
        deliver(raw, args.database, uid, password, args.host, args.port, args.timeout)
    except xmlrpc.client.Fault as fault:
        sys.stderr.write(f"Odoo refused the message: {fault.faultString.strip().splitlines()[-1]}\n")
        return 1
    except OSError as error:
        sys.stderr.write(f"Odoo cannot be reached at {args.host}:{args.port}: {error}\n")
        return EX_TEMPFAIL
    return 0


if __name__ == "__main__":
    sys.exit(main())
