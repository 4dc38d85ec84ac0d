/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// Coverage answers and appointments, at desktop and phone sizes. Data come
// from the Python tests (oms_telecom_portal/tests/test_tour_coverage.py).

registry.category("web_tour.tours").add("oms_telecom_portal_covered_order", {
    url: "/my/telecom/orders/new",
    steps: () => [
        {
            content: "The subscriber's address, where a Fiber is active, is covered",
            trigger: ".o_telecom_coverage_yes:visible:contains(covered by our network)",
        },
        {
            trigger:
                ".o_telecom_coverage_yes:contains(Already active here: Portal Fiber 300)",
        },
        {
            content: "Services for companies are not offered to a private person",
            trigger: ".o_telecom_catalogue:not(:contains(Portal Business Phone))",
        },
        {
            trigger:
                ".o_telecom_catalogue label:contains(Portal Home Phone) input[name=product_ids]",
            run: "click",
        },
        {
            content: "The price summary and the send button are on screen",
            trigger:
                ".o_telecom_summary_footer .o_telecom_total_monthly:visible:contains(10.00)",
        },
        {
            trigger: ".o_telecom_summary_footer button.o_telecom_submit:visible",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order page does not say the address is not covered",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            trigger: "body:not(:has(.o_telecom_uncovered))",
        },
    ],
});

registry.category("web_tour.tours").add("oms_telecom_portal_public_coverage", {
    url: "/telecom/order",
    steps: () => [
        {
            content: "A private person is not offered the services for companies",
            trigger:
                ".o_telecom_catalogue_item[data-audience=company].d-none:not(:visible)",
        },
        {
            trigger: "input[name=subscriber_kind][value=company]",
            run: "click",
        },
        {
            trigger: ".o_telecom_catalogue_item[data-audience=company]:visible",
        },
        {
            trigger: "input[name=subscriber_kind][value=individual]",
            run: "click",
        },
        {
            content: "Before the address, a hint says it will be checked",
            trigger: ".o_telecom_coverage_hint:visible",
        },
        {
            trigger: "select[name=country_id]",
            run: "selectByLabel Belgium",
        },
        {
            trigger: "input[name=street]",
            run: "edit Grand Route",
        },
        {
            trigger: "input[name=house_number]",
            run: "edit 1",
        },
        {
            trigger: "input[name=city]",
            run: "edit Farawayville",
        },
        {
            content: "The address is not served: the prospect knows before sending",
            trigger:
                ".o_telecom_coverage_no:visible:contains(not covered by our network)",
        },
        {
            content: "Another address, in a served town",
            trigger: "input[name=city]",
            run: "edit Testville",
        },
        {
            trigger: ".o_telecom_coverage_yes:visible:contains(Portal Fiber 300)",
        },
        {
            trigger: ".o_telecom_coverage_no:not(:visible)",
        },
        {
            trigger:
                ".o_telecom_catalogue label:contains(Portal Fiber 300) input[name=product_ids]",
            run: "click",
        },
        {
            content: "The price stays on screen while choosing",
            trigger:
                ".o_telecom_summary_footer .o_telecom_total_monthly:visible:contains(30.00)",
        },
    ],
});

registry.category("web_tour.tours").add("oms_telecom_portal_appointment_zone", {
    url: "/my/telecom/orders",
    steps: () => [
        {
            trigger: "tr.o_telecom_order_row:contains(In Progress) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: "a.o_telecom_book_slot",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The times are in the zone of the address, which is named",
            trigger: ".o_telecom_slot_tz:contains(America/Chicago)",
        },
        {
            trigger: ".o_telecom_slot_day:first label.o_telecom_slot_chip:first",
            run: "click",
        },
        {
            trigger: "input.o_telecom_slot:checked",
        },
        {
            trigger: "button.o_telecom_confirm_slot",
            run: "click",
            expectUnloadPage: true,
        },
        {
            trigger: ".o_telecom_notice.alert-success",
        },
    ],
});
