/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber reports a problem on a service... Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_report_problem", {
    url: "/my/telecom/services",
    steps: () => [
        {
            trigger:
                ".o_telecom_service:contains(Portal Fiber 300) a.o_telecom_service_problem",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "textarea[name=description]",
            run: "edit The connection drops every evening.",
        },
        {
            trigger: "button.o_telecom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The problem is registered",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            trigger:
                ".o_telecom_progress .o_telecom_progress_current[data-state=acknowledged]",
        },
    ],
});

// ... and, once the repair is done and the order asks them, confirms it is solved.
registry.category("web_tour.tours").add("oms_telecom_portal_confirm_solved", {
    url: "/my",
    steps: () => [
        {
            content: "Open problems are flagged on the portal home",
            trigger: "a[href='/my/telecom/orders?filterby=problems']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "tr.o_telecom_order_row a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order waits for the subscriber's answer",
            trigger:
                ".o_telecom_progress .o_telecom_progress_current[data-state=pending]",
        },
        {
            trigger: ".o_telecom_solved_card textarea[name=comment]",
            run: "edit Works fine now, thank you.",
        },
        {
            trigger: "button.o_telecom_confirm_solved",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The problem is closed",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            content: "Every step is ticked, the completion too",
            trigger:
                ".o_telecom_progress:not(:has(.o_telecom_progress_current)) .o_telecom_progress_step:last-child.o_telecom_progress_done[data-state=completed] .fa-check",
        },
    ],
});
