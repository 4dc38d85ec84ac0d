from collections import defaultdict

from odoo import models
from odoo.exceptions import MissingError


class TelecomOrder(models.Model):
    _inherit = "telecom.order"  # pylint: disable=consider-merging-classes-inherited

    def _message_track(self, fields_iter, initial_values_dict):
        """mail.thread's tracking, with the tracking notes of many orders changed
        in one transaction (a batch submitted, routed, escalated) logged together:
        one create of their messages and one of their tracking values, where
        mail.thread logs each order's note by itself."""
        if len(self) < 2 or not fields_iter:
            return super()._message_track(fields_iter, initial_values_dict)
        tracked_fields = self.fields_get(fields_iter, attributes=("string", "type", "selection", "currency_field"))
        tracking = {}
        for order in self:
            try:
                tracking[order.id] = order._mail_track(tracked_fields, initial_values_dict[order.id])
            except MissingError:
                continue
        precommit = self.env.cr.precommit.data
        bodies = precommit.pop(f"mail.tracking.message.{self._name}", {})
        authors = precommit.pop(f"mail.tracking.author.{self._name}", {})
        notes = defaultdict(dict)  # author id: {order id: (body, tracking value commands)}
        for order in self:
            changes, tracking_value_ids = tracking.get(order.id, (None, None))
            if not changes:
                continue
            body = bodies[order.id] if order.id in bodies else order._track_get_default_log_message(changes)
            author_id = authors[order.id].id if order.id in authors else None
            subtype = order._track_subtype({name: initial_values_dict[order.id][name] for name in changes})
            if subtype:
                if subtype.exists():
                    order.message_post(
                        body=body, author_id=author_id, subtype_id=subtype.id, tracking_value_ids=tracking_value_ids
                    )
            elif tracking_value_ids:
                notes[author_id][order.id] = (body, tracking_value_ids)
        for author_id, notes_by_order in notes.items():
            self._log_tracking_notes(author_id, notes_by_order)
        return tracking

    def _log_tracking_notes(self, author_id, notes_by_order):
        """Log {order id: (body, tracking value commands)} as `author_id`: the
        notes mail.thread's _message_log would log one by one."""
        orders = self.browse(list(notes_by_order))
        messages = orders._message_log_batch(
            bodies={order_id: body for order_id, (body, _values) in notes_by_order.items()}, author_id=author_id
        )
        message_by_order = {message.res_id: message for message in messages}
        self.env["mail.tracking.value"].sudo().create(
            [
                dict(values, mail_message_id=message_by_order[order_id].id)
                for order_id, (_body, commands) in notes_by_order.items()
                for _command, _id, values in commands
            ]
        )
