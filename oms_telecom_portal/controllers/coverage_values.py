# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the order forms say about the coverage of an address (see
`telecom.premises._telecom_coverage`), for the page and for the JSON check."""


def offered_products(products, subscriber_kind=None):
    """The services a customer of `subscriber_kind` may order among `products`."""
    if not subscriber_kind:
        return products
    return products.filtered(lambda product: product.telecom_audience in ("all", subscriber_kind))


def coverage_answer(env, coverage, subscriber_kind=None):
    """{covered, title, detail, services} for one coverage answer: what can be
    ordered at the address, never what someone has there (anyone may ask)."""
    services = offered_products(coverage["products"], subscriber_kind).mapped("name")
    if not coverage["covered"]:
        return {
            "covered": False,
            "title": env._("This address is not covered by our network yet."),
            "detail": env._(
                "You can still send your order: we record it and contact you as soon as we can serve the address."
            ),
            "services": [],
        }
    return {
        "covered": True,
        "title": env._("Good news: this address is covered by our network."),
        "detail": env._("Services available here: %s.", ", ".join(services)) if services else "",
        "services": services,
    }


def premises_coverage_answers(env, premises, own_services, subscriber_kind=None):
    """{premises id: coverage answer} for the subscriber's registered premises,
    saying which of `own_services` (the subscriber's live services) they have
    there: their own only, others may live at the same premises."""
    answers = {}
    catalogue_sudo = offered_products(env["product.product"]._telecom_portal_catalogue(), subscriber_kind)
    Qualification = env["telecom.qualification"]
    for record in premises:
        # The engine's answer for the whole catalogue, as a preview: the order records its own.
        premises_id = record.id
        preview = Qualification._coverage_preview(record, catalogue_sudo)
        live = own_services.filtered(lambda service, premises_id=premises_id: service.premises_id.id == premises_id)
        if live and not preview["covered"]:
            # The subscriber's own live service shows the network reaches their premises.
            preview = {"covered": True, "products": catalogue_sudo}
        answer = coverage_answer(env, preview, subscriber_kind)
        if live:
            already = env._("Already active here: %s.", ", ".join(live.product_id.mapped("name")))
            answer["detail"] = " ".join(filter(None, [already, answer["detail"]]))
        answers[premises_id] = answer
    return answers
