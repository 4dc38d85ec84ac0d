/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// An Invoicing user agrees another monthly price on a draft order: saved
// without a reason it is refused, with one it is kept and the order's chatter
// says who agreed what and why. The order comes from the Python test.
registry.category("web_tour.tours").add("oms_telecom_billing_price_agreement", {
    steps: () => [
        {
            trigger: ".o_field_widget[name=line_ids] td[name=monthly_price]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] td[name=monthly_price] input",
            run: "edit 29.90",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "A price other than the catalogue's needs a reason",
            trigger: ".modal-body:contains(need a reason)",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] td[name=price_reason]",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=line_ids] td[name=price_reason] input",
            run: "edit Loyalty: 5 years a subscriber",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "The agreement is on the order, for everyone to read",
            trigger:
                ".o-mail-Message:contains(Prices agreed):contains(Loyalty: 5 years a subscriber)",
        },
    ],
});
