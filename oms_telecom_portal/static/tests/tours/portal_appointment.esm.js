/** @odoo-module **/

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
