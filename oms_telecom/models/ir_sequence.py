# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.tools import SQL


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _next_batch_by_code(self, sequence_code, count):
        """`count` numbers of the sequence `sequence_code` in one query (standard
        sequences without date ranges), so that creating many orders does not cost
        two queries per order; other sequences fall back to next_by_code."""
        if count <= 0:
            return []
        sequence = self.sudo().search(
            [("code", "=", sequence_code), ("company_id", "in", [self.env.company.id, False])],
            order="company_id",
            limit=1,
        )
        if not sequence or sequence.implementation != "standard" or sequence.use_date_range:
            return [self.next_by_code(sequence_code) for _index in range(count)]
        rows = self.env.execute_query(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [sequence.get_next_char(number) for (number,) in rows]
