/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A French subscriber's order form: the price summary follows the services
// chosen and writes its amounts as the list above it does ("30,00", not "30.00"),
// saying they exclude tax. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_order_form_amounts", {
    url: "/my/telecom/orders/new",
    steps: () => [
        {
            content: "The list writes its prices in French",
            trigger:
                ".o_telecom_catalogue_item:contains(Portal Fiber 300):contains(30,00)",
        },
        {
            trigger: ".o_telecom_price_summary:contains(Hors taxes)",
        },
        {
            trigger: ".o_telecom_catalogue_item:contains(Portal Fiber 300) input",
            run: "click",
        },
        {
            content: "The summary too, once a service is chosen",
            trigger: ".o_telecom_total_monthly:contains(30,00)",
        },
        {
            trigger: ".o_telecom_total_installation:contains(50,00)",
        },
    ],
});
