# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import TelecomPortalCase


@tagged("post_install", "-at_install")
class TestPortalFrenchTour(TelecomPortalCase):
    """The portal in French, with the terms of the addons' fr.po files."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(
            ["oms_telecom", "oms_telecom_portal", "oms_telecom_api", "oms_telecom_billing"],
            ["fr_FR"],
            overwrite=True,
        )
        cls.user_subscriber.lang = "fr_FR"

    def test_tour_portal_in_french(self):
        self.assertEqual(self.order.state, "acknowledged")
        self.assertEqual(self.order.line_ids.action, "add")
        self.start_tour("/my", "oms_telecom_portal_french", login=self.user_subscriber.login)
