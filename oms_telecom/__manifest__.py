{
    "name": "OMS Telecom",
    "summary": "Telecom order management: subscribers, premises, services, "
    "orders, service orders and technical work orders",
    "version": "18.0.1.0.0",
    "category": "Services/Telecom",
    "website": "https://github.com/oms-telecom/oms-telecom",
    "author": "OMS Telecom contributors",
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": True,
    "installable": True,
    "depends": ["mail", "portal", "product", "resource"],
    "data": [
        "security/oms_telecom_groups.xml",
        "security/ir.model.access.csv",
        "security/telecom_order_security.xml",
        "data/ir_sequence_data.xml",
        "data/telecom_order_stage_data.xml",
        "data/mail_alias_data.xml",
        "views/oms_telecom_menus.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
    ],
}
