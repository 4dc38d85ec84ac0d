# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.oms_telecom.tests.test_translations import load_french

from .test_portal_scenario import TelecomPortalScenarioCase


@tagged("post_install", "-at_install")
class TestPortalLanguage(TelecomPortalScenarioCase):
    """The subscriber chooses their language on My Account; the pages follow it,
    and the order's tracker and appointments name each step with one word."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.subscriber.write(
            {
                "phone": "+32 2 555 01 01",
                "street": "Rue des Tests 12",
                "city": "Testville",
                "country_id": cls.country.id,
            }
        )

    def _account_form(self, **values):
        partner = self.subscriber
        return {
            "name": partner.name,
            "email": partner.email,
            "phone": partner.phone,
            "street": partner.street,
            "city": partner.city,
            "country_id": str(partner.country_id.id),
            **values,
        }

    def test_my_account_offers_the_installed_languages(self):
        self._login(self.user_subscriber)
        page = self.url_open("/my/account").text
        self.assertIn('name="lang_code"', page)
        self.assertIn('value="fr_FR"', page)
        self.assertIn('value="en_US" selected', page)

    def test_the_subscriber_switches_to_french(self):
        self._login(self.user_subscriber)
        response = self._post("/my/account", self._account_form(lang_code="fr_FR"))
        self.assertIn(response.status_code, (302, 303))
        self.env.invalidate_all()
        self.assertEqual(self.user_subscriber.lang, "fr_FR")
        self.assertEqual(response.cookies.get("frontend_lang"), "fr_FR")
        # The next pages are French.
        page = self.url_open("/my/account").text
        self.assertIn("Langue", page)
        self.assertIn('value="fr_FR" selected', page)

    def test_an_unknown_language_is_refused_and_nothing_changes(self):
        self._login(self.user_subscriber)
        form = self._account_form(lang_code="xx_XX", street="Somewhere Else 1")
        response = self._post("/my/account", form)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose one of the languages offered.", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.user_subscriber.lang, "en_US")
        self.assertEqual(self.subscriber.street, "Rue des Tests 12")
        # An inactive language is no choice either.
        self.env["res.lang"]._activate_lang("de_DE").active = False
        response = self._post("/my/account", self._account_form(lang_code="de_DE"))
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        self.assertEqual(self.user_subscriber.lang, "en_US")

    def test_the_tracker_and_the_appointments_name_a_step_alike(self):
        problem = self._create_order(
            self.subscriber, self.premises_home, [], order_type="problem", affected_service_id=self.service.id
        )
        problem.action_next_step()
        self.assertEqual(problem.current_order_step_id.name, "Diagnosis")
        self.assertTrue(problem.current_order_step_id.work_order_ids)
        self.subscriber.lang = "fr_FR"
        tracker = [step["name"] for step in problem.with_context(lang="fr_FR")._portal_tracker_steps()]
        self.assertEqual(tracker[:3], ["Enregistrement", "Diagnostic", "Réparation"])

        self._login(self.user_subscriber)
        page = self.url_open(f"/fr/my/telecom/orders/{problem.id}").text
        appointments = page.partition("o_telecom_appointments")[2]
        self.assertIn("<strong>Diagnostic</strong>", appointments)
        self.assertNotIn("Diagnosis", page)
        self.assertNotIn("Registration", page)

    def test_signing_in_shows_the_pages_in_the_account_language(self):
        self.user_subscriber.lang = "fr_FR"
        self.authenticate(None, None)
        self.url_open("/web/login")
        response = self.url_open(
            "/web/login",
            data={
                "login": self.user_subscriber.login,
                "password": self.user_subscriber.login,
                "csrf_token": self._csrf(),
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(response.cookies.get("frontend_lang"), "fr_FR")
        # The browser that keeps the cookie reads the portal in French.
        self._login(self.user_subscriber)
        self.opener.cookies.set("frontend_lang", "fr_FR")
        self.assertIn("Mes services", self.url_open("/my").text)

    def test_tour_the_order_form_writes_its_amounts_in_french(self):
        self.user_subscriber.lang = "fr_FR"
        self.start_tour(
            "/fr/my/telecom/orders/new", "oms_telecom_portal_order_form_amounts", login=self.user_subscriber.login
        )
