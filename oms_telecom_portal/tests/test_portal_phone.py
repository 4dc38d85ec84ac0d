# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.common import oms_new_test_user

from .common import TelecomPortalCase


class TelecomPortalScreenCase(TelecomPortalCase):
    """The order list and an order page of an individual and of a company's
    contact, whose long names and address must fit the screen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env["res.partner"].create(
            {
                "name": "Northbridge Harbour Hospitality and Conference Centre Ltd",
                "is_company": True,
                "is_telecom_subscriber": True,
                "email": "facilities@northbridge-harbour-hospitality.example.com",
            }
        )
        cls.user_company = oms_new_test_user(
            cls.env,
            login="oms_portal_carla",
            password="oms_portal_carla",
            name="Carla Company-Contact",
            email="carla.contact@northbridge-harbour-hospitality.example.com",
            groups="base.group_portal",
        )
        cls.user_company.partner_id.parent_id = cls.company
        cls.company.signatory_id = cls.user_company.partner_id
        cls.premises_company = cls.env["telecom.premises"].create(
            {
                "country_id": cls.country.id,
                "city": "Testville",
                "zip": "1000",
                "street": "Boulevard de l'Infrastructure Numérique et des Télécommunications",
                "house_number": "1234",
                "building": "Conference Centre East Wing",
                "flat": "Technical room 3",
            }
        )
        cls.business_voice = (
            cls.env["product.template"]
            .create(
                {
                    "name": "Business Voice Unlimited International",
                    "type": "service",
                    "is_telecom_service": True,
                    "sale_ok": True,
                    "telecom_family": "telephony",
                    "telecom_monthly_price": 45.0,
                    "telecom_parameters_definition": [
                        {"name": "access", "string": "Access Technology", "type": "char", "default": "GPON"},
                        {"name": "international", "string": "International Calls", "type": "boolean", "default": True},
                    ],
                }
            )
            .product_variant_id
        )
        cls.order_company = cls._create_order(
            cls.user_company.partner_id, cls.premises_company, [cls.fiber, cls.business_voice]
        )
        cls.order_fiber = cls._create_order(cls.subscriber, cls.premises_home, [cls.fiber, cls.phone])

    def _check_screens(self):
        for user, order in ((self.user_subscriber, self.order_fiber), (self.user_company, self.order_company)):
            with self.subTest(user=user.login):
                self.assertTrue(order.line_ids.filtered("parameters"), "a line shows its parameters")
                self.start_tour("/my/telecom/orders", "oms_telecom_portal_orders_screen", login=user.login)


@tagged("post_install", "-at_install")
class TestPortalPhone(TelecomPortalScreenCase):
    browser_size = "390x844"

    def test_orders_on_a_phone(self):
        self._check_screens()

    def test_company_order_page_on_a_phone(self):
        """The company's contact sees the company's order, not another subscriber's."""
        self.assertEqual(self.order_company.commercial_partner_id, self.company)
        self._login(self.user_company)
        page = self.url_open("/my/telecom/orders").text
        self.assertIn(self.order_company.name, page)
        self.assertNotIn(self.order_fiber.name, page)
        self.start_tour(
            f"/my/telecom/orders/{self.order_company.id}", "oms_telecom_portal_tracker", login=self.user_company.login
        )


@tagged("post_install", "-at_install")
class TestPortalDesktop(TelecomPortalScreenCase):
    browser_size = "1440x900"

    def test_orders_on_a_desktop(self):
        self._check_screens()
