# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

LABEL_KINDS = [("name", "Parameter Name"), ("value", "Value")]


class TelecomParameterLabel(models.Model):
    """A text a customer reads of a service's parameters (a parameter's name or
    one of its values), translatable.

    Odoo does not translate property definitions: the products' definitions hold
    each label in one language, the source. Every label they use has a record
    here, kept in sync when a definition is saved; a reader gets the translation
    of the label in their language, as Odoo translates its own terms by their
    source text. Two products may name a parameter alike and label it
    differently: each label is translated on its own."""

    _name = "telecom.parameter.label"
    _inherit = ["telecom.cached.config"]
    _description = "Service Parameter Label"
    _order = "kind, name, id"

    name = fields.Char(string="Label", required=True, translate=True)
    kind = fields.Selection(LABEL_KINDS, required=True, default="name")

    @api.constrains("name")
    def _check_unique_label(self):
        sources = self.with_context(lang="en_US")
        for label in sources:
            if sources.search_count([("name", "=", label.name), ("id", "!=", label.id)]):
                raise ValidationError(self.env._("The label “%s” exists already.", label.name))

    def _update_field_translations(self, field_name, translations, digest=None, source_lang=None):
        result = super()._update_field_translations(field_name, translations, digest=digest, source_lang=source_lang)
        # The translation dialog writes here, not through write(): readers' caches go too.
        self.env.registry.clear_cache()
        return result

    # ------------------------------------------------------------
    # BUSINESS METHODS
    # ------------------------------------------------------------

    @api.model
    def _telecom_sync_definitions(self, definitions):
        """Create the labels the property `definitions` use and the catalogue lacks."""
        wanted = {}
        for definition in definitions or []:
            if definition.get("string"):
                wanted.setdefault(definition["string"], "name")
            for option in (definition.get("selection") or []) + (definition.get("tags") or []):
                if len(option) > 1 and option[1]:
                    wanted.setdefault(option[1], "value")
        labels_sudo = self.sudo().with_context(lang="en_US")
        known = set(labels_sudo.search([("name", "in", list(wanted))]).mapped("name")) if wanted else set()
        missing = [{"name": text, "kind": kind} for text, kind in wanted.items() if text not in known]
        if missing:
            labels_sudo.create(missing)

    @api.model
    def _telecom_sync_products(self):
        """Labels for every product definition (upgrade of a database that has some)."""
        templates = self.env["product.template"].sudo().with_context(active_test=False)
        for template in templates.search([("telecom_parameters_definition", "!=", False)]):
            self._telecom_sync_definitions(template.telecom_parameters_definition)

    @api.model
    def _telecom_translate(self, text):
        """`text`, a label of a definition, in the reader's language when translated."""
        if not text:
            return text
        return self._telecom_translations(self.env.lang or "en_US").get(text, text)

    @api.model
    def _telecom_localize_definitions(self, definitions):
        """Copies of property `definitions` (or of read property values) with their
        labels and their options' labels in the reader's language."""
        translate = self._telecom_translate
        localized = []
        for definition in definitions or []:
            definition = dict(definition, string=translate(definition.get("string")))
            for key in ("selection", "tags"):
                if definition.get(key):
                    definition[key] = [[option[0], translate(option[1]), *option[2:]] for option in definition[key]]
            localized.append(definition)
        return localized

    @tools.ormcache("lang")
    def _telecom_translations(self, lang):
        # Read on every page listing parameters: cached, cleared by any change of a label.
        labels_sudo = self.sudo().search([])
        sources = labels_sudo.with_context(lang="en_US").mapped("name")
        return dict(zip(sources, labels_sudo.with_context(lang=lang).mapped("name"), strict=True))
