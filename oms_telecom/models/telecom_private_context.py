# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Context keys that our code sets for its own calls.

Their value is a private token, never True: a context sent by a client (JSON-RPC,
a form's or an action's context, an e-mail) holds JSON values only and cannot carry
it, so none of these keys changes what a client's call does, whatever the client
sends. tests/test_context_sweep.py sends each of them from clients to check it."""

_TOKEN = object()

# Our code writes the fields only it writes: states, dates, SLA and escalation
# bookkeeping, numbers, flags (see telecom.system.fields.mixin).
SYSTEM_WRITE = "telecom_system_write"
# The order's state changes come from its scenario: do not hand them back to it.
SKIP_SCENARIO_SYNC = "telecom_skip_scenario_sync"
# Routing chose the division and the responsible: nobody chose them by hand.
SKIP_MANUAL_FLAGS = "telecom_skip_manual_flags"
# The code creating the attachments checked them and registers their documents itself.
SKIP_DOCUMENT_REGISTRATION = "telecom_skip_document_registration"
# The PDF prints its header in the page body (a wkhtmltopdf build without header support).
NO_PAGE_HEADER = "telecom_no_page_header"

# The mail gateway opened the order: the e-mail, once in its thread, gets a receipt.
SEND_ORDER_RECEIPT = "telecom_send_order_receipt"

PRIVATE_KEYS = (
    SYSTEM_WRITE,
    SKIP_SCENARIO_SYNC,
    SKIP_MANUAL_FLAGS,
    SKIP_DOCUMENT_REGISTRATION,
    NO_PAGE_HEADER,
    SEND_ORDER_RECEIPT,
)


def private_context(*keys):
    """The context that switches `keys` on: `records.with_context(**private_context(KEY))`."""
    return dict.fromkeys(keys, _TOKEN)


def has_private_key(env, key):
    """Whether our code switched `key` on in `env`."""
    return env.context.get(key) is _TOKEN


def system_write_context(*keys):
    """The context in which our code writes the fields only it writes (and `keys`)."""
    return private_context(SYSTEM_WRITE, *keys)


def may_write_system_fields(env):
    """Whether `env` may write the fields only the system writes: our code, or the superuser."""
    return env.su or has_private_key(env, SYSTEM_WRITE)
