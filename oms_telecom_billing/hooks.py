# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
def post_init_hook(env):
    env["product.template"]._telecom_set_default_sale_taxes()
