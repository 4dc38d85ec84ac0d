# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Write an addon's translation template and bring its .po files in line with it.

Usage: po_merge.py EXPORTED_POT I18N_DIR

EXPORTED_POT is what ``odoo-bin --i18n-export`` wrote for one addon. It is saved
as I18N_DIR/<addon>.pot without its creation dates (as OCA's bots do, so that a
new export without new terms changes nothing). Every I18N_DIR/<lang>.po then
gets the template's entries in the template's order, with their references
and comments, keeping the translations it already has: new terms come in
untranslated, terms that are gone from the template are dropped. A term whose
only change is its layout (line breaks, indentation, ``<br/>`` written
``<br />``: what reformatting XML does) keeps its translation, written in the
term's new style of empty elements.
"""

import pathlib
import re
import sys

import polib

DATES = ("POT-Creation-Date", "PO-Revision-Date")


def _key(entry):
    return entry.msgctxt, entry.msgid


def _layout_free(entry):
    """The entry's key without its layout: spaces collapsed, empty elements as ``<x/>``."""
    return entry.msgctxt, re.sub(r"\s+", " ", re.sub(r"\s*/>", "/>", entry.msgid)).strip()


def _restyle(msgstr, msgid):
    """``msgstr`` with its empty elements written as in ``msgid``."""
    if re.search(r"\s/>", msgid):
        return re.sub(r"(?<=\S)/>", " />", msgstr)
    return re.sub(r"\s+/>", "/>", msgstr)


def write_template(exported, target):
    pot = polib.pofile(str(exported))
    for name in DATES:
        pot.metadata.pop(name, None)
    pot.save(str(target))
    return pot


def merge(pot, po_path):
    old = polib.pofile(str(po_path))
    translated = {_key(entry): entry for entry in old if not entry.obsolete}
    by_layout = {_layout_free(entry): entry for entry in translated.values() if entry.msgstr}
    new = polib.POFile(wrapwidth=old.wrapwidth)
    new.header = old.header
    new.metadata = old.metadata
    for name in DATES:
        new.metadata.pop(name, None)
    added = relaid = 0
    for template in pot:
        previous = translated.pop(_key(template), None)
        msgstr = previous.msgstr if previous else ""
        if previous is None and (previous := by_layout.get(_layout_free(template))):
            translated.pop(_key(previous), None)
            msgstr = _restyle(previous.msgstr, template.msgid)
            relaid += 1
        entry = polib.POEntry(
            msgctxt=template.msgctxt,
            msgid=template.msgid,
            msgstr=msgstr,
            comment=template.comment,
            occurrences=template.occurrences,
            flags=previous.flags if previous else list(template.flags),
        )
        added += previous is None
        new.append(entry)
    new.save(str(po_path))
    untranslated = len(new.untranslated_entries())
    print(
        f"{po_path}: {len(new)} terms, {added} new, {relaid} laid out anew, "
        f"{len(translated)} dropped, {untranslated} untranslated"
    )


def main(exported, i18n_dir):
    i18n_dir = pathlib.Path(i18n_dir)
    addon = i18n_dir.parent.name
    pot = write_template(exported, i18n_dir / f"{addon}.pot")
    print(f"{i18n_dir / f'{addon}.pot'}: {len(pot)} terms")
    for po_path in sorted(i18n_dir.glob("*.po")):
        merge(pot, po_path)


if __name__ == "__main__":
    main(*sys.argv[1:])
