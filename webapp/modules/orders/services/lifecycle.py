"""Transitions of an order: paid, processing, shipped, delivered, cancelled.

Each one locks the order row, checks the state machine, writes a timeline entry and publishes
its event once. A refused transition raises InvalidTransition and changes nothing.
"""

from __future__ import annotations

import logging
from decimal import Decimal, InvalidOperation

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.errors import OrionError
from webapp.framework.scoping import STORE_TABLE, store_scope
from webapp.modules.contracts.events import OrderCancelled, OrderPaid, OrderShipped
from webapp.modules.orders.exceptions import OrderError, OrderNotFound
from webapp.modules.orders.models import Order, utcnow
from webapp.modules.orders.services import peers, timeline
from webapp.modules.orders.services.states import check_transition

log = logging.getLogger(__name__)
TRACKING_MAX = 64
REASON_MAX = 500
SHIPPED_EMAIL = "orders/emails/shipped"
TIMESTAMPS = {"shipped": "shipped_at", "delivered": "delivered_at", "cancelled": "cancelled_at"}


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
    """Pending → paid, once: a repeated confirmation changes nothing; a wrong amount or currency
    leaves the order pending with a note on its timeline."""
    with store_scope(store_id):
        order = locked_order(store_id, order_id)
        if order.paid_at is not None:
            return order
        check_transition(order.status, "paid")
        if _mismatch(order, amount, currency):
            log.warning("payment %s of order %s does not match its total", payment_id, order_id)
            timeline.record(order, "payment_mismatch", payment_id=payment_id or "", amount=amount or "",
                            currency=currency or "", expected=order.total)
            db.session.flush()
            return order
        order.status, order.paid_at = "paid", utcnow()
        timeline.record(order, "paid", actor_id=actor_id, payment_id=payment_id or "", amount=order.total)
        db.session.flush()
        events.publish(OrderPaid(platform_id=platform_id, store_id=store_id, order_id=order.id))
        _record_customer_order(order)
        return order


def _record_customer_order(order: Order) -> None:
    record_order = peers.function(peers.customers(), "record_order")
    if order.customer_id is not None and record_order is not None:
        record_order(order.store_id, order.customer_id, order.total, order.placed_at)


def _move(store_id: int, order_id: int, wanted: str, *, actor_id: int | None, message: str = "", **data) -> Order:
    order = locked_order(store_id, order_id)
    check_transition(order.status, wanted)
    order.status = wanted
    if wanted in TIMESTAMPS:
        setattr(order, TIMESTAMPS[wanted], utcnow())
    timeline.record(order, wanted, actor_id=actor_id, message=message, **data)
    return order


def start_processing(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int) -> Order:
    """Paid → processing: the merchant started preparing the order."""
    with store_scope(store_id):
        order = _move(store_id, order_id, "processing", actor_id=actor_id)
        db.session.flush()
        return order


def ship(store_id: int, order_id: int, *, tracking_number: str, actor_id: int | None, platform_id: int) -> Order:
    """Mark the order shipped with its tracking number; the customer gets the "shipped" email."""
    tracking = (tracking_number or "").strip()
    if not tracking or len(tracking) > TRACKING_MAX or not tracking.isprintable():
        raise OrderError("a tracking number of at most 64 characters is required", reason="tracking")
    with store_scope(store_id):
        order = _move(store_id, order_id, "shipped", actor_id=actor_id, tracking_number=tracking)
        order.tracking_number = tracking
        db.session.flush()
        events.publish(OrderShipped(platform_id=platform_id, store_id=store_id, order_id=order.id))
        _send_shipped_email(order)
        return order


def _store_name(store_id: int) -> str:
    # The stores table by name (as every store_id foreign key does): no import of tenancy's models.
    stores = db.metadata.tables[STORE_TABLE]
    return db.session.scalar(select(stores.c.name).where(stores.c.id == store_id)) or ""


def _send_shipped_email(order: Order) -> None:
    send_email = peers.function(peers.messaging(), "send_email")
    if send_email is None or not order.email:
        return
    context = {"order_number": order.number, "tracking_number": order.tracking_number or "",
               "store_name": _store_name(order.store_id), "shipping_method": order.shipping_method_label}
    try:
        send_email(order.store_id, SHIPPED_EMAIL, order.email, context, locale=order.locale)
    except OrionError:  # refused before anything is written (bad address, template): the parcel left anyway
        log.exception("could not queue the shipped email of order %s", order.id)


def mark_delivered(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int) -> Order:
    with store_scope(store_id):
        order = _move(store_id, order_id, "delivered", actor_id=actor_id)
        db.session.flush()
        return order


def _clean_text(text: str | None) -> str:
    # Free text is kept as typed, minus control characters (PostgreSQL refuses NUL).
    return "".join(ch for ch in (text or "") if ch.isprintable() or ch in "\n\t").strip()


def cancel(store_id: int, order_id: int, *, actor_id: int | None, platform_id: int, reason: str = "") -> Order:
    """Cancel the order; the inventory module puts its stock back when it hears about it."""
    with store_scope(store_id):
        order = _move(store_id, order_id, "cancelled", actor_id=actor_id, message=_clean_text(reason)[:REASON_MAX])
        db.session.flush()
        events.publish(OrderCancelled(platform_id=platform_id, store_id=store_id, order_id=order.id))
        return order

