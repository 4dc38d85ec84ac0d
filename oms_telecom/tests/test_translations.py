# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The translation files of the project's addons are complete and in step.

Each addon ships ``i18n/<addon>.pot`` (written by ``make pot``) and a
``i18n/<lang>.po`` per language: every term of the template is translated,
none is left over, and translations keep the placeholders and markup of
their source. The template itself holds every term the installed code and
data offer for translation.
"""

import collections
import logging
import os
import re

import polib
from lxml import etree

from odoo.modules.module import get_manifest, get_module_path
from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TRANSLATED_ATTRS, TranslationModuleReader

from .common import OmsTelecomCase

_logger = logging.getLogger(__name__)

ADDONS = ("oms_telecom", "oms_telecom_portal", "oms_telecom_api", "oms_telecom_billing")


def load_french(env):
    """French active, with the terms of our installed addons' fr.po files."""
    env["res.lang"]._activate_lang("fr_FR")
    installed = env["ir.module.module"].search([("name", "in", ADDONS), ("state", "=", "installed")])
    env["ir.module.module"]._load_module_terms(installed.mapped("name"), ["fr_FR"], overwrite=True)


# Languages every addon must be translated into.
REQUIRED_LANGS = ("fr",)
# printf-style (%s, %(name)s, %%), format (`{}`, `{name}`) and inline
# template (`{{ object.name }}`) placeholders.
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[a-z]|%[a-z]|\{\{.*?\}\}|\{\w*\}")
TAG = re.compile(r"<(/?)([a-zA-Z][\w.:-]*)((?:\s+[^\s=/>]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*(/?)>")
ATTRIBUTE = re.compile(r"([^\s=/>]+)(?:=(\"[^\"]*\"|'[^']*'))?")
# Attributes a translation changes (title, aria-label, placeholder...);
# 'value' and 'text' only in some elements, so they must stay.
TRANSLATED = {name for name in TRANSLATED_ATTRS if name.split("-")[-1] not in ("value", "text")}
SHOWN = 10


def _markup(text):
    """The tags of ``text`` with their untranslated attributes, in order."""
    return [
        (
            closing,
            name,
            sorted(
                (attribute, value) for attribute, value in ATTRIBUTE.findall(attributes) if attribute not in TRANSLATED
            ),
            self_closing,
        )
        for closing, name, attributes, self_closing in TAG.findall(text)
    ]


def _i18n_path(addon, filename):
    return os.path.join(get_module_path(addon), "i18n", filename)


def _entries(path):
    return polib.pofile(path)


def _summary(terms):
    terms = sorted(terms)
    shown = "\n".join(f"  {term[:100]!r}" for term in terms[:SHOWN])
    more = f"\n  ... and {len(terms) - SHOWN} more" if len(terms) > SHOWN else ""
    return f"{shown}{more}"


@tagged("post_install", "-at_install")
class TestTranslations(TransactionCase):
    def _po_paths(self, addon):
        i18n = os.path.join(get_module_path(addon), "i18n")
        langs = {name[:-3] for name in os.listdir(i18n) if name.endswith(".po")}
        return {lang: os.path.join(i18n, f"{lang}.po") for lang in sorted(langs | set(REQUIRED_LANGS))}

    def test_every_addon_has_a_template_and_the_required_languages(self):
        for addon in ADDONS:
            self.assertTrue(
                os.path.isfile(_i18n_path(addon, f"{addon}.pot")),
                f"{addon} has no i18n/{addon}.pot: run 'make pot'.",
            )
            for lang in REQUIRED_LANGS:
                self.assertTrue(os.path.isfile(_i18n_path(addon, f"{lang}.po")), f"{addon} has no i18n/{lang}.po.")

    def test_the_checks_tell_a_lost_placeholder_or_tag_from_a_translated_attribute(self):
        def placeholders(text):
            return collections.Counter(PLACEHOLDER.findall(text))

        self.assertEqual(
            placeholders("%(name)s: %s of {{ object.name }} at 50%%"),
            placeholders("{{ object.name }} %s %(name)s 50 %%"),
        )
        self.assertNotEqual(placeholders("Order %s is late"), placeholders("La commande est en retard"))
        self.assertNotEqual(placeholders("%(old)s to %(new)s"), placeholders("%(old)s à %(nouveau)s"))
        self.assertEqual(
            _markup('<i class="fa fa-lock" title="Blocked"/> Waits'),
            _markup('<i class="fa fa-lock" title="Bloqué"/> Attend'),
        )
        self.assertNotEqual(_markup("<span>Done</span>"), _markup("Réalisé"))
        self.assertNotEqual(_markup('<strong t-out="object.name"/>'), _markup('<strong t-out="object.nom"/>'))
        self.assertNotEqual(_markup('<option value="">-</option>'), _markup('<option value="x">-</option>'))

    def test_po_files_translate_every_term_of_their_template(self):
        problems = []
        for addon in ADDONS:
            template = {entry.msgid for entry in _entries(_i18n_path(addon, f"{addon}.pot"))}
            for lang, path in self._po_paths(addon).items():
                if not os.path.isfile(path):
                    continue  # reported by the test above
                po = _entries(path)
                current = [entry for entry in po if not entry.obsolete]
                terms = {entry.msgid for entry in current}
                translated = {entry.msgid for entry in current if entry.msgstr.strip() and "fuzzy" not in entry.flags}
                counts = collections.Counter(entry.msgid for entry in current)
                _logger.info(
                    "Translation coverage %s %s: %s/%s terms translated (%.1f%%)",
                    addon,
                    lang,
                    len(translated & template),
                    len(template),
                    100.0 * len(translated & template) / (len(template) or 1),
                )
                checks = {
                    "missing (in the template, not in the .po)": template - terms,
                    "stale (in the .po, no longer in the template)": terms - template,
                    "untranslated or fuzzy": (terms & template) - translated,
                    "written twice": {msgid for msgid, count in counts.items() if count > 1},
                    "obsolete (#~)": {entry.msgid for entry in po if entry.obsolete},
                }
                problems += [
                    f"{addon}/i18n/{lang}.po: {len(msgids)} terms {what}:\n{_summary(msgids)}"
                    for what, msgids in checks.items()
                    if msgids
                ]
        self.assertFalse(problems, "\n".join(problems) + "\n(run 'make pot', then translate)")

    def test_translations_keep_placeholders_and_markup(self):
        problems = []
        for addon in ADDONS:
            for lang, path in self._po_paths(addon).items():
                if not os.path.isfile(path):
                    continue
                for entry in _entries(path).translated_entries():
                    where = f"{addon}/i18n/{lang}.po {entry.msgid[:80]!r}"
                    if collections.Counter(PLACEHOLDER.findall(entry.msgid)) != collections.Counter(
                        PLACEHOLDER.findall(entry.msgstr)
                    ):
                        problems.append(f"{where}: placeholders differ in {entry.msgstr[:80]!r}")
                    if _markup(entry.msgid) != _markup(entry.msgstr):
                        problems.append(f"{where}: markup differs in {entry.msgstr[:80]!r}")
        self.assertFalse(problems, "\n".join(problems))

    def _demo_records(self, addon):
        """External ids of the records the addon's demo files define, with
        those of the parent records they create (_inherits)."""
        xmlids = set()
        for filename in get_manifest(addon).get("demo", []):
            if not filename.endswith(".xml"):
                continue
            tree = etree.parse(os.path.join(get_module_path(addon), filename))
            for element in tree.xpath("//*[@id]"):
                xmlid = element.get("id") if "." in element.get("id") else f"{addon}.{element.get('id')}"
                xmlids.add(xmlid)
                model = self.env.get(element.get("model") or "")
                for parent in model._inherits if model is not None else ():
                    xmlids.add(f"{xmlid}_{parent.replace('.', '_')}")
        return xmlids

    def test_templates_hold_the_terms_of_the_code(self):
        installed = set(
            self.env["ir.module.module"].search([("name", "in", ADDONS), ("state", "=", "installed")]).mapped("name")
        )
        problems = []
        for addon in sorted(installed):
            template = {entry.msgid for entry in _entries(_i18n_path(addon, f"{addon}.pot"))}
            demo = self._demo_records(addon)
            exported, exported_without_demo = set(), set()
            for _module, _kind, _name, xmlid, source, _value, _comments in TranslationModuleReader(
                self.env.cr, modules=[addon]
            ):
                exported.add(source)
                if xmlid not in demo:
                    exported_without_demo.add(source)
            if missing := exported_without_demo - template:
                problems.append(f"{addon}.pot lacks {len(missing)} terms of the code:\n{_summary(missing)}")
            if stale := template - exported:
                problems.append(f"{addon}.pot has {len(stale)} terms the code no longer has:\n{_summary(stale)}")
        self.assertFalse(problems, "\n".join(problems) + "\n(run 'make pot', then translate)")


@tagged("post_install", "-at_install")
class TestFrenchDocuments(OmsTelecomCase):
    """What a French subscriber receives, with the terms of the fr.po files:
    the e-mails of the scenarios and the PDF documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_french(cls.env)
        cls.individual.lang = "fr_FR"

    def test_order_received_e_mail_in_french(self):
        order = self._create_order()
        template = self.env.ref("oms_telecom.mail_template_telecom_order_received")
        mail = template._generate_template(order.ids, ("subject", "body_html"))[order.id]
        self.assertEqual(mail["subject"], f"{order.name} : nous avons bien reçu votre commande")
        for french in ("Bonjour", "Nous avons bien reçu votre commande", "Suivre votre commande", "Cordialement"):
            self.assertIn(french, mail["body_html"])
        self.assertNotIn("Follow your order", mail["body_html"])
        # An English subscriber still reads English.
        self.individual.lang = "en_US"
        mail = template._generate_template(order.ids, ("subject",))[order.id]
        self.assertEqual(mail["subject"], f"{order.name}: we have received your order")

    def test_order_summary_in_french(self):
        order = self._create_order()
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html("oms_telecom.action_report_telecom_order_summary", order.ids)[0]
            .decode()
        )
        for french in ("Récapitulatif de commande", "Type de commande", "Raccordement", "Frais d’installation"):
            self.assertIn(french, html)
        self.assertNotIn("Order Summary", html)
