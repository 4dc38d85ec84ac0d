/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// The billing user lists the subscriber contracts, runs the invoicing from
// Telecom Orders › Billing and opens the posted invoice. Data come from the
// Python test: one contract due today, of Acme Offices Ltd.
registry.category("web_tour.tours").add("oms_telecom_billing_run_invoicing", {
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
                ".o_menu_sections [data-menu-xmlid='oms_telecom_billing.menu_oms_billing']",
            run: "click",
        },
        {
            trigger:
                "[data-menu-xmlid='oms_telecom_billing.menu_oms_billing_contract']",
            run: "click",
        },
        {
            content:
                "Each contract with its monthly amount, next invoice date and status",
            trigger:
                ".o_list_view th[data-name=telecom_monthly_amount] + th[data-name=recurring_next_date] + th[data-name=telecom_state]",
        },
        {
            trigger:
                ".o_data_row:contains(Telecom services of Acme Offices Ltd):has(td[name=telecom_monthly_amount]:contains(30.00)):has(td[name=telecom_state]:contains(Active))",
        },
        {
            trigger:
                ".o_menu_sections [data-menu-xmlid='oms_telecom_billing.menu_oms_billing']",
            run: "click",
        },
        {
            trigger:
                "[data-menu-xmlid='oms_telecom_billing.menu_oms_billing_run_invoicing']",
            run: "click",
        },
        {
            content: "Ready as it opens: today, and the two contracts due by then",
            trigger:
                ".modal .o_field_widget[name=contract_to_invoice_count]:contains(2)",
        },
        {
            trigger: ".modal button[name=create_invoice]",
            run: "click",
        },
        {
            content: "The invoices made",
            trigger: ".o_breadcrumb .active:contains(Telecom Invoices)",
        },
        {
            content: "Acme's among them",
            trigger:
                ".o_list_view .o_data_row:contains(Acme Offices Ltd) td[name=name]",
            run: "click",
        },
        {
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Posted)",
        },
        {
            content:
                "The service line's label, premises, parameters and period, shown whole",
            trigger:
                ".o_field_widget[name=invoice_line_ids] .o_data_row:contains(Test Fiber 100) .o_field_product_label_section_and_note_cell:has(textarea)",
            run() {
                const label = this.anchor.querySelector("textarea");
                if (!label.value.includes("Period:")) {
                    throw new Error(`No period in the label: ${label.value}`);
                }
                if (label.scrollHeight > label.clientHeight + 1) {
                    throw new Error(
                        `The label is cut: ${label.clientHeight}px shown of ${label.scrollHeight}px`
                    );
                }
            },
        },
    ],
});
