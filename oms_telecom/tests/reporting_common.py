# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval

from odoo.addons.oms_telecom.models.telecom_private_context import SKIP_SCENARIO_SYNC, private_context

from .common import OmsTelecomCase

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)


class ReportingCase(OmsTelecomCase):
    """A small world with known dates for the managers' reports: three closed
    orders of the sales subtree took 2, 4 and 6 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.division_other = cls.env["telecom.division"].create({"name": "Test Other Sales", "kind": "sales"})
        cls.premises_home.district = "Centre"
        now = fields.Datetime.now()
        cls.t0 = t0 = now - 20 * DAY
        sales, technical, other = cls.division_sales, cls.division_technical, cls.division_other

        def order(division, user, premises, order_type="connection", **values):
            return cls.env["telecom.order"].create(
                cls._order_values(
                    cls.individual,
                    premises,
                    order_type,
                    (),
                    division_id=division.id,
                    user_id=user.id,
                    no_scenario=True,
                    **values,
                )
            )

        cls.order_a = order(sales, cls.user_operator, cls.premises_home, date_deadline=t0 + 3 * DAY)
        cls.order_b = order(technical, cls.user_operator, cls.premises_office, date_deadline=t0 + 3 * DAY)
        cls.order_c = order(sales, cls.user_division_manager, cls.premises_home)
        cls.order_d = order(other, cls.user_oms_manager, cls.premises_cottage, date_deadline=t0 + 9 * DAY)
        cls.order_e = order(sales, cls.user_operator, cls.premises_home, date_deadline=now - DAY)
        cls.order_f = order(other, cls.user_oms_manager, cls.premises_cottage, channel="web", uncovered_address=True)
        cls.order_g = order(other, cls.user_oms_manager, cls.premises_home, order_type="disconnection")
        cls.orders = cls.order_a | cls.order_b | cls.order_c | cls.order_d | cls.order_e | cls.order_f | cls.order_g

        synced = cls.env["telecom.order"].with_context(**private_context(SKIP_SCENARIO_SYNC))
        closed = synced.browse((cls.order_a | cls.order_b | cls.order_c | cls.order_d | cls.order_g).ids)
        closed.write({"state": "acknowledged"})
        closed.write({"state": "in_progress"})
        # Order B: its line test failed, then an installation; order A: one installation.
        cls.env["telecom.work.order"].create(
            [
                {"order_id": cls.order_b.id, "kind": "line_test", "state": "failed", "division_id": technical.id},
                {"order_id": cls.order_b.id, "kind": "installation", "division_id": technical.id},
                {"order_id": cls.order_a.id, "kind": "installation", "division_id": technical.id},
            ]
        )
        closed.write({"state": "completed"})
        synced.browse(cls.order_e.ids).write({"state": "acknowledged"})
        cls.orders.write({"date_submitted": t0})
        for record, days in ((cls.order_a, 2), (cls.order_b, 4), (cls.order_c, 6), (cls.order_d, 8)):
            record.date_closed = t0 + days * DAY

        # Order A's steps in the sales division: 1, 2, 3, 4 and 10 hours; the 3-hour one missed its deadline.
        Step = cls.env["telecom.order.step"]
        cls.steps = Step.create(
            [
                {
                    "order_id": cls.order_a.id,
                    "name": "Test Step",
                    "division_id": sales.id,
                    "user_id": cls.user_operator.id,
                    "state": "done",
                    "date_start": t0,
                    "date_end": t0 + hours * HOUR,
                    "duration": hours,
                    "working_hours": hours - waiting,
                    "pending_duration": waiting,
                    "date_deadline": deadline and t0 + deadline * HOUR,
                }
                for hours, waiting, deadline in ((1, 0, 2), (2, 1, 2), (3, 0, 2), (4, 0, 5), (10, 2, False))
            ]
        )
        cls.step_b = Step.create(
            {
                "order_id": cls.order_b.id,
                "name": "Test Line Test",
                "division_id": technical.id,
                "user_id": cls.user_operator.id,
                "state": "done",
                "outcome": "done",
                "date_start": t0,
                "date_end": t0 + 4 * DAY,
                "duration": 96,
                "escalation_level": 2,
            }
        )
        cls.env["telecom.escalation.event"].create(
            {"order_step_id": cls.step_b.id, "order_id": cls.order_b.id, "level": 2, "date": t0 + 2 * DAY}
        )
        # Installed base: two live services at home, one terminated at the office.
        cls._create_service(cls)
        cls._create_service(cls, state="suspended")
        cls._create_service(cls, premises=cls.premises_office, state="terminated")
        cls.env.flush_all()

    def _drill_down_domain(self, action):
        """The domain the web client applies for `action`: the search defaults of its
        context, each a filter or field of its search view, that is a facet the user
        sees and may remove. Filters of one group are or-ed, as in the search bar."""
        domain = action.get("domain") or []
        self.assertFalse(
            safe_eval(domain) if isinstance(domain, str) else domain, "A drill-down hides no domain from the user."
        )
        Model = self.env[action["res_model"]]
        view_id = action.get("search_view_id") and action["search_view_id"][0]
        arch = etree.fromstring(Model.get_view(view_id, "search")["arch"])
        context = action["context"] if isinstance(action["context"], dict) else safe_eval(action["context"])
        defaults = {key[15:]: value for key, value in context.items() if key.startswith("search_default_")}
        fields_domain, filter_groups, group = [], defaultdict(list), 0
        for node in arch.iter("field", "filter", "separator", "group"):
            name = node.get("name")
            if node.tag != "filter":
                group += 1
            if name not in defaults:
                continue
            value = defaults.pop(name)
            if node.tag == "field":
                fields_domain.append([(name, node.get("operator", "="), value)])
            elif node.get("domain"):
                eval_context = {"context_today": lambda: fields.Date.today(), "relativedelta": relativedelta}
                filter_groups[group].append(safe_eval(node.get("domain"), {**eval_context, "uid": self.env.uid}))
        self.assertFalse(defaults, "Every search default of a drill-down is a facet of its search view.")
        return expression.AND(fields_domain + [expression.OR(domains) for domains in filter_groups.values()])

    def _drill_down(self, action):
        return self.env[action["res_model"]].search(self._drill_down_domain(action))
