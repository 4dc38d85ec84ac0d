/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber's contact finds the telecom contract and the first invoice in
// the portal. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_billing_portal", {
    url: "/my",
    steps: () => [
        {
            content: "The contract is counted on the portal home",
            trigger:
                ".o_portal_index_card:not(.d-none) a[href='/my/contracts']:has([data-placeholder_count=contract_count]:contains(1))",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a:contains(Telecom services of Acme Offices Ltd)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A line per service, with its premises and parameters",
            trigger:
                ".contract_tbody td[name=td_name]:contains(Test Fiber 100):contains(Rue des Tests)",
        },
        {
            trigger:
                ".contract_tbody td[name=td_name]:contains(Installation: Test Fiber 100)",
        },
        {
            content: "Back to the portal home, then the invoices",
            trigger: ".breadcrumb a[href='/my/home'], .breadcrumb a[href='/my']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger:
                ".o_portal_index_card:not(.d-none) a[href='/my/invoices?filterby=invoices']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The first invoice: half of November and the installation fee",
            trigger: "tr:contains(INV/):contains(65.00)",
        },
    ],
});
