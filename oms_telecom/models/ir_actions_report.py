# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import functools
import os
import subprocess
import tempfile

import lxml.html

from odoo import api, models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

from .telecom_private_context import NO_PAGE_HEADER, has_private_key, private_context

# Page margins (mm) of the module's reports when the page header and footer
# cannot be printed: the company then heads the document in its body.
INLINE_HEADER_MARGINS = {"data-report-margin-top": 12, "data-report-margin-bottom": 14}
# Such a build also draws web fonts as shapes, so that the text of the PDF could
# not be searched, copied or read back: the documents use a system font.
SYSTEM_FONT_STYLE = "font-family: 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif;"


@functools.cache
def wkhtmltopdf_has_patched_qt():
    """Only a wkhtmltopdf built on its patched Qt prints page headers and footers;
    the builds of the Linux distributions ignore them and say so on every run."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        # No usable binary: the core reports it, there is nothing to adapt.
        return True
    return b"patched qt" in version.lower()


def report_layout_values(data):
    """Rendering values of the module's reports: whether the documents head
    themselves and the style of their pages."""
    inline = (data or {}).get("report_type") == "pdf" and not wkhtmltopdf_has_patched_qt()
    return {"telecom_inline_header": inline, "telecom_page_style": SYSTEM_FONT_STYLE if inline else None}


def merge_bodies(bodies):
    """One HTML document of the documents of `bodies`, each on new pages: such a
    build prints one input document only."""
    root = lxml.html.document_fromstring(bodies[0])
    body = root.find("body")
    for other in bodies[1:]:
        for index, node in enumerate(lxml.html.document_fromstring(other).find("body")):
            if index == 0:
                node.set("style", f"page-break-before: always; {node.get('style') or ''}".strip())
            body.append(node)
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


@functools.cache
def _qt_runtime_dir():
    """A distribution's wkhtmltopdf runs on the system Qt, which wants a private
    runtime directory and complains on each run when XDG_RUNTIME_DIR is not set
    (a server process has none)."""
    if not os.environ.get("XDG_RUNTIME_DIR"):
        os.environ["XDG_RUNTIME_DIR"] = tempfile.mkdtemp(prefix="oms-telecom-qt-")
    return os.environ["XDG_RUNTIME_DIR"]


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _telecom_inline_header(self, report_ref):
        """The module's PDF reports carry the company heading in their body when
        the system's wkhtmltopdf cannot print page headers."""
        if not report_ref or wkhtmltopdf_has_patched_qt():
            return False
        report = self._get_report(report_ref)
        return bool(report.report_name and report.report_name.startswith("oms_telecom."))

    @api.model
    def _run_wkhtmltopdf(
        self,
        bodies,
        report_ref=False,
        header=None,
        footer=None,
        landscape=False,
        specific_paperformat_args=None,
        set_viewport_size=False,
    ):
        if self._telecom_inline_header(report_ref):
            _qt_runtime_dir()
            # Ignored by such a build: not passed, so that it does not warn.
            header = footer = None
            if len(bodies) > 1:
                bodies = [merge_bodies(bodies)]
            specific_paperformat_args = {**(specific_paperformat_args or {}), **INLINE_HEADER_MARGINS}
            self = self.with_context(**private_context(NO_PAGE_HEADER))
        return super()._run_wkhtmltopdf(
            bodies,
            report_ref=report_ref,
            header=header,
            footer=footer,
            landscape=landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )

    @api.model
    def _build_wkhtmltopdf_args(
        self, paperformat_id, landscape, specific_paperformat_args=None, set_viewport_size=False
    ):
        args = super()._build_wkhtmltopdf_args(
            paperformat_id,
            landscape,
            specific_paperformat_args=specific_paperformat_args,
            set_viewport_size=set_viewport_size,
        )
        if has_private_key(self.env, NO_PAGE_HEADER):
            for switch in ("--header-spacing", "--header-line"):
                while switch in args:
                    index = args.index(switch)
                    del args[index : index + (2 if switch == "--header-spacing" else 1)]
        return args
