/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber chooses the time of the technician's visit. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_book_appointment", {
    url: "/my/telecom/orders",
    steps: () => [
        {
            content: "The order in progress waits for an appointment",
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
            content: "Pick the first free time",
            trigger: ".o_telecom_slot_day:first label.btn:first",
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
            content: "The appointment is booked",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            trigger: ".o_telecom_appointments li:contains(Planned)",
        },
    ],
});

// On a phone, the subscriber books 10:00 at an address in Chicago and reads
// 10:00 with the zone's name on the order page. Data come from the Python test.
registry
    .category("web_tour.tours")
    .add("oms_telecom_portal_book_appointment_local_time", {
        steps: () => [
            {
                trigger: "a.o_telecom_book_slot",
                run: "click",
                expectUnloadPage: true,
            },
            {
                content: "The times are the address's, named",
                trigger: ".o_telecom_slot_tz:contains(America/Chicago)",
            },
            {
                content: "Pick 10:00 on the first day it is free",
                trigger: ".o_telecom_slot_chip:contains(10:00 – 12:00):first",
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
                content: "The order page gives 10:00 with the zone's name",
                trigger:
                    ".o_telecom_appointments .o_telecom_appointment_time:contains(10:00 – ):contains(America/Chicago)",
            },
        ],
    });
