# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .telecom_order import CHANNELS
from .telecom_qualification import QUALIFICATION_RESULTS
from .telecom_qualification_item import UNAVAILABILITY_REASONS
from .telecom_report_sql import create_report_view


class TelecomDemandReport(models.Model):
    """What was asked for where, from every qualification: the unserved demand by
    street, postcode and offering (where to build network, what to sell there)."""

    _name = "telecom.demand.report"
    _description = "Demand from Qualifications"
    _auto = False
    _order = "date desc"

    date = fields.Datetime(readonly=True)
    premises_id = fields.Many2one("telecom.premises", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    city = fields.Char(readonly=True)
    district = fields.Char(readonly=True)
    street = fields.Char(readonly=True)
    zip = fields.Char(string="Postcode", readonly=True)
    product_id = fields.Many2one("product.product", string="Offering", readonly=True)
    channel = fields.Selection(CHANNELS, readonly=True)
    result = fields.Selection(QUALIFICATION_RESULTS, readonly=True)
    reason_code = fields.Selection(UNAVAILABILITY_REASONS, string="Reason", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    request_count = fields.Integer(string="Requests", readonly=True)
    unserved_count = fields.Integer(
        string="Unserved Demand", readonly=True, help="Offerings asked for and not deliverable as asked."
    )

    def _query(self):
        return SQL("%s UNION ALL %s", self._chosen_query(), self._address_checks_query())

    def _address_checks_query(self):
        """Addresses checked before choosing (the whole catalogue qualified): one
        request per check, for no offering in particular."""
        return SQL(
            """
            SELECT -q.id AS id,
                   q.date AS date,
                   q.premises_id AS premises_id,
                   q.country_id AS country_id,
                   q.city AS city,
                   q.district AS district,
                   q.street AS street,
                   q.zip AS zip,
                   NULL::integer AS product_id,
                   q.channel AS channel,
                   q.result AS result,
                   NULL AS reason_code,
                   q.company_id AS company_id,
                   1 AS request_count,
                   CASE WHEN q.result = 'qualified' THEN 0 ELSE 1 END AS unserved_count
              FROM telecom_qualification q
             WHERE NOT q.offerings_chosen
            """
        )

    def _chosen_query(self):
        """The offerings asked for, one row per offering."""
        return SQL(
            """
            SELECT i.id AS id,
                   q.date AS date,
                   q.premises_id AS premises_id,
                   q.country_id AS country_id,
                   q.city AS city,
                   q.district AS district,
                   q.street AS street,
                   q.zip AS zip,
                   i.product_id AS product_id,
                   q.channel AS channel,
                   i.result AS result,
                   i.reason_code AS reason_code,
                   q.company_id AS company_id,
                   1 AS request_count,
                   CASE WHEN i.result = 'qualified' THEN 0 ELSE 1 END AS unserved_count
              FROM telecom_qualification_item i
              JOIN telecom_qualification q ON q.id = i.qualification_id
             WHERE q.offerings_chosen
            """
        )

    def init(self):
        create_report_view(self.env.cr, self._table, self._query())
