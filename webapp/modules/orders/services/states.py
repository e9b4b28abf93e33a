"""The order's three state machines and the actions they allow: the one place that decides.

An order has a payment status, a fulfilment status and its own status, kept apart as Shopify
and Saleor do. A step is allowed when its machine allows the move; an action is offered only
when every machine it touches allows it (a fulfilled, partly refunded order offers no "fulfil").
"""

from __future__ import annotations

from webapp.modules.orders.exceptions import InvalidTransition

PAYMENT_STATUSES = ("pending", "authorized", "paid", "partially_refunded", "refunded", "voided")
FULFILMENT_STATUSES = ("unfulfilled", "partially_fulfilled", "fulfilled", "delivered", "returned")
ORDER_STATUSES = ("open", "cancelled", "closed")

_FLOWS: dict[str, dict[str, frozenset[str]]] = {
    "payment": {
        "pending": frozenset({"authorized", "paid", "voided"}),
        "authorized": frozenset({"paid", "voided"}),
        "paid": frozenset({"partially_refunded", "refunded"}),
        "partially_refunded": frozenset({"partially_refunded", "refunded"}),
        "refunded": frozenset(),
        "voided": frozenset(),
    },
    "fulfilment": {
        "unfulfilled": frozenset({"partially_fulfilled", "fulfilled"}),
        "partially_fulfilled": frozenset({"partially_fulfilled", "fulfilled"}),
        "fulfilled": frozenset({"delivered", "returned"}),
        "delivered": frozenset({"returned"}),
        "returned": frozenset(),
    },
    # Final: a cancelled order is not revived, a closed one is done.
    "order": {"open": frozenset({"cancelled", "closed"}), "cancelled": frozenset(), "closed": frozenset()},
}

CAPTURED = frozenset({"paid", "partially_refunded"})  # money taken, some left to give back
SETTLED = CAPTURED | {"refunded"}
# Payment statuses in which the order's money counts as taken (revenue, "to ship").
PAID_STATUSES = ("paid", "partially_refunded")
TO_SHIP = ("unfulfilled", "partially_fulfilled")

ACTIONS = ("fulfil", "mark_delivered", "mark_returned", "refund", "cancel", "close", "add_note")


def can_move(machine: str, current: str, wanted: str) -> bool:
    return wanted in _FLOWS[machine].get(current, frozenset())


def check(machine: str, current: str, wanted: str) -> None:
    """Raise InvalidTransition unless `machine` may go from `current` to `wanted`."""
    if not can_move(machine, current, wanted):
        raise InvalidTransition(current, wanted)


def available_actions(order) -> frozenset[str]:
    """What may be done to `order` now, as both its payment and its fulfilment status allow."""
    pay, ship, status = order.payment_status, order.fulfilment_status, order.status
    is_open = status == "open"
    rules = {
        "fulfil": is_open and ship in TO_SHIP and pay in CAPTURED | {"authorized"}
        and can_move("fulfilment", ship, "fulfilled"),
        "mark_delivered": is_open and can_move("fulfilment", ship, "delivered"),
        "mark_returned": is_open and can_move("fulfilment", ship, "returned"),
        # A cancelled or closed order that kept its money can still give it back.
        "refund": pay in CAPTURED,
        # Nothing has left the warehouse: money not taken is voided, taken money is refunded apart.
        "cancel": is_open and ship == "unfulfilled" and can_move("order", status, "cancelled"),
        "close": is_open and ship in ("fulfilled", "delivered", "returned") and pay in SETTLED,
        "add_note": True,
    }
    return frozenset(action for action, allowed in rules.items() if allowed)


def require(order, action: str) -> None:
    """Raise InvalidTransition unless `action` is available for `order` now."""
    if action not in available_actions(order):
        raise InvalidTransition(f"{order.payment_status}/{order.fulfilment_status}/{order.status}", action)


def derive_fulfilment(current: str, lines) -> str:
    """The fulfilment status the lines' quantities give; delivered and returned (set by the merchant)
    are kept while everything to ship has shipped."""
    to_ship = sum(line.quantity - line.cancelled_quantity for line in lines)
    shipped = sum(line.fulfilled_quantity for line in lines)
    if current in ("delivered", "returned") and shipped >= to_ship:
        return current
    if shipped == 0:
        return "unfulfilled"
    return "fulfilled" if shipped >= to_ship else "partially_fulfilled"
