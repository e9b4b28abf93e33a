"""Order figures on the customer row, fed by the orders module (customers never imports it)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import case, update

from webapp.extensions import db
from webapp.modules.customers.models import Customer


def _update(store_id: int, customer_id: int):
    # Atomic in-database arithmetic: concurrent orders of one customer never lose an update.
    # The store is named explicitly, so callers (jobs, event handlers) need no store scope.
    return (update(Customer).where(Customer.id == customer_id, Customer.store_id == store_id)
            .execution_options(all_stores=True, synchronize_session=False))


def record_order(store_id: int, customer_id: int, amount: Decimal, when: datetime) -> bool:
    """Count one more order of `amount` placed at `when`; False if no such customer."""
    result = db.session.execute(_update(store_id, customer_id).values(
        orders_count=Customer.orders_count + 1,
        total_spent=Customer.total_spent + Decimal(amount),
        last_order_at=case((Customer.last_order_at.is_(None), when), (Customer.last_order_at < when, when),
                           else_=Customer.last_order_at),
    ))
    _expire(customer_id)
    return result.rowcount == 1


def record_refund(store_id: int, customer_id: int, amount: Decimal, *, order_cancelled: bool = False) -> bool:
    """Take a refunded `amount` off the total (never below zero); a cancelled order stops counting."""
    remaining = Customer.total_spent - Decimal(amount)
    values = {"total_spent": case((remaining < 0, Decimal("0")), else_=remaining)}
    if order_cancelled:
        values["orders_count"] = case((Customer.orders_count > 0, Customer.orders_count - 1), else_=0)
    result = db.session.execute(_update(store_id, customer_id).values(**values))
    _expire(customer_id)
    return result.rowcount == 1


def _expire(customer_id: int) -> None:
    # A copy of the row already loaded in this session would show the old figures.
    loaded = db.session.identity_map.get(db.session.identity_key(Customer, customer_id))
    if loaded is not None:
        db.session.expire(loaded, ["orders_count", "total_spent", "last_order_at"])
