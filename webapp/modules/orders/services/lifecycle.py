"""Transitions of an order: paid, delivered, returned, cancelled, closed (fulfilment.py ships).

Each one locks the order row, checks the state machine, writes a timeline entry and publishes
its event once. A refused transition raises InvalidTransition and changes nothing.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderCancelled, OrderClosed, OrderDelivered, OrderPaid
from webapp.modules.customers import services as customers
from webapp.modules.orders.exceptions import InvalidTransition, OrderNotFound
from webapp.modules.orders.models import Order, utcnow
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.states import can_move, check, require

log = logging.getLogger(__name__)
REASON_MAX = 500


def locked_order(store_id: int, order_id: int) -> Order:
    """The order, re-read under a row lock so concurrent transitions run one after the other."""
    order = db.session.scalar(select(Order).where(Order.store_id == store_id, Order.id == order_id)
                              .with_for_update().execution_options(populate_existing=True))
    if order is None:
        raise OrderNotFound("order not found")
    return order


def _mismatch(order: Order, amount, currency: str | None) -> bool:
    if currency is not None and currency.upper() != order.currency:
        return True
    if amount is None:
        return False
    try:
        return Decimal(str(amount)).quantize(Decimal("0.01")) != order.total
    except (InvalidOperation, ValueError):
        return True


def mark_paid(store_id: int, order_id: int, *, platform_id: int, payment_id: int | None = None,
              amount: Decimal | str | None = None, currency: str | None = None,
              actor_id: int | None = None) -> Order:
    """Payment pending → paid, once: a repeated confirmation changes nothing; a wrong amount or currency
    leaves the order pending with a note on its timeline."""
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        if order.paid_at is not None:
            return order
        check("payment", order.payment_status, "paid")
        if order.status != "open":
            raise InvalidTransition(order.status, "paid")
        if _mismatch(order, amount, currency):
            log.warning("payment %s of order %s does not match its total", payment_id, order_id)
            timeline.record(order, "payment_mismatch", payment_id=payment_id or "", amount=amount or "",
                            currency=currency or "", expected=order.total)
            db.session.flush()
            return order
        order.payment_status, order.paid_at = "paid", utcnow()
        timeline.record(order, "paid", actor_id=actor_id, payment_id=payment_id or "", amount=order.total)
        db.session.flush()
        events.publish(OrderPaid(platform_id=platform_id, store_id=store_id, order_id=order.id))
        _record_customer_order(order)
        return order


def _record_customer_order(order: Order) -> None:
    if order.customer_id is not None:
        customers.record_order(order.store_id, order.customer_id, order.total, order.placed_at)


def mark_delivered(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int) -> Order:
    """Everything shipped has arrived."""
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "mark_delivered")
        order.fulfilment_status, order.delivered_at = "delivered", utcnow()
        timeline.record(order, "delivered", actor_id=actor_id)
        db.session.flush()
        events.publish(OrderDelivered(platform_id=platform_id, store_id=store_id, order_id=order.id))
        return order


def mark_returned(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int) -> Order:
    """The customer sent the parcel back (stock comes back with a refund that restocks it)."""
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "mark_returned")
        order.fulfilment_status = "returned"
        timeline.record(order, "returned", actor_id=actor_id)
        db.session.flush()
        return order


def _clean_text(text: str | None) -> str:
    # Free text is kept as typed, minus control characters (PostgreSQL refuses NUL).
    return "".join(ch for ch in (text or "") if ch.isprintable() or ch in "\n\t").strip()


def cancel(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int, reason: str = "") -> Order:
    """Cancel an order nothing of which has shipped; money not taken is voided, taken money stays to refund.

    The inventory module puts the order's stock back when it hears about it.
    """
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "cancel")
        order.status, order.cancelled_at = "cancelled", utcnow()
        if can_move("payment", order.payment_status, "voided"):
            order.payment_status = "voided"
        for line in order.lines:  # its stock goes back: nothing is left to ship
            line.cancelled_quantity = line.quantity - line.fulfilled_quantity
        timeline.record(order, "cancelled", actor_id=actor_id, message=_clean_text(reason)[:REASON_MAX])
        db.session.flush()
        events.publish(OrderCancelled(platform_id=platform_id, store_id=store_id, order_id=order.id))
        return order


def close(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int) -> Order:
    """Shipped and settled: the order is complete and leaves the merchant's to-do list."""
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        require(order, "close")
        order.status, order.closed_at = "closed", utcnow()
        timeline.record(order, "closed", actor_id=actor_id)
        db.session.flush()
        events.publish(OrderClosed(platform_id=platform_id, store_id=store_id, order_id=order.id))
        return order
