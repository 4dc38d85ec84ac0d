/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {registry} from "@web/core/registry";

// A subscriber whose language is French goes from the portal home to their
// telecom orders and opens one: the project's labels, the order's type, state
// and service lines, and the labels computed on the server are in French.
// Data come from the Python test.
registry.category("web_tour.tours").add("oms_telecom_portal_french", {
    url: "/my",
    steps: () => [
        {
            content: "The portal home offers the telecom orders in French",
            trigger: "a[href='/my/telecom/orders']:contains(Mes commandes télécom)",
        },
        {
            trigger: "a[href='/my/telecom/services']:contains(Mes services)",
        },
        {
            trigger: "a[href='/my/telecom/orders']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The list of orders speaks French",
            trigger: ".breadcrumb-item.active:contains(Commandes télécom)",
        },
        {
            trigger: "th:contains(Commande n°)",
        },
        {
            trigger: "a.o_telecom_new_order:contains(Commander un service)",
        },
        {
            content:
                "Type of the order is translated; its state in the customer's words",
            trigger:
                "tr.o_telecom_order_row:contains(Raccordement) .o_telecom_order_state[data-state=acknowledged]:contains(Reçue)",
        },
        {
            trigger: "tr.o_telecom_order_row:contains(Raccordement) a",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The order's page speaks French",
            trigger: ".o_telecom_order_page dt:contains(Adresse)",
        },
        {
            trigger: ".o_telecom_order_page dt:contains(Soumise le)",
        },
        {
            trigger: ".o_telecom_order_page span:contains(Frais d’installation)",
        },
        {
            trigger: ".o_telecom_order_page span:contains(Total mensuel)",
        },
        {
            content: "Its service lines, with their translated action",
            trigger: ".o_telecom_order_page th:contains(Paramètres)",
        },
        {
            trigger:
                ".o_telecom_order_line:contains(Portal Home Phone):contains(Ajout)",
        },
        {
            content: "Labels computed on the server (documents) are French too",
            trigger:
                ".o_telecom_documents a.o_telecom_report:contains(Récapitulatif de commande)",
        },
        {
            trigger: ".o_telecom_order_page h3:contains(Historique des échanges)",
        },
        {
            content: "No English label is left in the summary",
            trigger:
                ".o_telecom_order_page:not(:contains(Installation fees)):not(:contains(Monthly total))",
        },
    ],
});
