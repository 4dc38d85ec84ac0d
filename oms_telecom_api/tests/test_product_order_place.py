# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrderPlace(TmfApiCase):
    """The installation address's country is given by its code, kept between
    requests and followed at once when the country's code changes."""

    def _country_of(self, body):
        return body["productOrderItem"][0]["product"]["place"][0]["country"]

    def test_the_country_follows_a_change_of_its_code(self):
        created = self.api("POST", f"{PO}/productOrder", self._order_payload())
        self.assertEqual(created.status_code, 201, created.text)
        self.assertEqual(self._country_of(created.json()), "BE")
        self.country.code = "XB"
        read = self.api("GET", f"{PO}/productOrder/{created.json()['id']}")
        self.assertEqual(self._country_of(read.json()), "XB")
        again = self.api("POST", f"{PO}/productOrder", self._order_payload())
        self.assertEqual(self._country_of(again.json()), "XB")
