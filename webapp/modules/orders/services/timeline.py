"""Entries of an order's timeline; every transition writes one."""

from __future__ import annotations

from webapp.extensions import db
from webapp.modules.orders.models import Order, OrderActivity, utcnow


def record(order: Order, kind: str, *, actor_id: int | None = None, message: str = "", **data) -> OrderActivity:
    """Append `kind` (with the values its sentence needs) to the order's timeline."""
    activity = OrderActivity(store_id=order.store_id, order_id=order.id, kind=kind, actor_user_id=actor_id,
                             message=message[:500], data={k: str(v) for k, v in data.items()},
                             created_at=utcnow())
    db.session.add(activity)
    return activity
