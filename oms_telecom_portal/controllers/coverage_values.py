"""What the order forms say about the coverage of an address (see
`telecom.premises._telecom_coverage`), for the page and for the JSON check."""


def offered_products(products, subscriber_kind=None):
    """The services a customer of `subscriber_kind` may order among `products`."""
    if not subscriber_kind:
        return products
    return products.filtered(lambda product: product.telecom_audience in ("all", subscriber_kind))


def coverage_answer(env, coverage, subscriber_kind=None):
    """{covered, title, detail, services, live} for one coverage answer."""
    services = offered_products(coverage["products"], subscriber_kind).mapped("name")
    live = coverage["live_products"].mapped("name")
    if not coverage["covered"]:
        return {
            "covered": False,
            "title": env._("This address is not covered by our network yet."),
            "detail": env._(
                "You can still send your order: we record it and contact you as soon as we can serve the address."
            ),
            "services": [],
            "live": [],
        }
    detail = env._("Services available here: %s.", ", ".join(services)) if services else ""
    if live:
        detail = " ".join(filter(None, [env._("Already active here: %s.", ", ".join(live)), detail]))
    return {
        "covered": True,
        "title": env._("Good news: this address is covered by our network."),
        "detail": detail,
        "services": services,
        "live": live,
    }


def premises_coverage_answers(env, premises, subscriber_kind=None):
    """{premises id: coverage answer} for registered premises."""
    return {
        premises_id: coverage_answer(env, coverage, subscriber_kind)
        for premises_id, coverage in premises._telecom_coverage().items()
    }
