# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Service parameters' labels are translated through the catalogue of parameter
labels: the labels of the products' existing definitions enter it."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["telecom.parameter.label"]._telecom_sync_products()
