"""What routing could not do for an order, the managers' attention queue,
escalation on a promised deadline and the operators' search by phone."""

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .res_partner import digits_only


class TelecomOrder(models.Model):
    _inherit = "telecom.order"  # pylint: disable=consider-merging-classes-inherited

    routing_reason = fields.Char(
        compute="_compute_routing_reason",
        help="Why the order has no division or no responsible: someone has to choose them by hand.",
    )
    prospect_phone_digits = fields.Char(
        compute="_compute_prospect_phone_digits", store=True, precompute=True, index="trigram"
    )
    phone_search = fields.Char(
        string="Subscriber or Prospect Phone",
        compute="_compute_phone_search",
        search="_search_phone_search",
        help="The subscriber's or the prospect's phone, typed with or without spaces, dashes and country code.",
    )
    attention_queue = fields.Boolean(
        string="In the Attention Queue",
        compute="_compute_attention",
        search="_search_attention_queue",
        help="Unassigned, late, held, failed or escalated: a manager has to look at it.",
    )
    attention_reason = fields.Char(compute="_compute_attention", string="Why")

    @api.depends("division_id", "user_id", "uncovered_address", "division_manual", "premises_id", "is_closed")
    def _compute_routing_reason(self):
        for order in self:
            order.routing_reason = order._get_routing_reason()

    def _get_routing_reason(self):
        self.ensure_one()
        if not self.premises_id or self.is_closed:
            return False
        if not self.division_id:
            return self.env._(
                "No division operates %(address)s: choose the division by hand, or add a coverage area for it.",
                address=self.premises_id.display_name,
            )
        if not self.user_id:
            return self.env._(
                "Nobody of %(division)s is available to take the order (outside working hours, on leave, "
                "or no members): assign a responsible.",
                division=self.division_id.display_name,
            )
        if self.uncovered_address and not self.division_manual:
            return self.env._(
                "No division of the right kind covers %(address)s: %(division)s takes it instead.",
                address=self.premises_id.display_name,
                division=self.division_id.display_name,
            )
        return False

    @api.depends("prospect_phone")
    def _compute_prospect_phone_digits(self):
        for order in self:
            order.prospect_phone_digits = digits_only(order.prospect_phone)

    def _compute_phone_search(self):
        for order in self:
            order.phone_search = order.partner_phone or order.prospect_phone

    def _search_phone_search(self, operator, value):
        positive = operator in ("ilike", "like", "=", "=ilike", "=like")
        if not positive and operator not in ("not ilike", "not like", "!="):
            raise UserError(self.env._("Search a phone number with 'contains' or 'does not contain'."))
        digits = digits_only(value if isinstance(value, str) else "")
        if len(digits) < 3:
            # Not a phone number: no order matches it as one.
            return expression.FALSE_DOMAIN if positive else expression.TRUE_DOMAIN
        domain = [
            "|",
            "|",
            ("prospect_phone_digits", "ilike", digits),
            ("partner_id.phone_digits", "ilike", digits),
            ("commercial_partner_id.phone_digits", "ilike", digits),
        ]
        return domain if positive else ["!", *domain]

    @api.depends("needs_attention", "state", "is_closed", "user_id", "date_deadline", "state_reason")
    def _compute_attention(self):
        states = dict(self._fields["state"]._description_selection(self.env))
        for order in self:
            reasons = order._get_attention_reasons(states)
            order.attention_queue = bool(reasons)
            order.attention_reason = "; ".join(reasons) or False

    def _get_attention_reasons(self, states):
        """Why the order is in the attention queue; the same tests as _search_attention_queue."""
        self.ensure_one()
        reasons = []
        if self.state in ("held", "failed"):
            reasons.append(" — ".join(filter(None, [states[self.state], self.state_reason])))
        elif self.needs_attention:
            reasons.append(self.state_reason or self.env._("Escalated"))
        if self.state != "draft" and not self.is_closed:
            if not self.user_id:
                reasons.append(self.env._("No responsible"))
            if self.date_deadline and self.date_deadline < fields.Datetime.now():
                reasons.append(self.env._("Past its deadline"))
        return reasons

    def _search_attention_queue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on the attention queue."))
        running = [("state", "!=", "draft"), ("is_closed", "=", False)]
        domain = expression.OR(
            [
                [("needs_attention", "=", True)],
                [("state", "in", ("held", "failed"))],
                expression.AND([running, [("user_id", "=", False)]]),
                expression.AND([running, [("date_deadline", "<", fields.Datetime.now())]]),
            ]
        )
        return domain if (operator == "=") == value else ["!", *domain]

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # create() routed the orders with premises and no division chosen by hand.
        routed = [
            order.id
            for order, vals in zip(orders, vals_list, strict=True)
            if vals.get("premises_id") and not vals.get("division_manual")
        ]
        orders.browse(routed)._log_routing_issues()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if "date_deadline" in vals and not self.env.context.get("telecom_scenario_sync"):
            # A promised deadline earlier than the step's brings its escalation forward.
            self.current_order_step_id._plan_sla()
        return result

    def _reroute(self):
        routed = self.filtered(lambda order: order.premises_id and not order.division_manual)
        result = super()._reroute()
        routed._log_routing_issues()
        return result

    def _log_routing_issues(self):
        """A note in the chatter of the orders routing left without a division or a responsible."""
        bodies = {order.id: Markup("<p>%s</p>") % order.routing_reason for order in self if order.routing_reason}
        if bodies:
            self.browse(list(bodies))._message_log_batch(bodies=bodies)
