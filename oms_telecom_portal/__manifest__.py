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
    "data": [],
}
