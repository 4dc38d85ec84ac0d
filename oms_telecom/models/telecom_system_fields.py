# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import AccessError, ValidationError

from .telecom_private_context import may_write_system_fields, system_write_context

ALL_FIELDS = "__all__"
MAGIC_FIELDS = frozenset(models.MAGIC_COLUMNS) | {"display_name"}


class TelecomSystemFieldsMixin(models.AbstractModel):
    """Fields that only the model's own code writes: states, dates, SLA and
    escalation bookkeeping, numbers from sequences, flags. A screen shows them
    read-only, which protects nothing over JSON-RPC, an import or a portal call:
    `_check_system_fields`, called first by the model's create() and write(),
    refuses them to every client, whatever its role. The model's code writes
    them in `system_write_context()`.

    Besides the fields listed in `_system_fields` (or all of them, with
    "__all__"), every stored field declared read-only (related fields included,
    whose write would go through to their record) is the system's."""

    _name = "telecom.system.fields.mixin"
    _description = "Fields Only the System Writes"

    _system_fields = ()

    @api.model
    def _get_system_fields(self):
        stored = {name for name, field in self._fields.items() if field.store and name not in MAGIC_FIELDS}
        if self._system_fields == ALL_FIELDS:
            return stored
        return {name for name in stored if self._fields[name].readonly} | set(self._system_fields)

    @api.model
    def _check_system_fields(self, vals_list, create=False):
        """Refuse the values of fields that only the system writes; on `create`,
        their defaults sent in the context too."""
        if not isinstance(vals_list, list) or not all(isinstance(vals, dict) for vals in vals_list):
            # What a client sends over RPC: a clear error rather than a traceback.
            raise ValidationError(
                self.env._(
                    "%(model)s records are written with field values: a dictionary per record.", model=self._description
                )
            )
        if may_write_system_fields(self.env):
            return
        written = {name for vals in vals_list for name in vals}
        if create:
            written |= {key[len("default_") :] for key in self.env.context if key.startswith("default_")}
        refused = written & self._get_system_fields()
        if refused:
            raise AccessError(
                self.env._(
                    "%(fields)s of %(model)s are set by the system and cannot be written.",
                    fields=", ".join(sorted(self._fields[name]._description_string(self.env) for name in refused)),
                    model=self._description,
                )
            )

    def _system_write(self, vals, *keys):
        """Write fields that only the system writes (with the private context `keys` too)."""
        return self.with_context(**system_write_context(*keys)).write(vals)
