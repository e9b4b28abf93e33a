"""Order numbers for modules that may not import orders (contract `orders.numbers`)."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders.models import Order


def order_numbers(store_id: int, order_ids) -> dict[int, int]:
    """The number (1026, …) of each of the store's orders among `order_ids`, in one query."""
    ids = sorted({int(order_id) for order_id in order_ids})
    if not ids:
        return {}
    with store_scope(store_id):
        rows = db.session.execute(select(Order.id, Order.number).where(Order.store_id == store_id,
                                                                      Order.id.in_(ids)))
        return {order_id: number for order_id, number in rows}
