# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from urllib.parse import parse_qs, urlsplit, urlunsplit

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from ..callback_guard import ALLOWED_HOSTS_PARAM, UnsafeCallback, check_callback
from ..errors import invalid

# Event types by API family; technical-system calls go to the system's endpoints only.
EVENT_TYPES = {
    "productOrdering": (
        "ProductOrderCreateEvent",
        "ProductOrderStateChangeEvent",
        "ProductOrderInformationRequiredEvent",
        "ProductOrderAttributeValueChangeEvent",
        "ProductOrderDeleteEvent",
        "CancelProductOrderCreateEvent",
        "CancelProductOrderStateChangeEvent",
    ),
    "troubleTicket": (
        "TroubleTicketCreateEvent",
        "TroubleTicketStatusChangeEvent",
        "TroubleTicketAttributeValueChangeEvent",
        "TroubleTicketInformationRequiredEvent",
        "TroubleTicketResolvedEvent",
    ),
    "workOrder": ("WorkOrderCreateEvent", "WorkOrderStateChangeEvent"),
    "technicalSystem": ("TechnicalSystemRequestEvent",),
}
API_OF_EVENT = {event: api_name for api_name, events in EVENT_TYPES.items() for event in events}
API_FAMILIES = [
    ("productOrdering", "Product Ordering (TMF622)"),
    ("troubleTicket", "Trouble Ticket (TMF621)"),
    ("workOrder", "Work Order (TMF697)"),
]


def parse_hub_query(query):
    """The event types a hub's query asks for ("eventType=A,B"), or None for all.
    Raises ValueError on what the hub does not understand."""
    if not query:
        return None
    params = parse_qs(query, keep_blank_values=True, strict_parsing=False)
    unknown = set(params) - {"eventType"}
    if unknown:
        raise ValueError(f"unsupported query attribute(s): {', '.join(sorted(unknown))}")
    types = {value.strip() for values in params.get("eventType", []) for value in values.split(",") if value.strip()}
    return types or None


def hub_listener_url(callback, event_type):
    """Where a hub hears `event_type` (TMF630): <callback>/listener/<eventType>,
    the type in lower camel case, e.g. .../listener/productOrderStateChangeEvent."""
    parts = urlsplit(callback)
    path = f"{parts.path.rstrip('/')}/listener/{event_type[:1].lower()}{event_type[1:]}"
    return urlunsplit(parts._replace(path=path))


class TelecomApiListener(models.Model):
    """Where events go: a hub registered over the API by an integration, or the
    endpoint of a technical system configured here."""

    _name = "telecom.api.listener"
    _description = "Event Listener"
    _inherit = "telecom.cached.config"
    _order = "kind, name, id"

    name = fields.Char(required=True)
    kind = fields.Selection(
        [("hub", "Registered Hub"), ("system", "Technical System")], required=True, default="system"
    )
    active = fields.Boolean(default=True)
    client_id = fields.Many2one(
        "telecom.api.client", string="Integration", ondelete="cascade", index=True, help="Who registered the hub."
    )
    api_family = fields.Selection(
        API_FAMILIES, string="API", help="Hubs hear the events of the API they registered on."
    )
    callback = fields.Char(
        string="URL",
        required=True,
        help="A technical system's events are POSTed to this URL; a hub's to <URL>/listener/<eventType>.",
    )
    query = fields.Char(help="The hub's query, e.g. eventType=ProductOrderStateChangeEvent")
    event_types = fields.Char(
        help="Comma-separated event types this listener receives; empty: every event of its API "
        "(for a technical system: work-order events and its own calls)."
    )
    system_code = fields.Char(
        string="Technical System Code",
        index=True,
        help="Scenario actions 'Call a Technical System' with this code are sent here, e.g. billing.",
    )
    secret = fields.Char(
        string="Signing Secret",
        copy=False,
        default=lambda self: secrets.token_hex(32),
        groups="oms_telecom.group_oms_manager",
        help="Events are signed with it (HMAC-SHA256); a hub uses its integration's secret.",
    )
    timeout = fields.Float(string="Timeout (s)", default=10.0)
    max_attempts = fields.Integer(default=8, help="After this many failed attempts a delivery is dead-lettered.")
    backoff_seconds = fields.Integer(
        string="First Retry After (s)", default=30, help="Doubled after each failed attempt, up to 6 hours."
    )
    delivery_ids = fields.One2many("telecom.api.delivery", "listener_id")
    dead_count = fields.Integer(compute="_compute_delivery_counts", string="Dead Letters")
    pending_count = fields.Integer(compute="_compute_delivery_counts", string="Waiting")

    @api.depends("delivery_ids.state")
    def _compute_delivery_counts(self):
        counts = {
            (listener.id, state): count
            for listener, state, count in self.env["telecom.api.delivery"]._read_group(
                [("listener_id", "in", self.ids), ("state", "in", ("pending", "dead"))],
                ["listener_id", "state"],
                ["__count"],
            )
        }
        for listener in self:
            listener.pending_count = counts.get((listener.id, "pending"), 0)
            listener.dead_count = counts.get((listener.id, "dead"), 0)

    @api.constrains("callback", "kind")
    def _check_callback(self):
        for listener in self:
            problem = listener._callback_problem()
            if problem:
                raise ValidationError(problem)

    @api.constrains("query")
    def _check_query(self):
        for listener in self:
            try:
                parse_hub_query(listener.query)
            except ValueError as error:
                raise ValidationError(self.env._("Invalid hub query: %s", error)) from error

    def _wanted_event_types(self):
        """The event types this listener receives."""
        self.ensure_one()
        if self.kind == "hub":
            allowed = set(EVENT_TYPES.get(self.api_family, ()))
            asked = parse_hub_query(self.query)
            return frozenset(allowed & asked if asked else allowed)
        chosen = {value.strip() for value in (self.event_types or "").split(",") if value.strip()}
        return frozenset(chosen or (EVENT_TYPES["workOrder"] + EVENT_TYPES["technicalSystem"]))

    @api.model
    @tools.ormcache()
    def _routing_table(self):
        """{event type: ((listener id, user id of a hub's integration or 0, system code), ...)}
        for the active listeners: an event with no listener costs no query."""
        table = {}
        for listener in self.sudo().search([]):
            if listener.kind == "hub" and not (listener.client_id.active and listener.client_id.user_id):
                continue
            user_id = listener.client_id.user_id.id if listener.kind == "hub" else 0
            for event_type in listener._wanted_event_types():
                table.setdefault(event_type, []).append((listener.id, user_id, listener.system_code or ""))
        return {event_type: tuple(entries) for event_type, entries in table.items()}

    @api.model
    def _check_url(self, url):
        """The callback_guard.CheckedUrl of `url`, to POST to it; UnsafeCallback
        if events may not be sent there: loopback, private, link-local
        addresses, metadata services (unless the host is allowed), or a URL
        that parsers may read in different ways."""
        return check_callback(url, self._hub_allowed_hosts())

    @api.model
    def _url_refusal(self, url, error):
        """The message of the UnsafeCallback `error` raised for `url`."""
        reason = self.env._(error.reason)
        if not error.allowable:
            return self.env._("The URL %(url)s is refused: %(reason)s.", url=url, reason=reason)
        return self.env._(
            "The URL %(url)s is refused: %(reason)s. Its host may be allowed in the system parameter %(param)s.",
            url=url,
            reason=reason,
            param=ALLOWED_HOSTS_PARAM,
        )

    @api.model
    def _hub_callback_problem(self, callback):
        """Why events may not be POSTed to `callback`, or None."""
        try:
            self._check_url(callback)
        except UnsafeCallback as error:
            return self._url_refusal(callback, error)
        return None

    def _callback_problem(self):
        """Why this listener may not be called now (DNS may have changed since
        it was registered), or None. Hubs and technical systems alike: a
        manager is not an administrator, the allow-list (a system parameter)
        is where internal hosts are allowed."""
        self.ensure_one()
        return self._hub_callback_problem(self.callback)

    @api.model
    def _hub_allowed_hosts(self):
        params_sudo = self.env["ir.config_parameter"].sudo()
        return params_sudo.get_param(ALLOWED_HOSTS_PARAM, "")

    def _delivery_url(self, event_type):
        """A hub hears each event type at its own path; a technical system at its URL."""
        self.ensure_one()
        return hub_listener_url(self.callback, event_type) if self.kind == "hub" else self.callback

    @api.model
    def _register_hub(self, client_id, api_family, callback, query):
        """A hub registered over the API by the integration `client_id` (its user
        cannot manage listeners: the integration owns only its own hubs)."""
        problem = self._hub_callback_problem(callback)
        if problem:
            raise invalid(problem, code="INVALID_CALLBACK")
        listener_sudo = self.sudo().create(
            {
                "name": f"{api_family} hub",
                "kind": "hub",
                "client_id": client_id,
                "api_family": api_family,
                "callback": callback,
                "query": query or False,
            }
        )
        return listener_sudo

    def _signing_key(self):
        self.ensure_one()
        listener_sudo = self.sudo()
        secret = listener_sudo.client_id.signing_secret if listener_sudo.kind == "hub" else listener_sudo.secret
        return (secret or "").encode()

    def action_view_deliveries(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("oms_telecom_api.telecom_api_delivery_action")
        action["domain"] = [("listener_id", "=", self.id)]
        return action
