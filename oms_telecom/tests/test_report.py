# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import re
import subprocess
import time
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command
from odoo.tests import HttpCase, tagged
from odoo.tests.common import save_test_file

from .common import OmsTelecomCase

_logger = logging.getLogger(__name__)

CONTRACT = "oms_telecom.action_report_telecom_service_contract"
SUMMARY = "oms_telecom.action_report_telecom_order_summary"
WORK_ORDER = "oms_telecom.action_report_telecom_work_order"


def pdf_text(content):
    """The text of a PDF as pdftotext (poppler-utils) reads it, spaces folded."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    return re.sub(r"[ \t]+", " ", text)


def pdf_pages(content):
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True, timeout=60).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))


@tagged("post_install", "-at_install")
class TestReportPdf(OmsTelecomCase, HttpCase):
    """The PDF documents as wkhtmltopdf prints them (it fetches the report assets
    from the test server), read back with pdftotext."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"]._load_module_terms(["oms_telecom"], ["fr_FR"], overwrite=True)
        cls.company.write(
            {
                "name": "Telco Test SA",
                "street": "Place du Réseau 1",
                "zip": "1000",
                "city": "Bruxelles",
                "country_id": cls.country.id,
                "company_registry": "0401.234.567",
            }
        )
        # The premises nobody covers are in the company's zone.
        cls.company.partner_id.tz = "Europe/Brussels"
        # The terms are translated term by term, as in the translation dialog.
        cls.company.telecom_contract_terms = "<p>General test terms: the network is ours.</p>"
        cls.company.update_field_translations(
            "telecom_contract_terms",
            {"fr_FR": {"General test terms: the network is ours.": "Conditions de test : le réseau est à nous."}},
        )
        cls.individual.write(
            {
                "lang": "fr_FR",
                "tz": "Europe/Brussels",
                "street": "Rue des Tests 12",
                "zip": "1000",
                "city": "Testville",
                "country_id": cls.country.id,
                "identity_document_type": "id_card",
                "identity_document_number": "591-7654321-12",
                "identity_document_issued": "2021-06-01",
                "birthdate": "1985-03-14",
            }
        )
        cls.company_subscriber.write(
            {
                "lang": "en_US",
                "street": "Avenue du Commerce 101",
                "zip": "1000",
                "city": "Testville",
                "country_id": cls.country.id,
                "company_registry": "0477.472.701",
                "vat": "BE0477472701",
                "signatory_id": cls.company_contact.id,
                "signatory_function": "Managing Director",
            }
        )
        cls.premises_home.access_notes = "Door code 4521, 3rd floor"
        cls.premises_office.access_notes = "Reception desk, ask for Carl"

    def setUp(self):
        super().setUp()
        # wkhtmltopdf loads the report styles from this server.
        self.env["ir.config_parameter"].set_param("report.url", self.base_url())

    # Helpers

    def _submitted_order(self, partner, premises, lines, **values):
        order = self._create_order(partner=partner, premises=premises, lines=lines, no_scenario=True, **values)
        order.action_submit()
        return order

    def _individual_order(self):
        return self._submitted_order(
            self.individual,
            self.premises_home,
            [
                {"product_id": self.fiber_100.id, "parameters": {"bandwidth": 300, "technology": "fiber"}},
                {"product_id": self.phone.id, "parameters": {"lines": 2, "number": "+32 2 123 45 67"}},
            ],
            requested_date="2030-01-15",
        )

    def _company_order(self):
        return self._submitted_order(
            self.company_contact,
            self.premises_office,
            [{"product_id": self.fiber_500.id, "parameters": {"bandwidth": 500, "technology": "fiber"}}],
        )

    def _pdf(self, report, records):
        content, report_format = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report, records.ids)
        )
        self.assertEqual(report_format, "pdf")
        self.assertTrue(content.startswith(b"%PDF"))
        save_test_file(self._testMethodName, content, "oms_telecom_", "pdf", document_type="Report PDF", logger=_logger)
        return content

    # Service contract

    def test_contract_of_an_individual_in_french(self):
        order = self._individual_order()
        content = self._pdf(CONTRACT, order)
        text = pdf_text(content)
        self.assertLessEqual(pdf_pages(content), 2)
        for expected in (
            f"Contrat de service {order.name}",
            "Contrat pour",
            "un particulier",
            # Parties
            "Le fournisseur",
            "Telco Test SA",
            "Place du Réseau 1",
            "Numéro d’entreprise : 0401.234.567",
            "L’abonné",
            "Ivana Individual",
            "Rue des Tests 12",
            "Date de naissance : 14/03/1985",
            "Carte d’identité 591-7654321-12 délivré le 01/06/2021",
            f"Numéro de compte : {self.individual.subscriber_account}",
            # Premises, services with their parameters and prices
            "Rue des Tests 12, flat 3, 1000 Testville",
            "Test Fiber 100",
            "Bandwidth (Mbit/s): 300",
            "Technology: Fiber",
            "Test Home Phone",
            "Lines: 2",
            "70,00",  # installation fees 50 + 20, French number format
            "40,00",  # monthly 30 + 10
            # Start date, terms in the subscriber's language, signatures
            "15/01/2030",
            "Conditions de test : le réseau est à nous.",
            "Pour le fournisseur",
            "Pour l’abonné",
            "Lu et approuvé",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Service Contract", text, "nothing left in English")
        self.assertNotIn("General test terms", text)

    def test_contract_of_a_legal_entity_in_english(self):
        order = self._company_order()
        content = self._pdf(CONTRACT, order)
        text = pdf_text(content)
        self.assertLessEqual(pdf_pages(content), 2)
        for expected in (
            f"Service Contract {order.name}",
            "a legal entity",
            "Acme Offices Ltd",
            "Avenue du Commerce 101",
            "Registration number: 0477.472.701",
            "VAT number: BE0477472701",
            "Represented by Carl Contact, Managing Director",
            "Contact: Carl Contact",
            "Avenue du Commerce 101, bld. B, 1000 Testville",
            "Test Fiber 500",
            "Bandwidth (Mbit/s): 500",
            "80.00",
            "45.00",
            "On installation",
            "General test terms: the network is ours.",
            "on behalf of Acme Offices Ltd",
        ):
            self.assertIn(expected, text)
        self.assertNotIn("Date of birth", text, "no identity data for a legal entity")

    def test_contract_gives_the_day_the_services_started(self):
        """Printed after the work, the contract's start is the day the technician
        activated the services, at the premises (Chicago: still the 16th)."""
        self.env.company.partner_id.tz = "America/Chicago"
        with freeze_time("2026-11-10 15:00:00"):
            order = self._company_order()
            work_order = self._create_work_order(order, order.line_ids)
            work_order.planned_start = "2026-11-16 20:00:00"
        with freeze_time("2026-11-17 03:00:00"):
            self._as_technician(work_order).action_start()
            self._as_technician(work_order).action_done("ONT installed")
        self.assertEqual(str(order.line_ids.service_id.date_activated), "2026-11-16")
        text = re.sub(r"\s+", " ", pdf_text(self._pdf(CONTRACT, order)))
        self.assertIn("Service Start", text)
        self.assertIn("The services started on 11/16/2026", text)
        self.assertNotIn("On installation", text)
        self.assertNotIn("11/17/2026", text)

    def test_contract_package_versions_as_pdf(self):
        order = self._individual_order().with_context(force_report_rendering=True)
        first = order._generate_document_package([CONTRACT])
        self.assertEqual(
            (first.name, first.mimetype), (f"Contrat de service - {order.name} - v1.pdf", "application/pdf")
        )
        self.individual.phone = "+32 470 99 88 77"
        documents = order._generate_document_package([CONTRACT, SUMMARY])
        contract = documents.filtered(lambda doc: doc.document_type == "contract")
        self.assertEqual((contract.name, contract.version), (f"Contrat de service - {order.name} - v2.pdf", 2))
        self.assertEqual(first.state, "superseded")
        self.assertEqual(first.superseded_by_id, contract)
        old_text, new_text = pdf_text(first.attachment_id.raw), pdf_text(contract.attachment_id.raw)
        self.assertIn(f"Contrat de service {order.name}", old_text)
        self.assertIn("+32 470 11 22 33", old_text, "the superseded version keeps what it said")
        self.assertIn("+32 470 99 88 77", new_text)
        self.assertIn(f"Récapitulatif de commande {order.name}", pdf_text(documents[1].attachment_id.raw))

    # Work order

    def test_work_order_for_the_technician(self):
        order = self._individual_order()
        installation = self._create_work_order(
            order,
            line=order.line_ids[0],
            planned_start=datetime(2030, 1, 15, 8, 0),
            duration=2.0,
            equipment="ONT Nokia G-010G, Wi-Fi router",
            tasks="Pull the fibre to the flat\nMount the ONT",
        )
        line_test = self._create_work_order(
            order,
            kind="line_test",
            planned_start=datetime(2030, 1, 15, 10, 0),
            duration=1.0,
            depends_on_ids=[Command.set(installation.ids)],
        )
        content = self._pdf(WORK_ORDER, line_test | installation)
        self.assertEqual(pdf_pages(content), 2, "one page per work order")
        text = pdf_text(content)
        first_page, second_page = text.split("\f")[:2]
        self.assertIn(f"Bon d’intervention {line_test.name}", first_page)
        self.assertIn(f"Bon d’intervention {installation.name}", second_page)
        for expected in (
            order.name,
            "Ivana Individual",
            "+32 470 11 22 33",
            "ivana.individual@example.com",
            "Rue des Tests 12, flat 3, 1000 Testville",
            "Accès : Door code 4521, 3rd floor",
            "Test de ligne",
            "Test Field Technicians",
            "Tessa Technician",
            "15/01/2030 11:00 – 12:00 (Europe/Brussels, CET)",  # the address's time, named
            "Dépend de",
            installation.name,
            "Résultat",
            "Travaux acceptés",
        ):
            self.assertIn(expected, first_page)
        for expected in (
            "Installation",
            "Test Fiber 100",
            "Bandwidth (Mbit/s): 300",
            "ONT Nokia G-010G, Wi-Fi router",
            "Pull the fibre to the flat",
            "Mount the ONT",
            "15/01/2030 09:00 – 11:00 (Europe/Brussels, CET)",
        ):
            self.assertIn(expected, second_page)

    def test_work_order_of_a_legal_entity_in_english(self):
        order = self._company_order()
        work_order = self._create_work_order(order, planned_start=datetime(2030, 2, 1, 13, 0))
        text = pdf_text(self._pdf(WORK_ORDER, work_order))
        for expected in (
            f"Work Order {work_order.name}",
            order.name,
            "Acme Offices Ltd",
            "Contact: Carl Contact",
            "Access: Reception desk, ask for Carl",
            "Planned Slot",
            "02/01/2030",
        ):
            self.assertIn(expected, text)

    # Order summary

    def test_order_summary_of_both_kinds(self):
        order = self._individual_order()
        self._create_work_order(order, planned_start=datetime(2030, 1, 15, 8, 0))
        text = pdf_text(self._pdf(SUMMARY, order))
        for expected in (
            f"Récapitulatif de commande {order.name}",
            "Raccordement",
            "Reçue",
            "Votre commande",
            "Test Fiber 100",
            "Test Home Phone",
            "70,00",
            "Rendez-vous",
            "15/01/2030 09:00 – 11:00 (Europe/Brussels, CET)",
            "Prochaines étapes",
            "Nous avons reçu votre commande",
            f"/my/telecom/orders/{order.id}",
        ):
            self.assertIn(expected, text)

        company_order = self._company_order()
        company_order.action_set_pending("the signed contract")
        text = pdf_text(self._pdf(SUMMARY, company_order))
        for expected in (
            f"Order Summary {company_order.name}",
            "Acme Offices Ltd",
            "Pending (waiting for",  # the status column wraps
            "Test Fiber 500",
            "Next Steps",
            "We are waiting for you: the signed contract.",
        ):
            self.assertIn(expected, text)

    # Batch printing

    def _day_of_work_orders(self, count):
        orders = self.env["telecom.order"]
        for index in range(count // 10):
            partner, premises = (
                (self.individual, self.premises_home) if index % 2 else (self.company_contact, self.premises_office)
            )
            orders |= self._submitted_order(partner, premises, None)
        start = datetime(2030, 3, 11, 7, 0)
        work_orders = self.env["telecom.work.order"]
        for order in orders:
            work_orders |= self.env["telecom.work.order"].create(
                [
                    {
                        "order_id": order.id,
                        "line_id": order.line_ids.id,
                        "kind": "installation",
                        "division_id": self.division_technical.id,
                        "technician_id": self.user_technician.id,
                        "planned_start": start + timedelta(minutes=10 * index),
                        "duration": 0.5,
                        "equipment": "ONT",
                        "tasks": "Install and test",
                    }
                    for index in range(10)
                ]
            )
        # Each depends on the one before it, on the same order.
        for previous, work_order in zip(work_orders[:-1], work_orders[1:], strict=True):
            if previous.order_id == work_order.order_id:
                work_order.depends_on_ids = previous
        return work_orders

    def _html_queries(self, work_orders):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        self.env["ir.actions.report"]._render_qweb_html(WORK_ORDER, work_orders.ids)
        return self.cr.sql_log_count - before

    def test_hundred_work_orders_in_one_render(self):
        work_orders = self._day_of_work_orders(100)
        self.assertEqual(len(work_orders), 100)
        # Templates compiled, languages and selections cached: what remains is reading the data.
        self._html_queries(work_orders[:2] | work_orders[-2:])
        queries_10 = self._html_queries(work_orders[:5] | work_orders[-5:])
        queries_100 = self._html_queries(work_orders)
        self.assertLessEqual(queries_100, queries_10, "the data of 100 work orders is read with the queries of 10")

        Report = type(self.env["ir.actions.report"])
        renders = []
        run_wkhtmltopdf = Report._run_wkhtmltopdf

        def counting_run(report, bodies, *args, **kwargs):
            renders.append(len(bodies))
            return run_wkhtmltopdf(report, bodies, *args, **kwargs)

        self.env.invalidate_all()
        before, started = self.cr.sql_log_count, time.time()
        with patch.object(Report, "_run_wkhtmltopdf", counting_run):
            content = self._pdf(WORK_ORDER, work_orders)
        queries_pdf, seconds = self.cr.sql_log_count - before, time.time() - started
        self.assertEqual(renders, [100], "one wkhtmltopdf run for the 100 work orders")
        self.assertEqual(pdf_pages(content), 100)
        text = pdf_text(content)
        self.assertTrue(all(work_order.name in text for work_order in work_orders))
        _logger.info(
            "100 work orders: 1 wkhtmltopdf run, %s pages, %s queries for the data (as for 10: %s), "
            "%s queries in all for the PDF, %.1f s",
            pdf_pages(content),
            queries_100,
            queries_10,
            queries_pdf,
            seconds,
        )
