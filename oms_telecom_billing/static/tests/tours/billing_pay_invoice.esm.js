/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber pays their invoice online from the portal, with Odoo's demo
// provider, and finds it paid.
registry.category("web_tour.tours").add("oms_telecom_billing_pay_invoice", {
    url: "/my/invoices",
    steps: () => [
        {
            trigger: "tr:contains(INV/) a[href*='/my/invoices/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Titled an invoice, not a proforma",
            trigger: ":iframe h2:contains(Invoice INV/):not(:contains(PROFORMA))",
        },
        {
            content: "Pay Now",
            trigger: "a[data-bs-target='#pay_with']:visible:first",
            run: "click",
        },
        {
            content: "The card number of the demo provider",
            trigger: "#pay_with input[name=customer_input]:visible",
            run: "edit 4111 1111 1111 1111",
        },
        {
            trigger: "#pay_with button[name=o_payment_submit_button]:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Back on the invoice, paid",
            trigger: ".badge:contains(Paid)",
        },
    ],
});
