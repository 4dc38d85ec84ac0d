# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# What a product's display name is made of (its name and code, its variant's
# attribute values): any change of them clears the offering names that the TM
# Forum bodies read through the registry's cache (see
# telecom.api.product.order._offering_name).


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "telecom.cached.config"]


class ProductProduct(models.Model):
    _name = "product.product"
    _inherit = ["product.product", "telecom.cached.config"]


class ProductAttribute(models.Model):
    _name = "product.attribute"
    _inherit = ["product.attribute", "telecom.cached.config"]


class ProductAttributeValue(models.Model):
    _name = "product.attribute.value"
    _inherit = ["product.attribute.value", "telecom.cached.config"]


class ProductTemplateAttributeLine(models.Model):
    _name = "product.template.attribute.line"
    _inherit = ["product.template.attribute.line", "telecom.cached.config"]


class ProductTemplateAttributeValue(models.Model):
    _name = "product.template.attribute.value"
    _inherit = ["product.template.attribute.value", "telecom.cached.config"]
