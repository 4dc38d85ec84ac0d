# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import tagged

from .common import PO, TmfApiCase


@tagged("post_install", "-at_install")
class TestProductOrderOfferingName(TmfApiCase):
    """Each item names its offering as the catalogue does (the product's display
    name), kept between requests and followed at once when the catalogue changes."""

    def _names(self, response):
        self.assertIn(response.status_code, (200, 201), response.text)
        return [item["productOffering"]["name"] for item in response.json()["productOrderItem"]]

    def _item(self, product):
        return [
            {
                "id": "1",
                "action": "add",
                "productOffering": {"id": str(product.id)},
                "product": {"place": [{"id": str(self.premises_home.id)}]},
            }
        ]

    def test_the_name_follows_a_change_of_the_product(self):
        created = self.api("POST", f"{PO}/productOrder", self._order_payload())
        self.assertEqual(self._names(created), [self.fiber_100.display_name])
        self.fiber_100.product_tmpl_id.name = "Fiber 100 Plus"
        self.fiber_100.default_code = "F100"
        read = self.api("GET", f"{PO}/productOrder/{created.json()['id']}")
        self.assertEqual(self._names(read), ["[F100] Fiber 100 Plus"])
        again = self.api("POST", f"{PO}/productOrder", self._order_payload())
        self.assertEqual(self._names(again), ["[F100] Fiber 100 Plus"])

    def test_the_name_follows_a_change_of_the_variant_values(self):
        attribute = self.env["product.attribute"].create(
            {"name": "Router", "value_ids": [Command.create({"name": "Basic"}), Command.create({"name": "Wi-Fi 6"})]}
        )
        template = self.phone.product_tmpl_id
        template.attribute_line_ids = [
            Command.create({"attribute_id": attribute.id, "value_ids": [Command.set(attribute.value_ids.ids)]})
        ]
        basic = template.product_variant_ids.filtered(
            lambda variant: variant.product_template_attribute_value_ids.name == "Basic"
        )
        created = self.api("POST", f"{PO}/productOrder", self._order_payload(items=self._item(basic)))
        self.assertEqual(self._names(created), [f"{template.name} (Basic)"])
        attribute.value_ids.filtered(lambda value: value.name == "Basic").name = "Standard"
        read = self.api("GET", f"{PO}/productOrder/{created.json()['id']}")
        self.assertEqual(self._names(read), [f"{template.name} (Standard)"])
