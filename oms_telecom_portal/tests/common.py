# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command, http
from odoo.tests import HttpCase

from odoo.addons.oms_telecom.tests.common import oms_new_test_user

INTERNET_PARAMETERS = [
    {"name": "bandwidth", "string": "Bandwidth (Mbit/s)", "type": "integer", "default": 100},
    {
        "name": "technology",
        "string": "Technology",
        "type": "selection",
        "selection": [["fiber", "Fiber"], ["dsl", "DSL"]],
        "default": "fiber",
    },
    {"name": "static_ip", "string": "Static IP", "type": "boolean"},
]


class TelecomPortalCase(HttpCase):
    """A world of its own, independent of demo data: two portal subscribers with
    premises, services and orders, a small catalogue and a division covering one
    city."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.country = cls.env.ref("base.be")
        cls.currency = cls.env.company.currency_id
        cls._setup_users()
        cls._setup_divisions()
        cls._setup_catalogue()
        cls._setup_installed_base()
        # Only this test's web orders count for the rate limit.
        cls.env["ir.config_parameter"].set_param("oms_telecom_portal.form_rate_limit", "5/10m")
        # Orders of other data (demo...) are left out of what the tests look at.
        cls.last_order_id = cls.env["telecom.order"].search([], order="id desc", limit=1).id

    @classmethod
    def _setup_users(cls):
        cls.user_subscriber = oms_new_test_user(
            cls.env,
            login="oms_portal_sara",
            password="oms_portal_sara",
            name="Sara Subscriber",
            email="sara.subscriber@example.com",
            groups="base.group_portal",
        )
        cls.user_other = oms_new_test_user(
            cls.env,
            login="oms_portal_otto",
            password="oms_portal_otto",
            name="Otto Other",
            email="otto.other@example.com",
            groups="base.group_portal",
        )
        cls.subscriber = cls.user_subscriber.partner_id
        cls.other = cls.user_other.partner_id
        (cls.subscriber | cls.other).write({"is_telecom_subscriber": True})

    @classmethod
    def _setup_divisions(cls):
        Division = cls.env["telecom.division"]
        cls.division_sales = Division.create({"name": "Portal Test Sales", "kind": "sales"})
        cls.division_support = Division.create({"name": "Portal Test Support", "kind": "support"})
        cls.env["telecom.coverage.area"].create(
            [
                {"division_id": division.id, "level": "city", "city": "Testville", "country_id": cls.country.id}
                for division in cls.division_sales | cls.division_support
            ]
        )

    @classmethod
    def _setup_catalogue(cls):
        Template = cls.env["product.template"]
        common = {"type": "service", "is_telecom_service": True, "sale_ok": True}
        cls.tmpl_fiber, cls.tmpl_phone = Template.create(
            [
                {
                    **common,
                    "name": "Portal Fiber 300",
                    "telecom_family": "internet",
                    "telecom_installation_fee": 50.0,
                    "telecom_monthly_price": 30.0,
                    "telecom_parameters_definition": INTERNET_PARAMETERS,
                },
                {
                    **common,
                    "name": "Portal Home Phone",
                    "telecom_family": "telephony",
                    "telecom_installation_fee": 20.0,
                    "telecom_monthly_price": 10.0,
                    "telecom_needs_installation": False,
                },
            ]
        )
        cls.fiber = cls.tmpl_fiber.product_variant_id
        cls.phone = cls.tmpl_phone.product_variant_id
        cls.not_telecom = cls.env["product.product"].create({"name": "Portal Consulting Hour", "type": "service"})

    @classmethod
    def _create_business_phone(cls):
        """A telephony service offered to companies only."""
        return cls.env["product.template"].create(
            {
                "name": "Portal Business Phone",
                "type": "service",
                "is_telecom_service": True,
                "sale_ok": True,
                "telecom_family": "telephony",
                "telecom_audience": "company",
            }
        )

    @classmethod
    def _setup_installed_base(cls):
        Premises = cls.env["telecom.premises"]
        address = {"country_id": cls.country.id, "city": "Testville", "zip": "1000"}
        cls.premises_home, cls.premises_other = Premises.create(
            [
                {**address, "street": "Rue du Portail", "house_number": "5", "flat": "2"},
                {**address, "street": "Rue des Voisins", "house_number": "9"},
            ]
        )
        Service = cls.env["telecom.subscriber.service"]
        cls.service = Service.create(
            {
                "partner_id": cls.subscriber.id,
                "premises_id": cls.premises_home.id,
                "product_id": cls.fiber.id,
                "parameters": {"bandwidth": 100, "technology": "dsl", "static_ip": False},
                "state": "active",
                "date_activated": "2024-03-01",
            }
        )
        cls.service_other = Service.create(
            {
                "partner_id": cls.other.id,
                "premises_id": cls.premises_other.id,
                "product_id": cls.fiber.id,
                "parameters": {"bandwidth": 300, "technology": "fiber"},
                "state": "active",
                "date_activated": "2024-03-01",
            }
        )
        cls.order = cls._create_order(cls.subscriber, cls.premises_home, [cls.phone])
        cls.order_other = cls._create_order(cls.other, cls.premises_other, [cls.phone])

    @classmethod
    def _setup_network(cls):
        """A field team whose network reaches Testville: its addresses are covered."""
        cls.division_field = cls.env["telecom.division"].create({"name": "Portal Test Field Team", "kind": "technical"})
        cls.env["telecom.coverage.area"].create(
            {"division_id": cls.division_field.id, "level": "city", "city": "Testville", "country_id": cls.country.id}
        )

    @classmethod
    def _create_order(cls, partner, premises, products, order_type="connection", **values):
        order = cls.env["telecom.order"].create(
            {
                "partner_id": partner.id,
                "premises_id": premises.id,
                "order_type": order_type,
                "channel": "operator",
                "line_ids": [Command.create({"product_id": product.id}) for product in products],
                **values,
            }
        )
        order.action_submit()
        return order

    # Helpers

    def _plan_received(self):
        """What the scheduled action does right after the request: route and plan the orders received."""
        self.env.invalidate_all()
        self.env["telecom.order.intake"]._cron_plan_received()

    def _new_orders(self, domain=()):
        """Orders created by the test itself."""
        return self.env["telecom.order"].search([("id", ">", self.last_order_id), *domain])

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _post(self, url, data, csrf=True):
        data = dict(data)
        if csrf:
            data["csrf_token"] = self._csrf()
            response = self.url_open(url, data=data, allow_redirects=False)
        else:
            with self.assertLogs("odoo.http", "WARNING") as logs:
                response = self.url_open(url, data=data, allow_redirects=False)
            self.assertIn("No CSRF validation token provided", logs.output[0])
        # The request ran in its own environment: forget what this one cached.
        self.env.invalidate_all()
        return response

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _anonymous(self):
        self.authenticate(None, None)

    def assertRedirectsTo(self, response, path):
        self.assertIn(response.status_code, (302, 303), "A redirection was expected.")
        self.assertEqual(self.parse_http_location(response.headers["Location"]).path, path)


class PublicFormCase(TelecomPortalCase):
    """The public order form, sent by a visitor without an account."""

    form_url = "/telecom/order"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_network()

    def setUp(self):
        super().setUp()
        self._anonymous()

    def _web_orders(self):
        return self._new_orders([("channel", "=", "web")])

    def _form_token(self):
        page = self.url_open(self.form_url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="form_token" value="([^"]+)"', page.text)[1]

    def _form_data(self, **values):
        data = {
            "form_token": self._form_token(),
            "subscriber_kind": "individual",
            "name": "Penny Prospect",
            "email": "penny.prospect@example.com",
            "phone": "+32 470 00 11 22",
            "street": "Rue du Portail",
            "house_number": "7",
            "city": "Testville",
            "zip": "1000",
            "country_id": str(self.country.id),
            "product_ids": [self.fiber.id, self.phone.id],
            "comment": "Second floor, ring twice",
        }
        data.update(values)
        return data
