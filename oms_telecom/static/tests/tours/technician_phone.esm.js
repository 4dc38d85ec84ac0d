/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// On a phone, a technician opens today's installation, finds how to call the
// customer, the way there and what to do, then reports it done with the
// customer's signature. Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_technician_phone", {
    steps: () => [
        {
            content: "One tap to call the customer from the list",
            trigger: ".o_kanban_record:contains(Installation) a[href^='tel:']",
        },
        {
            content: "Today's visits only: the diagnosis planned later is not listed",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(Diagnosis)))",
        },
        {
            trigger: ".o_kanban_record:contains(Installation) .fw-bold",
            run: "click",
        },
        {
            content: "Call the customer",
            trigger:
                ".o_field_widget[name=contact_phone] a[href^='tel:']:contains(612-555-0177)",
        },
        {
            content: "Open the address in a map",
            trigger:
                ".o_field_widget[name=map_url] a[href*='openstreetmap.org/search']",
        },
        {
            content: "How to get in",
            trigger: ".o_field_widget[name=access_notes]:contains(Code 4711)",
        },
        {
            content: "What to install",
            trigger:
                ".o_field_widget[name=tasks] textarea:value(Mount the ONT in the hallway cupboard)",
        },
        {
            content: "The visit's action is at hand on a phone, not in the form's menu",
            trigger:
                ".o_form_sheet div[name=phone_actions] button[name=action_start]:visible",
            run: "click",
        },
        {
            trigger:
                ".o_statusbar_status .o_arrow_button_current:contains(In Progress)",
        },
        {
            trigger: ".o_notebook .nav-link:contains(Result)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=result] textarea",
            run: "edit ONT mounted, signal -18 dBm",
        },
        {
            content: "The customer signs",
            trigger: ".o_field_widget[name=customer_signature] .o_signature",
            run: "click",
        },
        {
            content: "The customer's name is drawn as the signature",
            trigger: ".modal .o_web_sign_auto_button.active",
        },
        {
            trigger: ".modal .modal-footer .btn-primary:not([disabled])",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=customer_signature] img.o_signature",
        },
        {
            trigger:
                ".o_form_sheet div[name=phone_actions] button[name=action_done]:visible",
            run: "click",
        },
        {
            content: "The visit is done",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)",
        },
    ],
});
