/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

function checkNoSidewaysScroll() {
    const page = document.documentElement;
    if (page.scrollWidth > window.innerWidth + 1) {
        throw new Error(
            `The page is ${page.scrollWidth}px wide on a ${window.innerWidth}px screen`
        );
    }
}

// A subscriber's invoice and contract pages on a phone: nothing wider than the
// screen, the amounts and the installation fee's "One-off" in sight.
registry.category("web_tour.tours").add("oms_telecom_billing_portal_mobile", {
    url: "/my/invoices",
    steps: () => [
        {
            trigger: "tr:contains(INV/) a[href*='/my/invoices/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ":iframe td:contains(Test Fiber 100)",
        },
        {
            content: "The invoice page fits the screen",
            trigger: "#o_portal_navbar_content, .o_portal_sidebar, body",
            run: checkNoSidewaysScroll,
        },
        {
            trigger: ".breadcrumb a[href='/my/home'], .breadcrumb a[href='/my']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_portal_index_card:not(.d-none) a[href='/my/contracts']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a.tr_contract_link:contains(Acme Offices Ltd)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger:
                ".contract_tbody tr:contains(Installation: Test Fiber 100) td[name=td_recurring_interval]:contains(One-off):visible",
        },
        {
            content: "The contract page fits the screen",
            trigger: ".contract_tbody td[name=td_price_subtotal]:visible",
            run: checkNoSidewaysScroll,
        },
    ],
});
