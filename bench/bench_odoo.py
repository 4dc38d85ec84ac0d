# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Inside an Odoo shell: the bench's fixtures, and the same orders created by one
batched ORM call. Run by bench.sh, not by hand."""

import json
import sys
import time

from odoo import Command

ORDERS_PER_RUN = 2000


def setup(env, server_url=None):
    """A catalogue, a subscriber, premises and an integration with its key;
    reports fetch their styles from `server_url`, the bench's server."""
    if server_url:
        env["ir.config_parameter"].set_param("report.url", server_url)
    country = env.ref("base.be")
    templates = env["product.template"].create(
        [
            {
                "name": "Bench Fiber",
                "type": "service",
                "is_telecom_service": True,
                "telecom_family": "internet",
                "telecom_monthly_price": 30.0,
                "telecom_installation_fee": 50.0,
                "telecom_parameters_definition": [
                    {"name": "bandwidth", "string": "Bandwidth", "type": "integer", "default": 100}
                ],
            },
            {
                "name": "Bench Phone",
                "type": "service",
                "is_telecom_service": True,
                "telecom_family": "telephony",
                "telecom_monthly_price": 10.0,
            },
        ]
    )
    partner = env["res.partner"].create(
        {"name": "Bench Subscriber", "email": "bench@example.com", "is_telecom_subscriber": True}
    )
    premises = env["telecom.premises"].create(
        {"country_id": country.id, "city": "Benchville", "street": "Load Street", "house_number": "1"}
    )
    client = env["telecom.api.client"].create({"name": "Bench", "user_id": env.ref("base.user_admin").id})
    key = client._issue_key()
    # The server's cron worker plans the orders received; the other scheduled
    # actions are measured on their own (escalation), not run behind the measures.
    planning = env.ref("oms_telecom.ir_cron_telecom_plan_received_orders")
    env["ir.cron"].search([("id", "!=", planning.id)]).write({"active": False})
    env.cr.commit()  # the HTTP workers of the bench read these fixtures from their own transactions
    fixtures = {
        "key": key,
        "fiber": templates[0].product_variant_id.id,
        "phone": templates[1].product_variant_id.id,
        "partner": partner.id,
        "premises": premises.id,
        "country": country.id,
    }
    sys.stdout.write("FIXTURES " + json.dumps(fixtures) + "\n")


def orm_batch(env, fixtures, count=ORDERS_PER_RUN):
    """The same orders as the HTTP run, created by one create() call, then
    submitted in one call; rolled back afterwards."""
    Order = env["telecom.order"].with_user(env.ref("base.user_admin"))
    vals_list = [
        {
            "partner_id": fixtures["partner"],
            "premises_id": fixtures["premises"],
            "order_type": "connection",
            "channel": "api",
            "external_reference": f"ORM-{index}",
            "line_ids": [
                Command.create({"product_id": fixtures["fiber"], "parameters": {"bandwidth": 500}}),
                Command.create({"product_id": fixtures["phone"]}),
            ],
        }
        for index in range(count)
    ]
    started = time.perf_counter()
    # Flushed with what waits for the commit (tracking, followers), as a request ends.
    orders = Order.create(vals_list)
    env.cr.flush()
    created = time.perf_counter() - started
    orders.action_submit()
    env.cr.flush()
    submitted = time.perf_counter() - started
    env.cr.rollback()
    result = {
        "orm_orders": count,
        "orm_create_seconds": round(created, 2),
        "orm_create_per_second": round(count / created, 1),
        "orm_create_submit_seconds": round(submitted, 2),
        "orm_create_submit_per_second": round(count / submitted, 1),
    }
    sys.stdout.write("ORM " + json.dumps(result) + "\n")
