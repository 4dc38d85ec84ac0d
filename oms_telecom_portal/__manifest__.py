# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "OMS Telecom Portal",
    "summary": "Subscriber portal and public order form for OMS Telecom",
    "version": "18.0.1.0.0",
    "category": "Services/Telecom",
    "website": "https://github.com/oms-telecom/oms-telecom",
    "author": "OMS Telecom contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "installable": True,
    "depends": ["oms_telecom", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_config_parameter_data.xml",
        "data/mail_template_data.xml",
        "views/portal_templates.xml",
        "views/portal_account_templates.xml",
        "views/telecom_order_portal_templates.xml",
        "views/telecom_service_portal_templates.xml",
        "views/telecom_order_form_templates.xml",
        "views/telecom_document_portal_templates.xml",
    ],
    # After oms_telecom's history: prospects' orders from the public form.
    "demo": ["demo/telecom_order_story_demo.xml"],
    # The prospects' stories, played by demo/telecom_order_story_demo.xml.
    "oca_data_manual": ["demo/telecom_order_prospect_demo.xml"],
    "assets": {
        "web.assets_frontend": [
            "oms_telecom_portal/static/src/scss/telecom_portal.scss",
            "oms_telecom_portal/static/src/scss/telecom_order_form.scss",
            "oms_telecom_portal/static/src/js/telecom_order_form.esm.js",
            "oms_telecom_portal/static/src/scss/telecom_mail_text.scss",
        ],
        "web.assets_tests": [
            "oms_telecom_portal/static/tests/tours/*.js",
        ],
    },
}
