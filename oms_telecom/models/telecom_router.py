# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

import pytz

from odoo import api, fields, models

from .telecom_order_state import OPEN_STATES


class TelecomRouter(models.AbstractModel):
    """Allocation of orders and work orders to divisions by address, then to
    people by workload. Every method works on batches with a constant number
    of queries: one for the coverage areas of all the premises, one per
    fallback level, one for the workloads."""

    _name = "telecom.router"
    _description = "Order Routing"

    @api.model
    def _resolve_divisions(self, premises, kind):
        """{premises id: (division, covered)} for the division of `kind` operating each premises.

        `covered` is False when no area of that kind covers the address and the
        division is a fallback (nearest ancestor of the right kind of a division
        covering it for another kind, else the company's default division when it
        is of that kind), or empty: a sales division never receives technical work."""
        premises = premises.exists()
        keys_by_premises = {p.id: self.env["telecom.coverage.area"]._premises_match_keys(p) for p in premises}
        all_keys = {key for keys in keys_by_premises.values() for key in keys}
        areas = self.env["telecom.coverage.area"].search([("match_key", "in", list(all_keys))])
        areas_by_key = defaultdict(list)
        for area in areas:  # already ordered by specificity desc, sequence
            areas_by_key[area.match_key].append(area)
        default = self.env.company.telecom_default_division_id
        result = {}
        for record in premises:
            candidates = [
                area
                for key in keys_by_premises[record.id]
                for area in areas_by_key.get(key, [])
                if area.division_id.active and area._covers_house(record.house_key)
            ]
            candidates.sort(key=lambda area: (-area.specificity, area.sequence, area.id))
            own_kind = [area for area in candidates if area.division_kind == kind]
            if own_kind:
                result[record.id] = (own_kind[0].division_id, True)
                continue
            ancestor = candidates and self._nearest_ancestor_of_kind(candidates[0].division_id, kind)
            if not ancestor and default.kind == kind:
                ancestor = default
            result[record.id] = (ancestor or self.env["telecom.division"], False)
        return result

    @api.model
    def _nearest_ancestor_of_kind(self, division, kind):
        ancestors = self.env["telecom.division"].browse(
            [int(part) for part in reversed(division.parent_path.split("/")[:-1])]
        )
        return next((ancestor for ancestor in ancestors if ancestor.kind == kind and ancestor.active), False)

    @api.model
    def _assign_users(self, division_counts):
        """{division: [user, ...]} picking, for `count` new records per division, the
        members available now with the least open orders, spreading the records."""
        divisions = self.env["telecom.division"].browse([division.id for division in division_counts])
        members = divisions.member_ids
        if not members:
            return {}
        workload = dict(
            self.env["telecom.order"]._read_group(
                [("user_id", "in", members.ids), ("state", "in", OPEN_STATES)], ["user_id"], ["__count"]
            )
        )
        unavailable = self._unavailable_users(members)
        assignments = {}
        for division, count in division_counts.items():
            if not self._division_works_now(division):
                continue
            available = division.member_ids.filtered(lambda user: user not in unavailable and user.active)
            if not available:
                continue
            users = []
            for _index in range(count):
                user = min(available, key=lambda member: (workload.get(member, 0), member.id))
                workload[user] = workload.get(user, 0) + 1
                users.append(user)
            assignments[division] = users
        return assignments

    @api.model
    def _division_works_now(self, division):
        """Whether now falls in the division's working hours (always, without a calendar)."""
        calendar = division.resource_calendar_id
        if not calendar:
            return True
        return calendar._telecom_works_at(pytz.utc.localize(fields.Datetime.now()))

    @api.model
    def _unavailable_users(self, users):
        """Users on leave now or outside their division's working hours."""
        now = fields.Datetime.now()
        leaves = self.env["resource.calendar.leaves"].search(
            [("resource_id.user_id", "in", users.ids), ("date_from", "<=", now), ("date_to", ">=", now)]
        )
        return leaves.resource_id.user_id
