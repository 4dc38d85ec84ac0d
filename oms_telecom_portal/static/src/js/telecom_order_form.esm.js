/** @odoo-module **/

import publicWidget from "@web/legacy/js/public/public_widget";

/**
 * Order forms of the portal and of the public page: the price summary follows
 * the chosen services, the new-address fields show when a new address is
 * chosen, the company name when the customer is a company. The server checks
 * and computes everything again: this only helps while filling the form in.
 */
publicWidget.registry.TelecomOrderForm = publicWidget.Widget.extend({
    selector: ".o_telecom_order_form",
    events: {
        'change input[name="product_ids"]': "_updateSummary",
        'change select[name="premises_choice"]': "_updateAddress",
        'change input[name="subscriber_kind"]': "_updateKind",
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
        const value = amount.toFixed(parseInt(digits ?? "2", 10));
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
    },

    _updateAddress() {
        const choice = this.el.querySelector('select[name="premises_choice"]');
        const address = this.el.querySelector(".o_telecom_new_address");
        if (choice && address) {
            address.classList.toggle("d-none", choice.value !== "new");
        }
    },

    _updateKind() {
        const kind = this.el.querySelector('input[name="subscriber_kind"]:checked');
        const companyName = this.el.querySelector(".o_telecom_company_name");
        if (kind && companyName) {
            companyName.classList.toggle("d-none", kind.value !== "company");
        }
    },
});

export default publicWidget.registry.TelecomOrderForm;
