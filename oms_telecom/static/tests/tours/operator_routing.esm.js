/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// An operator registers a prospect's connection, types the address straight into
// the premises field, submits the order and sees who takes it: the division
// operating the address and a person of it.
registry.category("web_tour.tours").add("oms_telecom_operator_routing", {
    url: "/odoo/telecom-orders",
    steps: () => [
        {
            content: "Register a new order",
            trigger:
                ".o_control_panel .o-kanban-button-new, .o_control_panel .o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=prospect_name] input",
            run: "edit Riley Tour Prospect",
        },
        {
            trigger: ".o_field_widget[name=prospect_phone] input",
            run: "edit +1 612-555-0142",
        },
        {
            content: "Type the address as the caller says it",
            trigger: ".o_field_widget[name=premises_id] input",
            run: "edit Birch Street 5, Northbridge",
        },
        {
            trigger:
                ".o_field_widget[name=premises_id] .o_m2o_dropdown_option_create a",
            run: "click",
        },
        {
            content: "The address became premises",
            trigger: ".o_field_widget[name=premises_id] .o_external_button",
        },
        {
            trigger: ".o_field_widget[name=line_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger:
                ".o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=product_id] input",
            run: "edit Fiber 100",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Fiber 100)",
            run: "click",
        },
        {
            content: "Save the order",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            trigger: ".o_statusbar_buttons button[name=action_submit]",
            run: "click",
        },
        {
            content: "The order is submitted",
            trigger:
                ".o_form_view:not(:has(.o_statusbar_buttons button[name=action_submit]))",
        },
        {
            content: "Routed to the division operating Northbridge",
            trigger: ".o_field_widget[name=division_id] input:value(Northbridge Sales)",
        },
        {
            content: "and to a person of it",
            trigger: ".o_field_widget[name=user_id] input:value(Olga Operator)",
        },
        {
            content: "Nothing to say about routing",
            trigger: ".o_form_view:not(:has(div[name=routing_reason]:visible))",
        },
    ],
});
