# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

import pytz

from odoo import Command, fields
from odoo.tests import TransactionCase

from odoo.addons.mail.tests.common import mail_new_test_user

INTERNET_PARAMETERS = [
    {"name": "bandwidth", "string": "Bandwidth (Mbit/s)", "type": "integer", "default": 100},
    {
        "name": "technology",
        "string": "Technology",
        "type": "selection",
        "selection": [["fiber", "Fiber"], ["dsl", "DSL"]],
    },
]
PHONE_PARAMETERS = [
    {"name": "lines", "string": "Lines", "type": "integer", "default": 1},
    {"name": "number", "string": "Phone Number", "type": "char"},
]


def oms_new_test_user(env, **kwargs):
    """A test user in the time zone of the environment's user: "today" is the
    same date whoever acts in a test, at any hour of the day."""
    kwargs.setdefault("tz", env.user.tz)
    return mail_new_test_user(env, **kwargs)


def create_utc_calendar(env, name, days=5):
    """A working calendar in UTC: 8-12 and 13-17 on the first `days` days of the week."""
    return env["resource.calendar"].create(
        {
            "name": name,
            "tz": "UTC",
            "hours_per_day": 8.0,
            "attendance_ids": [
                Command.create(
                    {
                        "name": f"{day} {period}",
                        "dayofweek": str(day),
                        "hour_from": hour_from,
                        "hour_to": hour_to,
                        "day_period": period,
                    }
                )
                for day in range(days)
                for hour_from, hour_to, period in ((8, 12, "morning"), (13, 17, "afternoon"))
            ],
        }
    )


class OmsTelecomCase(TransactionCase):
    """A small world of its own, independent of demo data: a catalogue, two
    subscribers (an individual and a company), premises, divisions and one user
    of each group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.country = cls.env.ref("base.be")
        cls.today = fields.Date.context_today(cls.env.user)
        cls._setup_users()
        cls._setup_divisions()
        cls._setup_catalogue()
        cls._setup_subscribers()

    @classmethod
    def _setup_users(cls):
        cls.user_operator = oms_new_test_user(
            cls.env, login="oms_test_operator", name="Otto Operator", groups="oms_telecom.group_oms_operator"
        )
        cls.user_technician = oms_new_test_user(
            cls.env, login="oms_test_technician", name="Tessa Technician", groups="oms_telecom.group_oms_technician"
        )
        cls.user_division_manager = oms_new_test_user(
            cls.env,
            login="oms_test_division_manager",
            name="Dario Division Manager",
            groups="oms_telecom.group_oms_division_manager",
        )
        cls.user_oms_manager = oms_new_test_user(
            cls.env, login="oms_test_oms_manager", name="Mona OMS Manager", groups="oms_telecom.group_oms_manager"
        )
        cls.user_portal = oms_new_test_user(
            cls.env, login="oms_test_portal", name="Paula Portal", groups="base.group_portal"
        )

    @staticmethod
    def _today_at(premises):
        """Today where `premises` are: the day field work done there now is dated."""
        return pytz.utc.localize(fields.Datetime.now()).astimezone(pytz.timezone(premises._telecom_tz())).date()

    @classmethod
    def _setup_divisions(cls):
        Division = cls.env["telecom.division"]
        cls.division_sales = Division.create(
            {
                "name": "Test Sales",
                "kind": "sales",
                "manager_id": cls.user_division_manager.id,
                "member_ids": [Command.set((cls.user_operator | cls.user_division_manager).ids)],
            }
        )
        cls.division_technical = Division.create(
            {
                "name": "Test Field Technicians",
                "kind": "technical",
                "parent_id": cls.division_sales.id,
                "member_ids": [Command.set(cls.user_technician.ids)],
            }
        )

    @classmethod
    def _setup_catalogue(cls):
        Template = cls.env["product.template"]
        common = {"type": "service", "is_telecom_service": True}
        cls.tmpl_fiber_100, cls.tmpl_fiber_500, cls.tmpl_phone = Template.create(
            [
                {
                    **common,
                    "name": "Test Fiber 100",
                    "telecom_family": "internet",
                    "telecom_installation_fee": 50.0,
                    "telecom_monthly_price": 30.0,
                    "telecom_parameters_definition": INTERNET_PARAMETERS,
                },
                {
                    **common,
                    "name": "Test Fiber 500",
                    "telecom_family": "internet",
                    "telecom_installation_fee": 80.0,
                    "telecom_monthly_price": 45.0,
                    "telecom_parameters_definition": INTERNET_PARAMETERS,
                },
                {
                    **common,
                    "name": "Test Home Phone",
                    "telecom_family": "telephony",
                    "telecom_installation_fee": 20.0,
                    "telecom_monthly_price": 10.0,
                    "telecom_needs_installation": False,
                    "telecom_parameters_definition": PHONE_PARAMETERS,
                },
            ]
        )
        cls.fiber_100 = cls.tmpl_fiber_100.product_variant_id
        cls.fiber_500 = cls.tmpl_fiber_500.product_variant_id
        cls.phone = cls.tmpl_phone.product_variant_id
        cls.not_a_service = cls.env["product.product"].create({"name": "Test Consulting Hour", "type": "service"})

    @classmethod
    def _setup_subscribers(cls):
        Partner = cls.env["res.partner"]
        cls.individual = Partner.create(
            {
                "name": "Ivana Individual",
                "email": "ivana.individual@example.com",
                "phone": "+32 470 11 22 33",
                "is_telecom_subscriber": True,
            }
        )
        cls.company_subscriber = Partner.create(
            {
                "name": "Acme Offices Ltd",
                "is_company": True,
                "email": "office@acme-offices.example.com",
                "phone": "+32 2 555 77 88",
                "is_telecom_subscriber": True,
            }
        )
        cls.company_contact = Partner.create(
            {"name": "Carl Contact", "parent_id": cls.company_subscriber.id, "email": "carl@acme-offices.example.com"}
        )
        cls.other_individual = Partner.create(
            {"name": "Otis Other", "email": "otis.other@example.com", "is_telecom_subscriber": True}
        )
        # The portal user is a contact of the company subscriber.
        cls.user_portal.partner_id.parent_id = cls.company_subscriber

        Premises = cls.env["telecom.premises"]
        address = {"country_id": cls.country.id, "city": "Testville", "zip": "1000"}
        cls.premises_home, cls.premises_office, cls.premises_cottage = Premises.create(
            [
                {**address, "street": "Rue des Tests", "house_number": "12", "flat": "3"},
                {**address, "street": "Avenue du Commerce", "house_number": "101", "building": "B"},
                {**address, "street": "Chemin du Moulin", "house_number": "7"},
            ]
        )

    @contextmanager
    def assertRaisesRegex(self, exception, expected_regex):
        """assertRaises (which rolls the database back to a savepoint, unlike
        unittest's assertRaisesRegex), then a check of the message."""
        with self.assertRaises(exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), expected_regex)

    # Helpers

    @classmethod
    def _order_values(cls, partner, premises, order_type="connection", lines=(), **values):
        return {
            "partner_id": partner.id if partner else False,
            "premises_id": premises.id if premises else False,
            "order_type": order_type,
            "division_id": cls.division_sales.id,
            "line_ids": [Command.create(line) for line in lines],
            **values,
        }

    def _create_order(self, partner=None, premises=None, order_type="connection", lines=None, user=None, **values):
        """An order created by the operator (or `user`); by default a connection of
        Fiber 100 for the individual at home."""
        partner = self.individual if partner is None else partner
        premises = self.premises_home if premises is None else premises
        if lines is None:
            lines = [{"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300, "technology": "fiber"}}]
        Order = self.env["telecom.order"].with_user(user or self.user_operator)
        return Order.create(self._order_values(partner, premises, order_type, lines, **values))

    def _create_fiber_500_change(self, service, **values):
        """A change order moving `service` to Fiber 500 at 500 Mbit/s over fiber."""
        return self._create_order(
            order_type="change",
            lines=[
                {
                    "service_id": service.id,
                    "product_id": self.fiber_500.id,
                    "parameters": {"bandwidth": 500, "technology": "fiber"},
                }
            ],
            **values,
        )

    def _create_disconnection(self, service, **values):
        """An order disconnecting `service`."""
        return self._create_order(order_type="disconnection", lines=[{"service_id": service.id}], **values)

    def _create_problem(self, description, service=None, **values):
        """A technical problem reported with `description` (HTML), on `service` if given."""
        if service:
            values["affected_service_id"] = service.id
        return self._create_order(order_type="problem", lines=[], description=description, **values)

    def _submit_internet_and_phone(self):
        """A submitted connection of Fiber 100 and a home phone, with an installation
        work order for the internet line and a configuration for the phone line:
        (order, installation, configuration)."""
        order = self._create_order(
            lines=[
                {"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300}},
                {"product_id": self.phone.id, "parameters": {"lines": 1}},
            ]
        )
        order.action_submit()
        internet, phone = order.line_ids
        installation = self._create_work_order(order, internet)
        configuration = self._create_work_order(order, phone, "configuration")
        return order, installation, configuration

    def _create_service(self, partner=None, premises=None, product=None, parameters=None, state="active"):
        """A service of the installed base, as if an earlier order had connected it."""
        partner = self.individual if partner is None else partner
        return self.env["telecom.subscriber.service"].create(
            {
                "partner_id": partner.id,
                "premises_id": (premises or self.premises_home).id,
                "product_id": (product or self.fiber_100).id,
                "parameters": parameters if parameters is not None else {"bandwidth": 100, "technology": "dsl"},
                "state": state,
                "date_activated": state != "pending" and "2024-01-15",
                "date_billing_start": state != "pending" and "2024-01-15",
            }
        )

    def _create_work_order(self, order, line=None, kind="installation", **values):
        return (
            self.env["telecom.work.order"]
            .with_user(self.user_operator)
            .create(
                {
                    "order_id": order.id,
                    "line_id": line.id if line else False,
                    "kind": kind,
                    "division_id": self.division_technical.id,
                    "technician_id": self.user_technician.id,
                    **values,
                }
            )
        )

    def _as_technician(self, records):
        return records.with_user(self.user_technician)

    @classmethod
    def _setup_foreign_division(cls):
        """A sales division with its own technical team and operator, outside every
        division of the test users, and one of its orders with a work order:
        what the test users must neither see nor reach by writing."""
        Division = cls.env["telecom.division"]
        cls.user_foreign_operator = oms_new_test_user(
            cls.env, login="oms_test_foreign_operator", name="Fay Foreign", groups="oms_telecom.group_oms_operator"
        )
        cls.division_foreign = Division.create(
            {"name": "Test Foreign Sales", "kind": "sales", "member_ids": [Command.set(cls.user_foreign_operator.ids)]}
        )
        cls.division_foreign_technical = Division.create(
            {"name": "Test Foreign Technicians", "kind": "technical", "parent_id": cls.division_foreign.id}
        )
        cls.foreign_order = cls.env["telecom.order"].create(
            cls._order_values(
                cls.other_individual,
                cls.premises_cottage,
                lines=[{"product_id": cls.fiber_100.id}],
                division_id=cls.division_foreign.id,
                no_scenario=True,
            )
        )
        cls.foreign_order.action_submit()
        cls.foreign_work_order = cls.env["telecom.work.order"].create(
            {"order_id": cls.foreign_order.id, "division_id": cls.division_foreign_technical.id}
        )
