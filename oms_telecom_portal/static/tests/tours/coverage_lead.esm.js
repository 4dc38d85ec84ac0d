/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A prospect checks an address the demo does not cover yet and leaves their
// contact details; a manager sees the demand. Data: the demo
// (oms_telecom_portal/tests/test_qualification_form.py).

registry.category("web_tour.tours").add("oms_telecom_portal_coverage_lead", {
    url: "/telecom/order",
    steps: () => [
        {
            trigger: "select[name=country_id]",
            run: "selectByLabel United States",
        },
        {
            trigger: "input[name=street]",
            run: "edit Hillcrest Road",
        },
        {
            trigger: "input[name=house_number]",
            run: "edit 180",
        },
        {
            trigger: "input[name=zip]",
            run: "edit 55722",
        },
        {
            trigger: "input[name=city]",
            run: "edit Lakeside",
        },
        {
            content: "The address is not served yet: the prospect is told at once",
            trigger:
                ".o_telecom_coverage_no:visible:contains(not covered by our network)",
        },
        {
            content: "They leave their contact details to be told when it is",
            trigger: ".o_telecom_coverage_no input[name=notify_name]",
            run: "edit Lena Hoffmann",
        },
        {
            trigger: ".o_telecom_coverage_no input[name=notify_email]",
            run: "edit lena.hoffmann@example.com",
        },
        {
            trigger: ".o_telecom_notify_send",
            run: "click",
        },
        {
            trigger:
                ".o_telecom_notify_feedback.text-success:contains(lena.hoffmann@example.com)",
        },
        {
            trigger: ".o_telecom_notify_fields:not(:visible)",
        },
    ],
});

registry.category("web_tour.tours").add("oms_telecom_demand_manager", {
    url: "/odoo/action-oms_telecom.telecom_demand_report_action",
    steps: () => [
        {
            content:
                "The unserved demand by street: Hillcrest Road, where prospects asked",
            trigger: ".o_pivot th:contains(Hillcrest Road)",
        },
        {
            trigger: ".o_pivot th:contains(Fiber 500)",
        },
    ],
});
