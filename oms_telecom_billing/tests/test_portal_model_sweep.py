# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .common import TwoSubscribersCase

_logger = logging.getLogger(__name__)

# Models portal users read that hold no subscriber's data, and why each is public.
PUBLIC_MODELS = {
    "account.payment.term": "payment terms, printed on every invoice",
    "mail.message.subtype": "kinds of chatter messages (the internal ones are hidden by a rule)",
    "payment.method": "the payment methods offered at checkout",
    "res.company": "the operator's company, printed on every document",
    "res.country": "reference data (addresses)",
    "res.country.group": "reference data (addresses)",
    "res.country.state": "reference data (addresses)",
    "res.currency": "reference data (amounts)",
    "res.currency.rate": "published exchange rates",
    "res.lang": "reference data (the languages the portal speaks)",
    "telecom.order.stage": "the stage names shown by the order progress tracker",
}

# Models holding subscribers' records: the path(s) from a record to its owners (partners
# or users). A record is the portal user's when one owner belongs to the user's
# commercial entity. Transient models belong to their creator, messages to the owner of
# their document, their author or their recipients.
OWNER_PATHS = {
    "account.move": "partner_id",
    "account.move.line": "move_id.partner_id",
    "auth_totp.device": "user_id",
    "bus.presence": "user_id",
    "contract.contract": "partner_id",
    "contract.line": "contract_id.partner_id",
    "contract.modification": "contract_id.partner_id",
    "discuss.channel": "channel_member_ids.partner_id",
    "discuss.channel.member": "channel_id.channel_member_ids.partner_id",
    "ir.filters": "user_id",
    "mail.message": ("author_id", "partner_ids"),
    "mail.notification": "res_partner_id",
    "payment.token": "partner_id",
    "res.partner": "commercial_partner_id",
    "res.partner.autocomplete.sync": "partner_id",
    "res.users": "partner_id",
    "res.users.apikeys": "user_id",
    "telecom.order": "partner_id",
    "telecom.order.document": "order_id.partner_id",
    "telecom.order.line": "order_id.partner_id",
    "telecom.order.step": "order_id.partner_id",
    "telecom.premises": ("service_ids.partner_id", "order_ids.partner_id"),
    "telecom.subscriber.service": "partner_id",
    "telecom.work.order": "order_id.partner_id",
}

# Models where the records of the operator's staff (internal users) are public, and why.
STAFF_PUBLIC = {
    "bus.presence": "whether the staff is online, shown next to their names in the chatter",
}

# Read through the web client's JSON-RPC as well.
RPC_MODELS = (
    "contract.line",
    "contract.modification",
    "contract.contract",
    "account.move",
    "account.move.line",
    "telecom.order",
    "telecom.order.line",
    "telecom.subscriber.service",
)
SCALAR_TYPES = ("char", "text", "html", "integer", "float", "monetary", "boolean", "date", "datetime", "selection")
MIN_MODELS = 30
FOREIGN_SAMPLE = 5


class PortalSweepMixin:
    """Who owns a record, and which data fields to read back."""

    def _owner_paths(self, model_name):
        if model_name in OWNER_PATHS:
            paths = OWNER_PATHS[model_name]
            return paths if isinstance(paths, tuple) else (paths,)
        if self.env[model_name]._transient:
            return ("create_uid",)
        return None

    def _mine(self, records, commercial):
        """The records (in sudo) that belong to the commercial entity `commercial`."""
        paths = self._owner_paths(records._name)

        def is_mine(record):
            for path in paths:
                owners = record.mapped(path)
                if owners._name == "res.users":
                    if record._name in STAFF_PUBLIC and not all(owners.mapped("share")):
                        return True
                    owners = owners.partner_id
                if commercial in owners.commercial_partner_id:
                    return True
            if record._name == "mail.message" and record.model in OWNER_PATHS and record.res_id:
                document = self.env[record.model].browse(record.res_id).exists()
                return bool(document and self._mine(document, commercial))
            return False

        return records.sudo().filtered(is_mine)

    def _data_fields(self, model_name):
        """A few stored data fields everyone may read (no field-level groups)."""
        fields = self.env[model_name]._fields.values()
        names = [f.name for f in fields if f.store and f.type in SCALAR_TYPES and not f.groups and f.name != "id"]
        return names[:5] or ["id"]


@tagged("post_install", "-at_install")
class TestPortalModelSweep(PortalSweepMixin, TwoSubscribersCase, HttpCase):
    """Every model a portal user can read (found from the access rights, so that new
    models are swept too) gives a subscriber their own commercial entity's records
    only, unless it is public reference data."""

    def setUp(self):
        super().setUp()
        self.commercial = self.user_portal.partner_id.commercial_partner_id

    def _portal_readable_models(self, user):
        Access = self.env["ir.model.access"].with_user(user)
        return sorted(
            name
            for name, model_class in self.env.registry.items()
            if not model_class._abstract and Access.check(name, "read", raise_exception=False)
        )

    def test_orm_sweep(self):
        user = self.user_portal
        readable = self._portal_readable_models(user)
        self.assertGreaterEqual(len(readable), MIN_MODELS, "the sweep found the models portal users read")
        unclassified = [name for name in readable if name not in PUBLIC_MODELS and not self._owner_paths(name)]
        self.assertFalse(
            unclassified,
            "Portal users read these models: keep them to the subscriber's records with a record rule and "
            "add them to OWNER_PATHS, or add them to PUBLIC_MODELS with the reason they are public.",
        )
        probes = rows = refused = 0
        for name in readable:
            Model = self.env[name].with_user(user).with_context(active_test=False)
            seen = self.env[name].browse(row["id"] for row in Model.search_read([], ["id"]))
            probes += 1
            rows += len(seen)
            if name in PUBLIC_MODELS:
                continue
            with self.subTest(model=name):
                others = seen - self._mine(seen, self.commercial)
                self.assertFalse(others, f"{name}: a subscriber reads other subscribers' records")
                everything = self.env[name].sudo().with_context(active_test=False).search([], order="id desc")
                foreign = (everything - self._mine(everything, self.commercial))[:FOREIGN_SAMPLE]
                self.assertFalse(Model.search_count([("id", "in", foreign.ids)]), f"{name}: other's records found")
                probes += 1
                fields = self._data_fields(name)
                for record in foreign:
                    with self.assertRaises(AccessError, msg=f"{name}: another subscriber's record read"):
                        record.with_user(user).read(fields)
                    refused += 1
                probes += 1
        transient = [name for name in readable if self.env[name]._transient]
        _logger.info(
            "Portal model sweep: %d models (%d holding subscribers' records, %d transient, %d public) "
            "x 3 probes (search_read, search_count and read of others' records): %d probes, "
            "%d records seen, %d foreign records refused",
            len(readable),
            len(readable) - len(PUBLIC_MODELS) - len(transient),
            len(transient),
            len(PUBLIC_MODELS),
            probes,
            rows,
            refused,
        )

    def test_world_has_every_kind(self):
        """Subscriber B owns records of every kind the sweep looks at."""
        for kind in ("connection", "order", "service", "contract", "invoice", "document", "chat"):
            self.assertTrue(self.theirs[kind], kind)
            self.assertFalse(self._mine(self.theirs[kind], self.commercial), kind)
            self.assertTrue(self._mine(self.mine[kind], self.commercial), kind)

    def test_presence_of_the_staff_and_oneself(self):
        staff = self.env["bus.presence"].create({"user_id": self.user_operator.id, "status": "online"})
        presences = self.env["bus.presence"].search([])
        own = presences.filtered(lambda presence: presence.user_id == self.user_portal)
        other = presences.filtered(lambda presence: presence.user_id == self.user_portal_other)
        self.assertTrue(own and other)
        seen = self.env["bus.presence"].with_user(self.user_portal).search([])
        self.assertEqual(seen & (staff | own | other), staff | own, "the staff's and one's own, not another's")
        seen = self.env["bus.presence"].with_user(self.user_operator).search([])
        self.assertLessEqual(staff | own | other, seen, "the staff sees everyone's")

    def _rpc(self, model, method, args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs},
        )

    def test_json_rpc_sweep(self):
        self.authenticate(self.user_portal.login, self.user_portal.login)
        theirs = {
            "contract.contract": self.theirs["contract"],
            "contract.line": self.theirs["contract"].contract_line_ids,
            "contract.modification": self.theirs["contract"].modification_ids,
            "account.move": self.theirs["invoice"],
            "account.move.line": self.theirs["invoice"].line_ids,
            "telecom.order": self.theirs["order"],
            "telecom.order.line": self.theirs["order"].line_ids,
            "telecom.subscriber.service": self.theirs["service"],
        }
        mine = {
            "contract.contract": self.mine["contract"],
            "contract.line": self.mine["contract"].contract_line_ids,
            "contract.modification": self.mine["contract"].modification_ids,
            "account.move": self.mine["invoice"],
            "account.move.line": self.mine["invoice"].line_ids,
            "telecom.order": self.mine["order"],
            "telecom.order.line": self.mine["order"].line_ids,
            "telecom.subscriber.service": self.mine["service"],
        }
        probes = 0
        for model in RPC_MODELS:
            with self.subTest(model=model):
                ids = {row["id"] for row in self._rpc(model, "search_read", [], domain=[], fields=["id"])}
                records = self.env[model].browse(ids)
                self.assertFalse(records - self._mine(records, self.commercial), f"{model}: others' records")
                self.assertLessEqual(set(mine[model].ids), ids, f"{model}: the subscriber's own records")
                specification = {name: {} for name in self._data_fields(model)}
                for record in theirs[model][:FOREIGN_SAMPLE]:
                    with self.assertLogs("odoo.http", "WARNING"), self.assertRaises(JsonRpcException) as refused:
                        self._rpc(model, "web_read", [record.ids], specification=specification)
                    self.assertEqual(refused.exception.args[0], "odoo.exceptions.AccessError")
                    with self.assertLogs("odoo.http", "WARNING"), self.assertRaises(JsonRpcException):
                        self._rpc(model, "read", [record.ids], fields=list(specification))
                    probes += 2
                probes += 1
        _logger.info(
            "Portal JSON-RPC sweep: %d models x (search_read, web_read, read): %d probes", len(RPC_MODELS), probes
        )
