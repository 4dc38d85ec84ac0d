# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the order forms say about an address, from the qualification engine
(`telecom.qualification`): what can be ordered there, never what someone has."""

from .coverage_values import offered_products


def qualification_answer(env, qualification):
    """{covered, title, detail, services} for a qualification: the offerings
    deliverable at the address (or their alternatives) and why others are not."""
    if not qualification.covered:
        return {
            "covered": False,
            "title": env._("This address is not covered by our network yet."),
            "detail": env._(
                "Leave your contact details and we tell you as soon as we can serve it; "
                "you can also send your order: we record it and contact you."
            ),
            "services": [],
        }
    items = qualification.item_ids
    services = (items.filtered(lambda item: item.result == "qualified").product_id | items.alternative_ids).mapped(
        "name"
    )
    refusals = items.filtered(lambda item: item.result != "qualified")
    details = []
    if refusals:
        # What was chosen and cannot be delivered, with what can instead.
        details.append(refusals._refusal_message())
    elif services:
        details.append(env._("Services available here: %s.", ", ".join(services)))
    if qualification.expected_date:
        premises = qualification._address_premises()
        details.append(
            env._(
                "Earliest installation: %s.",
                premises._telecom_format_local_time(premises._telecom_tz(), qualification.expected_date),
            )
        )
    return {
        "covered": True,
        "title": env._("Good news: this address is covered by our network."),
        "detail": " ".join(details),
        "services": services,
    }


def products_to_qualify(env, product_ids, subscriber_kind=None):
    """The offerings asked about: those chosen in the form, else every one offered
    to the customer (the catalogue of the form)."""
    catalogue_sudo = offered_products(env["product.product"]._telecom_portal_catalogue(), subscriber_kind)
    chosen_sudo = catalogue_sudo.filtered(lambda product: product.id in product_ids)
    return chosen_sudo or catalogue_sudo
