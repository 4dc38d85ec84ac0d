# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Telecom Billing",
    "summary": "Order-to-cash: a recurring contract line per subscriber service from its billing start, "
    "installation fees invoiced once, changes, suspensions and disconnections billed to the day",
    "version": "18.0.1.1.0",
    "category": "Services/Telecom",
    "website": "https://github.com/oms-telecom/oms-telecom",
    "author": "OMS Telecom contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    # contract_variable_qty_prorated: the OCA "Prorated Quantity" formula bills
    # a partial first or last month for the days of service.
    # account_payment: subscribers pay their invoices online from the portal.
    "depends": ["oms_telecom", "account", "account_payment", "contract", "contract_variable_qty_prorated"],
    "data": [
        "security/ir.model.access.csv",
        "security/oms_telecom_billing_security.xml",
        "data/product_data.xml",
        "views/product_template_views.xml",
        "views/contract_views.xml",
        "views/telecom_subscriber_service_views.xml",
        "views/telecom_order_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/contract_portal_templates.xml",
        "views/account_portal_templates.xml",
        "report/account_invoice_templates.xml",
        "wizards/contract_manually_create_invoice_views.xml",
        "views/oms_telecom_billing_menus.xml",
    ],
    "demo": ["demo/billing_demo.xml"],
    "post_init_hook": "post_init_hook",
    "assets": {
        "web.assets_backend": ["oms_telecom_billing/static/src/components/*.esm.js"],
        "web.assets_tests": ["oms_telecom_billing/static/tests/tours/*.js"],
    },
}
