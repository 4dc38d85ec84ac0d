# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo import api, models
from odoo.tools import file_open
from odoo.tools.convert import xml_import
from odoo.tools.safe_eval import safe_eval

# The call that starts an order's story in the demo's story files.
STORY_START = "_demo_clock_order"


class TelecomOrder(models.Model):
    _inherit = "telecom.order"

    @api.model
    def _demo_play_stories(self, paths):
        """Play the orders' stories told in the demo files `paths` (of this
        addon) in the order of their first moment, across the files: the orders
        then arrive, and take their numbers, in the order of time, as they do in
        production. A story starts at a `_demo_clock_order` call and runs up to
        the next one; what a file does before its first story is done first."""
        preambles, stories = [], []
        for path in paths:
            with file_open(f"oms_telecom/{path}", "rb") as file:
                root = etree.parse(file).getroot()
            story = None
            for element in root:
                if not isinstance(element.tag, str):
                    continue  # a comment
                if element.tag == "function" and element.get("name") == STORY_START:
                    story = (_story_moment(element), len(stories), path, [])
                    stories.append(story)
                if story:
                    story[3].append(element)
                else:
                    preambles.append((path, element))
        for path, element in preambles:
            self._demo_play_elements(path, [element])
        for _moment, _index, path, elements in sorted(stories, key=lambda story: story[:2]):
            self._demo_play_elements(path, elements)

    @api.model
    def _demo_play_elements(self, path, elements):
        """Load the data `elements` of the demo file `path`, as its installation would."""
        document = etree.Element("odoo")
        document.extend(elements)
        xml_import(self.env, "oms_telecom", {}, mode="init", noupdate=True, xml_filename=path).parse(document)


def _story_moment(element):
    """(days, hour, minute) of the `_demo_clock_order` call `element`."""
    days, hour, *minute = safe_eval(element.get("eval"))
    return days, hour, minute[0] if minute else 0
