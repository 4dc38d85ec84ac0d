/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A prospect orders on the public form. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_public_order", {
    url: "/telecom/order",
    steps: () => [
        {
            content: "Company customers give their company name",
            trigger: "input[name=subscriber_kind][value=company]",
            run: "click",
        },
        {
            trigger: ".o_telecom_company_name input[name=company_name]",
            run: "edit Tour Testing Ltd",
        },
        {
            trigger: "input[name=subscriber_kind][value=individual]",
            run: "click",
        },
        {
            content: "A private person has no company name",
            trigger: ".o_telecom_company_name.d-none:not(:visible)",
        },
        {
            trigger: "input[name=name]",
            run: "edit Tina Tour",
        },
        {
            trigger: "input[name=email]",
            run: "edit tina.tour@example.com",
        },
        {
            trigger: "input[name=street]",
            run: "edit Rue du Portail",
        },
        {
            trigger: "input[name=house_number]",
            run: "edit 21",
        },
        {
            trigger: "input[name=city]",
            run: "edit Testville",
        },
        {
            trigger: "select[name=country_id]",
            run: "selectByLabel Belgium",
        },
        {
            content: "Choose a service",
            trigger:
                ".o_telecom_catalogue label:contains(Portal Fiber 300) input[name=product_ids]",
            run: "click",
        },
        {
            content: "The price summary follows the services",
            trigger: ".o_telecom_total_monthly:contains(30.00)",
        },
        {
            trigger: ".o_telecom_total_installation:contains(50.00)",
        },
        {
            content: "Send the order",
            trigger: "button.o_telecom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order is registered, with its number",
            trigger: ".o_telecom_form_thanks .o_telecom_order_number",
        },
        {
            content: "The address is covered",
            trigger: ".o_telecom_form_thanks .o_telecom_covered",
        },
    ],
});
