# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL

from .telecom_order_state import CLOSED_STATES
from .telecom_report_sql import create_report_view

# Active and suspended services still occupy the network.
LIVE_SERVICE_STATES = ("active", "suspended")
# Requests coming from the public: the web form and the portal.
PUBLIC_CHANNELS = ("web", "portal")


class TelecomAddressReport(models.Model):
    """Orders, live services and demand per premises and division, to be
    grouped by city, district, street and house: where to build network.
    Unserved demand is the public requests at addresses no division of the
    right kind covers; churn is the completed disconnections."""

    _name = "telecom.address.report"
    _description = "Address Statistics"
    _auto = False
    _rec_name = "premises_id"
    _order = "city, district, street, house_number, building"

    premises_id = fields.Many2one("telecom.premises", readonly=True)
    country_id = fields.Many2one("res.country", readonly=True)
    city = fields.Char(readonly=True)
    district = fields.Char(readonly=True)
    street = fields.Char(readonly=True)
    house_number = fields.Char(readonly=True)
    building = fields.Char(readonly=True)
    zip = fields.Char(string="Postcode", readonly=True)
    division_id = fields.Many2one("telecom.division", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)
    open_order_count = fields.Integer(string="Open Orders", readonly=True)
    connection_count = fields.Integer(
        string="Demand (connections)", readonly=True, help="Connection orders, whatever became of them."
    )
    unserved_count = fields.Integer(
        string="Unserved Demand",
        readonly=True,
        help="Connection requests from the web form or the portal at an address no division covers, and "
        "qualifications that could not deliver what was asked.",
    )
    active_service_count = fields.Integer(string="Live Services", readonly=True, help="Active or suspended.")
    churn_count = fields.Integer(string="Churn (disconnections)", readonly=True, help="Completed disconnections.")

    def _query(self):
        return SQL(
            "WITH %s SELECT %s FROM %s UNION ALL %s",
            self._with(),
            self._select(),
            self._from(),
            self._typed_addresses_query(),
        )

    def _typed_addresses_query(self):
        """Qualifications at addresses that are no premises (typed on the public
        form, asked over the API): their unserved demand, one row per address."""
        return SQL(
            """
            SELECT -ROW_NUMBER() OVER (ORDER BY q.country_id, q.city, q.street, q.house_number, q.zip) AS id,
                   NULL::integer AS premises_id,
                   q.country_id, q.city, MAX(q.district), q.street, q.house_number, q.building, q.zip,
                   NULL::integer AS division_id,
                   MAX(q.company_id),
                   0, 0, 0,
                   SUM(CASE WHEN q.result != 'qualified' THEN 1 ELSE 0 END),
                   0, 0
              FROM telecom_qualification q
             WHERE q.premises_id IS NULL
          GROUP BY q.country_id, q.city, q.street, q.house_number, q.building, q.zip
            """
        )

    def _with(self):
        return SQL("facts AS (%s), grouped AS (%s)", self._with_facts(), self._with_grouped())

    def _with_facts(self):
        """One row of counts per order at a premises and per live service."""
        return SQL(
            """
            SELECT o.premises_id,
                   o.division_id,
                   1 AS order_count,
                   CASE WHEN o.state NOT IN %(closed_states)s THEN 1 ELSE 0 END AS open_order_count,
                   CASE WHEN o.order_type = 'connection' THEN 1 ELSE 0 END AS connection_count,
                   CASE WHEN o.order_type = 'connection' AND o.uncovered_address
                             AND o.channel IN %(public_channels)s THEN 1 ELSE 0 END AS unserved_count,
                   0 AS active_service_count,
                   CASE WHEN o.order_type = 'disconnection' AND o.state = 'completed' THEN 1 ELSE 0 END
                       AS churn_count
              FROM telecom_order o
             WHERE o.premises_id IS NOT NULL
         UNION ALL
            SELECT s.premises_id, s.division_id, 0, 0, 0, 0, 1, 0
              FROM telecom_subscriber_service s
             WHERE s.state IN %(live_states)s
         UNION ALL
            SELECT q.premises_id, NULL, 0, 0, 0, 1, 0, 0
              FROM telecom_qualification q
             WHERE q.result != 'qualified' AND q.premises_id IS NOT NULL
            """,
            closed_states=CLOSED_STATES,
            public_channels=PUBLIC_CHANNELS,
            live_states=LIVE_SERVICE_STATES,
        )

    def _with_grouped(self):
        return SQL(
            """
            SELECT premises_id,
                   division_id,
                   SUM(order_count) AS order_count,
                   SUM(open_order_count) AS open_order_count,
                   SUM(connection_count) AS connection_count,
                   SUM(unserved_count) AS unserved_count,
                   SUM(active_service_count) AS active_service_count,
                   SUM(churn_count) AS churn_count
              FROM facts
          GROUP BY premises_id, division_id
            """
        )

    def _select(self):
        return SQL(
            """
            ROW_NUMBER() OVER (ORDER BY g.premises_id, g.division_id NULLS FIRST) AS id,
            g.premises_id AS premises_id,
            p.country_id AS country_id,
            p.city AS city,
            p.district AS district,
            p.street AS street,
            p.house_number AS house_number,
            p.building AS building,
            p.zip AS zip,
            g.division_id AS division_id,
            p.company_id AS company_id,
            g.order_count AS order_count,
            g.open_order_count AS open_order_count,
            g.connection_count AS connection_count,
            g.unserved_count AS unserved_count,
            g.active_service_count AS active_service_count,
            g.churn_count AS churn_count
            """
        )

    def _from(self):
        return SQL("grouped g JOIN telecom_premises p ON p.id = g.premises_id")

    def init(self):
        create_report_view(self.env.cr, self._table, self._query())

    def action_open_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom.telecom_order_report_action")
        domain = [("premises_id", "=", self.premises_id.id)]
        domain.append(("division_id", "=", self.division_id.id) if self.division_id else ("division_id", "=", False))
        action.update(
            name=self.env._("Orders at %s", self.premises_id.display_name),
            domain=domain,
            context={},
            view_mode="list,pivot,graph",
            views=[(False, "list"), (False, "pivot"), (False, "graph")],
        )
        return action
