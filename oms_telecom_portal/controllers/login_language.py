# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.web import Home


class TelecomLoginLanguage(Home):
    """Signed in, the subscriber reads the portal in their own language: the
    browser's language of the pages seen before (the login page's) gives way
    to the account's, which their e-mails and documents follow too."""

    @http.route()
    def web_login(self, redirect=None, **kw):
        response = super().web_login(redirect=redirect, **kw)
        uid = request.session.uid
        if request.httprequest.method == "POST" and uid and getattr(response, "status_code", None) in (302, 303):
            # The session's own user, just signed in (the route runs without a user).
            user_sudo = request.env["res.users"].sudo().browse(uid)
            if user_sudo.lang:
                response.set_cookie("frontend_lang", user_sudo.lang)
        return response
