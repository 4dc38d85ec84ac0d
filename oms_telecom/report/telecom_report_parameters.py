# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TelecomReportParameters(models.AbstractModel):
    """The requested parameters of service orders as printable rows, read for a
    whole batch of lines at once."""

    _name = "telecom.report.parameters"
    _description = "Telecom Reports: Service Parameters"

    @api.model
    def _parameter_rows(self, lines):
        """{line id: [(label, value)]} in the order of the service's definition, in
        the language of the document that prints the line (its subscriber's)."""
        rows = {}
        for lang, lines_in_lang in lines.grouped(lambda line: line.order_id.partner_id.lang or self.env.lang).items():
            rows.update(self.with_context(lang=lang)._parameter_rows_in_lang(lines_in_lang))
        return rows

    @api.model
    def _parameter_rows_in_lang(self, lines):
        rows = {}
        yes, no = self.env._("Yes"), self.env._("No")
        localize = self.env["telecom.parameter.label"]._telecom_localize_definitions
        for values in lines.read(["parameters"]):
            printable = []
            for prop in localize(values["parameters"]):
                value = prop.get("value")
                kind = prop.get("type")
                if kind == "boolean":
                    value = yes if value else no
                elif value in (None, False, "", []):
                    continue
                elif kind == "selection":
                    value = dict(prop.get("selection") or []).get(value, value)
                elif kind == "tags":
                    labels = {tag[0]: tag[1] for tag in prop.get("tags") or []}
                    value = ", ".join(labels.get(tag, tag) for tag in value)
                elif kind == "many2one":
                    value = value[1] if isinstance(value, (list, tuple)) else value
                elif kind == "many2many":
                    value = ", ".join(item[1] for item in value if isinstance(item, (list, tuple)))
                printable.append((prop.get("string") or prop.get("name"), str(value)))
            rows[values["id"]] = printable
        return rows
