# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Telecom API",
    "summary": "TM Forum Open APIs (TMF622 Product Ordering, TMF621 Trouble Ticket, "
    "TMF697 Work Order) with API keys, idempotency and a signed outbound event hub",
    "version": "18.0.1.0.0",
    "category": "Services/Telecom",
    "website": "https://github.com/oms-telecom/oms-telecom",
    "author": "OMS Telecom contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["oms_telecom", "fastapi"],
    # packaging: Odoo needs it to check OCA fastapi's versioned dependency (a2wsgi>=...).
    "external_dependencies": {"python": ["fastapi", "packaging", "pydantic", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "security/telecom_api_security.xml",
        "data/fastapi_endpoint_data.xml",
        "data/ir_cron_data.xml",
        "wizards/telecom_api_key_wizard_views.xml",
        "views/telecom_api_client_views.xml",
        "views/telecom_api_listener_views.xml",
        "views/telecom_api_event_views.xml",
        "views/telecom_api_cancel_request_views.xml",
        "views/oms_telecom_api_menus.xml",
    ],
    "demo": [
        "demo/telecom_api_client_demo.xml",
        # After oms_telecom's history: the integrations' first orders over the API.
        "demo/telecom_order_story_demo.xml",
    ],
    # The integrations' stories, played by demo/telecom_order_story_demo.xml.
    "oca_data_manual": ["demo/telecom_order_api_demo.xml"],
}
