# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models, tools
from odoo.tools import SQL

# What get_next_char reads of a sequence to format its numbers.
FORMAT_FIELDS = ("name", "prefix", "suffix", "padding")


class IrSequence(models.Model):
    _name = "ir.sequence"
    # Any change of a sequence clears the cached settings (_batchable_sequence).
    _inherit = ["ir.sequence", "telecom.cached.config"]

    @api.model
    def _next_batch_by_code(self, sequence_code, count):
        """`count` numbers of the sequence `sequence_code` in one query (standard
        sequences without date ranges), so that creating many orders does not cost
        two queries per order; other sequences fall back to next_by_code."""
        if count <= 0:
            return []
        batchable = self._batchable_sequence(sequence_code, self.env.company.id)
        if not batchable:
            return [self.next_by_code(sequence_code) for _index in range(count)]
        sequence_id, format_values = batchable
        rows = self.env.execute_query(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence_id:03d}",
                count,
            )
        )
        # Formatted as get_next_char formats them, from the cached settings.
        formatter = self.sudo().new(dict(format_values))
        return [formatter.get_next_char(number) for (number,) in rows]

    @api.model
    @tools.ormcache("sequence_code", "company_id")
    def _batchable_sequence(self, sequence_code, company_id):
        """(id, ((field, value), ...)) of the sequence `sequence_code` of the
        company if its numbers can be taken in a batch, else None. Cached: a
        sequence's settings change rarely, and any change clears the cache."""
        sequence_sudo = self.sudo().search(
            [("code", "=", sequence_code), ("company_id", "in", [company_id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence_sudo or sequence_sudo.implementation != "standard" or sequence_sudo.use_date_range:
            return None
        return sequence_sudo.id, tuple((name, sequence_sudo[name]) for name in FORMAT_FIELDS)
