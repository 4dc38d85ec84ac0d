# Copyright 2026 OMS Telecom contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""TMF622 order states and the transitions the order lifecycle allows."""

ORDER_STATES = [
    ("draft", "Draft"),
    ("acknowledged", "Acknowledged"),
    ("rejected", "Rejected"),
    ("in_progress", "In Progress"),
    ("pending", "Pending (waiting for customer)"),
    ("held", "Held"),
    ("partial", "Partial"),
    ("failed", "Failed"),
    ("completed", "Completed"),
    ("assessing_cancellation", "Assessing Cancellation"),
    ("pending_cancellation", "Pending Cancellation"),
    ("cancelled", "Cancelled"),
]

ALLOWED_TRANSITIONS = {
    "draft": {"acknowledged", "rejected", "cancelled"},
    "acknowledged": {"in_progress", "rejected", "pending", "held", "assessing_cancellation"},
    "in_progress": {"pending", "held", "partial", "failed", "completed", "assessing_cancellation"},
    "pending": {"in_progress", "held", "assessing_cancellation"},
    "held": {"in_progress", "pending", "failed", "assessing_cancellation"},
    "assessing_cancellation": {"pending_cancellation", "acknowledged", "in_progress", "pending", "held"},
    "pending_cancellation": {"cancelled"},
    "failed": {"in_progress"},
    "rejected": set(),
    "partial": set(),
    "completed": set(),
    "cancelled": set(),
}

OPEN_STATES = (
    "draft",
    "acknowledged",
    "in_progress",
    "pending",
    "held",
    "assessing_cancellation",
    "pending_cancellation",
)
CLOSED_STATES = ("rejected", "partial", "failed", "completed", "cancelled")
# Closed for good: no step is current any more (a failed order may still be retried).
FINAL_STATES = ("rejected", "partial", "completed", "cancelled")
CANCELLABLE_STATES = ("acknowledged", "in_progress", "pending", "held")
