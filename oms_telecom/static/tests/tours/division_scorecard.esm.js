/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A division manager opens the scorecard; each figure of their division's card
// opens a list with as many rows as the card says, under facets they can read.
// Data come from the Python test.
const CARD =
    ".o_kanban_record:contains(Test Sales):not(:contains(Test Field)):not(:contains(Test Empty))";
let expected = null;

function number(text, pattern) {
    const match = text.match(pattern);
    if (!match) {
        throw new Error(`No figure in "${text}"`);
    }
    return parseInt(match[1], 10);
}

function figureEqualsDrillDown(button, facet, pattern = /(\d+)/) {
    return [
        {
            content: `Read the figure of ${button}`,
            trigger: `${CARD} button.${button}`,
            run() {
                expected = number(this.anchor.textContent, pattern);
            },
        },
        {
            trigger: `${CARD} button.${button}`,
            run: "click",
        },
        {
            content: "The drill-down names its division and its filter as facets",
            trigger: ".o_searchview_facet:contains(Test Sales)",
        },
        {
            trigger: `.o_searchview_facet:contains(${facet})`,
        },
        {
            content: "As many rows as the card says",
            trigger: ".o_pager_limit",
            run() {
                const rows = parseInt(this.anchor.textContent, 10);
                if (rows !== expected) {
                    throw new Error(
                        `${button}: the card says ${expected}, its drill-down lists ${rows}`
                    );
                }
            },
        },
        {
            trigger: ".o_breadcrumb .breadcrumb-item a:contains(Division Scorecard)",
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("oms_telecom_division_scorecard", {
    url: "/odoo/telecom-division-scorecard",
    steps: () => [
        {
            content: "A division without orders has no SLA or lead time, not 0 %",
            trigger:
                ".o_kanban_record:contains(Test Empty Crew) button.o_scorecard_sla:contains(n/a)",
        },
        {
            trigger:
                ".o_kanban_record:contains(Test Empty Crew) button.o_scorecard_lead_time:contains(n/a)",
        },
        ...figureEqualsDrillDown("o_scorecard_open", "Open"),
        ...figureEqualsDrillDown("o_scorecard_late", "Late"),
        ...figureEqualsDrillDown("o_scorecard_closed", "Closed in the Last 4 Weeks"),
        ...figureEqualsDrillDown(
            "o_scorecard_lead_time",
            "Finished in the Last 90 Days",
            /\((\d+) orders\)/
        ),
        ...figureEqualsDrillDown("o_scorecard_escalations", "Last 90 Days"),
        {
            content: "Read the SLA: met of measured",
            trigger: `${CARD} button.o_scorecard_sla`,
            run() {
                expected = this.anchor.textContent
                    .match(/\((\d+) of (\d+)\)/)
                    .slice(1, 3)
                    .join("/");
            },
        },
        {
            trigger: `${CARD} button.o_scorecard_sla`,
            run: "click",
        },
        {
            content: "The SLA drill-down, grouped by outcome",
            trigger: ".o_searchview_facet:contains(SLA Met):contains(SLA Breached)",
        },
        {
            trigger: ".o_group_header:contains(Breached)",
            run() {
                const count = (label) => {
                    const header = [
                        ...document.querySelectorAll(".o_group_header"),
                    ].find((row) => row.textContent.includes(label));
                    return header ? number(header.textContent, /\((\d+)\)/) : 0;
                };
                const met = count("Met");
                const shown = `${met}/${met + count("Breached")}`;
                if (shown !== expected) {
                    throw new Error(
                        `SLA: the card says ${expected} (met/measured), its drill-down ${shown}`
                    );
                }
            },
        },
    ],
});
