# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class TelecomAccountPortal(CustomerPortal):
    """My account: the subscriber chooses the language of everything they receive
    (the portal's pages, e-mails and documents), among the languages installed."""

    # Not "lang": the form's values are given back to the page when it has an
    # error, where "lang" is the language the page is shown in.
    LANG_FIELD = "lang_code"

    def _get_optional_fields(self):
        return [*super()._get_optional_fields(), self.LANG_FIELD]

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(data, partner_creation=partner_creation)
        if self.LANG_FIELD in data and data[self.LANG_FIELD] not in self._telecom_account_languages():
            error[self.LANG_FIELD] = "error"
            error_message.append(request.env._("Choose one of the languages offered."))
        return error, error_message

    def on_account_update(self, values, partner):
        if self.LANG_FIELD in values:
            values["lang"] = values.pop(self.LANG_FIELD)
        return super().on_account_update(values, partner)

    def _telecom_account_languages(self):
        """{code: name} of the languages a subscriber may choose."""
        return dict(request.env["res.lang"].get_installed())

    @http.route()
    def account(self, redirect=None, **post):
        response = super().account(redirect=redirect, **post)
        lang = request.env.user.lang
        if request.httprequest.method == "POST" and response.status_code in (302, 303) and lang:
            # Saved: the next pages are in the language chosen, as the footer's
            # selector would show them (the browser keeps the last one it showed;
            # set after the one of this page, which is in the former language).
            request.future_response.set_cookie("frontend_lang", lang)
        return response

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["telecom_account_languages"] = self._telecom_account_languages()
        return values
