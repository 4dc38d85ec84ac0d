/** @odoo-module **/
// Copyright 2026 OMS Telecom contributors
// License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import {debounce} from "@web/core/utils/timing";
import {formatFloat} from "@web/core/utils/numbers";
import publicWidget from "@web/legacy/js/public/public_widget";
import {rpc} from "@web/core/network/rpc";

// Address fields sent to the coverage check (with the form's prefix).
const ADDRESS_FIELDS = [
    "street",
    "house_number",
    "building",
    "flat",
    "zip",
    "city",
    "country_id",
];

/**
 * Order forms of the portal and of the public page: the price summary follows
 * the chosen services, the new-address fields show when a new address is
 * chosen, the company name and the services for companies when the customer
 * is a company; the coverage of the address is checked as it is typed. The
 * server checks and computes everything again: this only helps while filling
 * the form in.
 */
publicWidget.registry.TelecomOrderForm = publicWidget.Widget.extend({
    selector: ".o_telecom_order_form",
    events: {
        'change input[name="product_ids"]': "_updateSummary",
        'change select[name="premises_choice"]': "_updateAddress",
        'change input[name="subscriber_kind"]': "_updateKind",
        "input .o_telecom_address_fields input": "_onAddressTyped",
        "change .o_telecom_address_fields select": "_onAddressTyped",
        "click .o_telecom_notify_send": "_onNotifySend",
    },

    init() {
        this._super(...arguments);
        this._checkCoverageSoon = debounce(this._checkCoverage.bind(this), 400);
        this._coverageRequest = 0;
        // Names the checks made while this form is typed in: they are one question.
        this._checkKey = crypto.randomUUID();
    },

    start() {
        this._updateSummary();
        this._updateAddress();
        this._updateKind();
        return this._super(...arguments);
    },

    _formatAmount(amount) {
        const {symbol, position, digits} =
            this.el.querySelector(".o_telecom_price_summary")?.dataset || {};
        // In the page's language, as the server writes the prices beside it.
        const value = formatFloat(amount, {digits: [69, parseInt(digits ?? "2", 10)]});
        if (!symbol) {
            return value;
        }
        return position === "before"
            ? `${symbol}\u00a0${value}`
            : `${value}\u00a0${symbol}`;
    },

    _updateSummary() {
        let installation = 0;
        let monthly = 0;
        for (const input of this.el.querySelectorAll(
            'input[name="product_ids"]:checked'
        )) {
            installation += parseFloat(input.dataset.installation) || 0;
            monthly += parseFloat(input.dataset.monthly) || 0;
        }
        const installationEl = this.el.querySelector(".o_telecom_total_installation");
        const monthlyEl = this.el.querySelector(".o_telecom_total_monthly");
        if (installationEl) {
            installationEl.textContent = this._formatAmount(installation);
        }
        if (monthlyEl) {
            monthlyEl.textContent = this._formatAmount(monthly);
        }
        this._checkCoverageSoon?.();
    },

    _chosenProductIds() {
        return [...this.el.querySelectorAll('input[name="product_ids"]:checked')].map(
            (input) => parseInt(input.value, 10)
        );
    },

    _updateAddress() {
        const choice = this.el.querySelector('select[name="premises_choice"]');
        const address = this.el.querySelector(".o_telecom_new_address");
        if (choice && address) {
            address.classList.toggle("d-none", choice.value !== "new");
        }
        const option = choice?.selectedOptions[0];
        if (option && option.value !== "new") {
            // A registered address: its answer came with the page.
            this._showCoverage({
                covered: option.dataset.covered === "1",
                title: option.dataset.title,
                detail: option.dataset.detail,
            });
        } else {
            this._checkCoverage();
        }
    },

    _subscriberKind() {
        const checked = this.el.querySelector('input[name="subscriber_kind"]:checked');
        const box = this.el.querySelector(".o_telecom_coverage_check");
        return checked?.value || box?.dataset.subscriberKind || "";
    },

    _updateKind() {
        const kind = this.el.querySelector('input[name="subscriber_kind"]:checked');
        const companyName = this.el.querySelector(".o_telecom_company_name");
        if (kind && companyName) {
            companyName.classList.toggle("d-none", kind.value !== "company");
        }
        if (kind) {
            // Services for companies are not offered to private persons.
            for (const item of this.el.querySelectorAll(
                ".o_telecom_catalogue_item[data-audience]"
            )) {
                const audience = item.dataset.audience;
                const offered = audience === "all" || audience === kind.value;
                item.classList.toggle("d-none", !offered);
                if (!offered) {
                    item.querySelector("input").checked = false;
                }
            }
            this._updateSummary();
            this._checkCoverage();
        }
    },

    _onAddressTyped() {
        this._checkCoverageSoon();
    },

    async _checkCoverage() {
        const box = this.el.querySelector(".o_telecom_coverage_check");
        const choice = this.el.querySelector('select[name="premises_choice"]');
        if (!box || (choice && choice.value !== "new")) {
            return;
        }
        const prefix = box.dataset.prefix || "";
        const address = {};
        for (const name of ADDRESS_FIELDS) {
            address[name] =
                this.el.querySelector(`[name="${prefix}${name}"]`)?.value || "";
        }
        if (
            !address.street.trim() ||
            !address.house_number.trim() ||
            !address.city.trim()
        ) {
            this._showCoverage(null);
            return;
        }
        const request = ++this._coverageRequest;
        let answer = null;
        try {
            answer = await rpc("/telecom/order/coverage", {
                address,
                subscriber_kind: this._subscriberKind(),
                product_ids: this._chosenProductIds(),
                check_key: this._checkKey,
            });
        } catch {
            answer = null;
        }
        // Only the answer to the last address typed counts.
        if (request === this._coverageRequest) {
            this._showCoverage(answer);
        }
    },

    async _onNotifySend(ev) {
        ev.preventDefault();
        const box = this.el.querySelector(".o_telecom_notify");
        const value = (name) =>
            box.querySelector(`[name="notify_${name}"]`)?.value.trim() || "";
        let answer = null;
        try {
            answer = await rpc("/telecom/coverage/notify", {
                check_key: this._checkKey,
                name: value("name"),
                email: value("email"),
                phone: value("phone"),
            });
        } catch {
            answer = {error: box.dataset.failed};
        }
        const feedback = box.querySelector(".o_telecom_notify_feedback");
        const errors = answer.errors || {};
        const message = answer.error || Object.values(errors).join(" ");
        feedback.textContent = message || answer.message;
        feedback.classList.toggle("text-danger", Boolean(message));
        feedback.classList.toggle("text-success", !message);
        if (!message) {
            box.querySelector(".o_telecom_notify_fields").classList.add("d-none");
        }
    },

    _showCoverage(answer) {
        const box = this.el.querySelector(".o_telecom_coverage_check");
        if (!box) {
            return;
        }
        const known = answer && !answer.incomplete && !answer.error;
        box.querySelector(".o_telecom_coverage_hint").classList.toggle(
            "d-none",
            Boolean(answer && !answer.incomplete)
        );
        const error = box.querySelector(".o_telecom_coverage_error");
        error.classList.toggle("d-none", !answer?.error);
        error.textContent = answer?.error || "";
        for (const [selector, shown] of [
            [".o_telecom_coverage_yes", known && answer.covered],
            [".o_telecom_coverage_no", known && !answer.covered],
        ]) {
            const alert = box.querySelector(selector);
            alert.classList.toggle("d-none", !shown);
            if (shown) {
                alert.querySelector(".o_telecom_coverage_title").textContent =
                    answer.title;
                alert.querySelector(".o_telecom_coverage_detail").textContent =
                    answer.detail || "";
            }
        }
    },
});

export default publicWidget.registry.TelecomOrderForm;
