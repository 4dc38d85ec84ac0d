/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// On a phone, a subscriber moves the booked visit to another time. Data come from
// the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_move_visit", {
    steps: () => [
        {
            content: "The booked visit can still be moved",
            trigger: "a.o_telecom_move_visit",
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
            trigger: "button.o_telecom_confirm_slot:contains(Move the visit)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The visit is moved",
            trigger: ".o_telecom_notice.alert-success",
        },
        {
            trigger: ".o_telecom_appointments li:contains(Planned)",
        },
    ],
});
