"""The order state machine: the one place that says which status may follow which."""

from __future__ import annotations

from webapp.modules.orders.exceptions import InvalidTransition

REFUNDS = frozenset({"refunded", "partially_refunded"})

ALLOWED: dict[str, frozenset[str]] = {
    "pending": frozenset({"paid", "cancelled"}),
    "paid": frozenset({"processing", "shipped", "cancelled"}) | REFUNDS,
    "processing": frozenset({"shipped", "cancelled"}) | REFUNDS,
    "shipped": frozenset({"delivered"}) | REFUNDS,
    "delivered": REFUNDS,
    "partially_refunded": frozenset({"shipped", "delivered"}) | REFUNDS,
    # Final: a cancelled order is not revived, a fully refunded one has nothing left to do.
    "cancelled": frozenset(),
    "refunded": frozenset(),
}

# Statuses in which the order's money counts as taken (revenue, "to ship").
PAID_STATUSES = ("paid", "processing", "shipped", "delivered", "partially_refunded")
TO_SHIP_STATUSES = ("paid", "processing")


def can_become(current: str, wanted: str) -> bool:
    return wanted in ALLOWED.get(current, frozenset())


def check_transition(current: str, wanted: str) -> None:
    """Raise InvalidTransition unless `current` may become `wanted`."""
    if not can_become(current, wanted):
        raise InvalidTransition(current, wanted)


def can_refund(current: str) -> bool:
    return bool(ALLOWED.get(current, frozenset()) & REFUNDS)
