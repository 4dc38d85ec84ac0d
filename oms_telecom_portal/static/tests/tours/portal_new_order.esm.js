/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

const ORDER_KEY = "oms_telecom_portal_tour_order";

// A subscriber orders a new service and finds it in "My orders" with its
// progress tracker. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_new_order", {
    url: "/my",
    steps: () => [
        {
            content: "Open My Telecom Orders from the portal home",
            trigger: "a[href='/my/telecom/orders']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a.o_telecom_new_order",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The subscriber's address is proposed",
            trigger: "select[name=premises_choice]:contains(Rue du Portail)",
        },
        {
            content: "A new address is typed in other fields",
            trigger: ".o_telecom_new_address.d-none:not(:visible)",
        },
        {
            trigger:
                ".o_telecom_catalogue label:contains(Portal Home Phone) input[name=product_ids]",
            run: "click",
        },
        {
            trigger:
                ".o_telecom_catalogue label:contains(Portal Fiber 300) input[name=product_ids]",
            run: "click",
        },
        {
            content: "Installation fees and monthly total of both services",
            trigger: ".o_telecom_total_installation:contains(70.00)",
        },
        {
            trigger: ".o_telecom_total_monthly:contains(40.00)",
        },
        {
            trigger: "button.o_telecom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new order's page confirms it",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            content: "Its tracker shows where it stands",
            trigger:
                ".o_telecom_progress .o_telecom_progress_current[data-state=acknowledged]",
        },
        {
            trigger:
                ".o_telecom_progress .o_telecom_progress_next[data-state=completed]",
        },
        {
            trigger: ".o_telecom_order_name",
            run() {
                sessionStorage.setItem(ORDER_KEY, this.anchor.textContent.trim());
            },
        },
        {
            content: "Back to My orders",
            trigger: ".o_portal_submenu a[href='/my/telecom/orders']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new order is in the list",
            trigger: "tr.o_telecom_order_row a",
            run() {
                const name = sessionStorage.getItem(ORDER_KEY);
                const links = [
                    ...document.querySelectorAll("tr.o_telecom_order_row a"),
                ];
                const link = links.find((a) => a.textContent.trim() === name);
                if (!name || !link) {
                    throw new Error(`Order ${name} is not in My orders.`);
                }
                link.click();
            },
            expectUnloadPage: true,
        },
        {
            trigger:
                ".o_telecom_progress .o_telecom_progress_current[data-state=acknowledged]",
        },
    ],
});
