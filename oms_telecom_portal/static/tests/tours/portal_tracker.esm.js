/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// Checks shared by the tracker and phone tours; a failed check throws.

function checkNoHorizontalOverflow() {
    const {scrollWidth} = document.documentElement;
    if (scrollWidth > window.innerWidth) {
        throw new Error(
            `The page is wider (${scrollWidth}px) than the screen (${window.innerWidth}px).`
        );
    }
}

function checkInsideScreen(selector) {
    for (const element of document.querySelectorAll(selector)) {
        const {left, right} = element.getBoundingClientRect();
        if (left < 0 || right > window.innerWidth) {
            throw new Error(`${selector} "${element.textContent.trim()}" is cut off.`);
        }
    }
}

// The tracker tells the order's state: done steps ticked, then the current (or
// stopped) step in the state of the badge, then the steps ahead.
function checkTracker() {
    const steps = [...document.querySelectorAll(".o_telecom_progress_step")];
    const statuses = steps.map((step) => step.dataset.status).join(",") + ",";
    if (!/^(done,)*(current,|stopped,)?(next,)*(stopped,)?$/.test(statuses)) {
        throw new Error(`The tracker's steps are out of order: ${statuses}`);
    }
    for (const step of steps) {
        const ticked = Boolean(
            step.querySelector(".o_telecom_progress_marker .fa-check")
        );
        if (ticked !== (step.dataset.status === "done")) {
            throw new Error(`Step "${step.textContent.trim()}" is ticked wrongly.`);
        }
        const marker = step.querySelector(".o_telecom_progress_marker");
        const label = step.querySelector(".o_telecom_progress_label");
        const markerBox = marker.getBoundingClientRect();
        const labelBox = label.getBoundingClientRect();
        const apart =
            markerBox.right <= labelBox.left + 1 ||
            markerBox.bottom <= labelBox.top + 1;
        if (!apart) {
            throw new Error(
                `The marker of "${label.textContent.trim()}" covers its text.`
            );
        }
    }
    const badge = document.querySelector(
        ".o_telecom_order_summary .o_telecom_order_state"
    );
    const current = steps.find((step) => step.dataset.status === "current");
    if (current && current.dataset.state !== badge.dataset.state) {
        throw new Error(
            `The current step is "${current.dataset.state}", the order "${badge.dataset.state}".`
        );
    }
    const last = steps[steps.length - 1];
    if (badge.dataset.state === "completed" && last.dataset.status !== "done") {
        throw new Error("A completed order ends on a ticked step.");
    }
}

// On a phone the page is one column: status and tracker before the actions.
function checkPhoneOrder() {
    if (window.innerWidth >= 992) {
        return;
    }
    const top = (selector) => {
        const element = document.querySelector(selector);
        return element && element.offsetHeight
            ? element.getBoundingClientRect().top
            : null;
    };
    const tracker = top(".o_telecom_progress");
    for (const selector of [
        ".o_telecom_solved_card",
        ".o_telecom_cancel_card",
        ".o_telecom_documents",
    ]) {
        const actionTop = top(selector);
        if (actionTop !== null && actionTop < tracker) {
            throw new Error(`${selector} comes before the tracker on a phone.`);
        }
    }
    if (top(".o_telecom_order_summary") > tracker) {
        throw new Error("The order's status comes after the tracker on a phone.");
    }
}

function checkParameters() {
    for (const term of document.querySelectorAll(
        ".o_telecom_parameters dt, .o_telecom_parameters dd"
    )) {
        if (term.scrollWidth > term.clientWidth + 1) {
            throw new Error(
                `Parameter "${term.textContent.trim()}" runs over its neighbour.`
            );
        }
    }
}

// An order page, opened by the Python test at one step of the order.
registry.category("web_tour.tours").add("oms_telecom_portal_tracker", {
    steps: () => [
        {
            content: "The tracker matches the order's state",
            trigger: ".o_telecom_progress .o_telecom_progress_step",
            run() {
                checkTracker();
                checkNoHorizontalOverflow();
                checkPhoneOrder();
            },
        },
    ],
});

// The list of orders and the first order's page, at any screen size.
registry.category("web_tour.tours").add("oms_telecom_portal_orders_screen", {
    url: "/my/telecom/orders",
    steps: () => [
        {
            content: "The whole list fits the screen, status included",
            trigger: "tr.o_telecom_order_row .o_telecom_order_state",
            run() {
                checkNoHorizontalOverflow();
                checkInsideScreen(".o_telecom_order_row .o_telecom_order_state");
                checkInsideScreen(".o_telecom_new_order, .o_telecom_new_order_phone");
                const orderButton = [
                    ...document.querySelectorAll(
                        ".o_telecom_new_order, .o_telecom_new_order_phone"
                    ),
                ].find((button) => button.offsetParent);
                if (!orderButton) {
                    throw new Error("'Order a service' is out of sight.");
                }
            },
        },
        {
            trigger: "tr.o_telecom_order_row:first a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order page fits the screen; status and tracker come first",
            trigger: ".o_telecom_order_page .o_telecom_progress",
            run() {
                checkNoHorizontalOverflow();
                checkTracker();
                checkPhoneOrder();
                checkParameters();
                checkInsideScreen(".o_telecom_order_line .o_telecom_parameters");
            },
        },
    ],
});
