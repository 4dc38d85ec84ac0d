/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A technician opens the Work Orders menu (their own open work orders), reports
// the installation and then the line test of an order done. Data come from the
// Python test.
function reportDone(kind) {
    return [
        {
            content: `Open the ${kind}`,
            trigger: `.o_list_renderer .o_data_row:contains(${kind}) .o_data_cell[name=name]`,
            run: "click",
        },
        {
            content: "Whom to call and how to get in are on the form",
            trigger: ".o_field_widget[name=contact_phone]:contains(+1 612-555-0177)",
        },
        {
            trigger: ".o_field_widget[name=access_notes]:contains(Code 4711)",
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_start]",
            run: "click",
        },
        {
            content: "Write what was done",
            trigger: ".o_notebook .nav-link:contains(Result)",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=result] textarea",
            run: `edit ${kind} done on site`,
        },
        {
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_done]",
            run: "click",
        },
        {
            content: "The work order is done",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Done)",
        },
        {
            content: "Back to the list",
            trigger: ".o_breadcrumb .breadcrumb-item a",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("oms_telecom_technician_work_orders", {
    url: "/odoo",
    steps: () => [
        {
            trigger: ".o_navbar_apps_menu button",
            run: "click",
        },
        {
            trigger: ".o_app[data-menu-xmlid='oms_telecom.menu_oms_root']",
            run: "click",
        },
        {
            trigger:
                ".o_main_navbar button[data-menu-xmlid='oms_telecom.menu_oms_orders']",
            run: "click",
        },
        {
            trigger:
                ".dropdown-item[data-menu-xmlid='oms_telecom.menu_oms_work_order']",
            run: "click",
        },
        {
            content: "A technician starts on their own open work orders",
            trigger: ".o_searchview .o_facet_value:contains(My Work Orders)",
        },
        ...reportDone("Installation"),
        ...reportDone("Line Test"),
        {
            content: "Nothing left to do",
            trigger: ".o_list_renderer:not(:has(.o_data_row:contains(Line Test)))",
        },
    ],
});
