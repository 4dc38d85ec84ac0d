# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Answers remembered while orders enter their steps together.

Orders submitted in one call enter their first step in the same second: each asks
which division works a step at its address and which escalation rules apply, the
same questions again and again. Within `remembering(env)`, a question is answered
once. Nothing in such a block changes coverage, escalation rules or working
calendars. (Working hours are cached for longer: resource.calendar._telecom_window_intervals.)
"""

from contextlib import contextmanager

MEMO_KEY = "oms_telecom_batch_memo"


@contextmanager
def remembering(env):
    cache = env.cr.cache
    if MEMO_KEY in cache:
        yield
        return
    cache[MEMO_KEY] = {}
    try:
        yield
    finally:
        cache.pop(MEMO_KEY, None)


def batch_memo(env):
    """The memo of the block being run, or None outside a block."""
    return env.cr.cache.get(MEMO_KEY)


def remembered(env, key, compute):
    """compute(), or what it returned for `key` earlier in the block."""
    memo = env.cr.cache.get(MEMO_KEY)
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]
