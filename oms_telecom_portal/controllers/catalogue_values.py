# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the order forms (the public one and the portal's) show of the catalogue."""

from . import form_tools


def prepare_catalogue_values(env, catalogue_sudo, post):
    """The catalogue, the services `post` selected in it with their totals, and the
    countries the address is chosen from."""
    selected_ids = form_tools.read_ids(post, "product_ids") if post else []
    selected_sudo = catalogue_sudo.filtered(lambda product: product.id in selected_ids)
    return {
        "catalogue": catalogue_sudo,
        "selected_ids": selected_ids,
        "countries": env["res.country"].sudo().search([]),
        "default_country": env.company.country_id,
        "currency": env.company.currency_id,
        "total_installation": sum(selected_sudo.mapped("telecom_installation_fee")),
        "total_monthly": sum(selected_sudo.mapped("telecom_monthly_price")),
    }
