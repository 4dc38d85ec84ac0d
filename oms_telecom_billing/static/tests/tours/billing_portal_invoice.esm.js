/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// After the billing user's run, a contact of the subscriber finds the posted
// invoice on the portal home, in the list and on its own page.
registry.category("web_tour.tours").add("oms_telecom_billing_portal_invoice", {
    url: "/my",
    steps: () => [
        {
            trigger:
                ".o_portal_index_card:not(.d-none) a[href='/my/invoices?filterby=invoices']:has([data-placeholder_count=invoice_count]:contains(1))",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "One invoice, the subscriber's own",
            trigger:
                "tbody:not(:has(tr:nth-child(2))) tr:contains(INV/) a[href*='/my/invoices/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Its lines, the service's with its period",
            trigger: ":iframe td:contains(Test Fiber 100):contains(Period:)",
        },
        {
            trigger: ":iframe td:contains(Installation: Test Fiber 100)",
        },
    ],
});
