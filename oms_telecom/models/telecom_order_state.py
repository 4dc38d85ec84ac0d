"""TMF622 order states and the transitions the order lifecycle allows."""

ORDER_STATES = [
    ("draft", "Draft"),
    ("acknowledged", "Acknowledged"),
    ("rejected", "Rejected"),
    ("inProgress", "In Progress"),
    ("pending", "Pending (waiting for customer)"),
    ("held", "Held"),
    ("partial", "Partial"),
    ("failed", "Failed"),
    ("completed", "Completed"),
    ("assessingCancellation", "Assessing Cancellation"),
    ("pendingCancellation", "Pending Cancellation"),
    ("cancelled", "Cancelled"),
]

ALLOWED_TRANSITIONS = {
    "draft": {"acknowledged", "rejected", "cancelled"},
    "acknowledged": {"inProgress", "rejected", "pending", "held", "assessingCancellation"},
    "inProgress": {"pending", "held", "partial", "failed", "completed", "assessingCancellation"},
    "pending": {"inProgress", "held", "assessingCancellation"},
    "held": {"inProgress", "pending", "failed", "assessingCancellation"},
    "assessingCancellation": {"pendingCancellation", "acknowledged", "inProgress", "pending", "held"},
    "pendingCancellation": {"cancelled"},
    "failed": {"inProgress"},
    "rejected": set(),
    "partial": set(),
    "completed": set(),
    "cancelled": set(),
}

OPEN_STATES = ("draft", "acknowledged", "inProgress", "pending", "held", "assessingCancellation", "pendingCancellation")
CLOSED_STATES = ("rejected", "partial", "failed", "completed", "cancelled")
# Closed for good: no step is current any more (a failed order may still be retried).
FINAL_STATES = ("rejected", "partial", "completed", "cancelled")
CANCELLABLE_STATES = ("acknowledged", "inProgress", "pending", "held")
