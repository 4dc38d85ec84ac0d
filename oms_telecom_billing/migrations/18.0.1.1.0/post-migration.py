# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Telecom contracts are shown in the portal by their subscriber's commercial
partner only. The contract module's follower rule, which excludes them now, is a
noupdate record: an upgrade does not rewrite it from the XML, this does."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("contract.rule_contract_contract_portal", raise_if_not_found=False)
    if rule:
        rule.domain_force = "[('is_telecom_contract', '=', False), ('message_partner_ids', 'in', [user.partner_id.id])]"
