/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber whose language is French reads their service's parameters, changes
// one and reads the order that follows: names and values of the parameters in
// French, as translated in the catalogue of parameter labels. Data come from the
// Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_french_parameters", {
    url: "/my/telecom/services",
    steps: () => [
        {
            content: "The service's parameters: their names and values in French",
            trigger:
                ".o_telecom_service .o_telecom_parameters dt:contains(Débit (Mbit/s)) + dd:contains(100)",
        },
        {
            trigger:
                ".o_telecom_service .o_telecom_parameters dt:contains(Technologie) + dd:contains(DSL)",
        },
        {
            trigger:
                ".o_telecom_service .o_telecom_parameters dt:contains(IP fixe) + dd:contains(Non)",
        },
        {
            content: "No English label is left",
            trigger:
                ".o_telecom_service:not(:contains(Bandwidth)):not(:contains(Technology))",
        },
        {
            trigger: ".o_telecom_service a.o_telecom_service_change",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The change form labels its fields in French",
            trigger: "label[for=param_technology]:contains(Technologie)",
        },
        {
            trigger: "select[name=param_technology]",
            run: "select fiber",
        },
        {
            content: "The chosen value reads French too (an option is never 'visible')",
            trigger:
                "select[name=param_technology] option[value=fiber]:selected:contains(Fibre):not(:visible)",
        },
        {
            trigger: "button.o_telecom_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order's service line shows the new value in French",
            trigger:
                ".o_telecom_order_line .o_telecom_parameters dt:contains(Technologie) + dd:contains(Fibre)",
        },
        {
            trigger: ".o_telecom_order_page:not(:contains(Technology))",
        },
    ],
});
