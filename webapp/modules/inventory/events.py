"""Handlers of events the inventory module subscribes to."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderCancelled
from webapp.modules.inventory.models import StockLocation, StockMovement
from webapp.modules.inventory.services.stock import SALE, adjust


def restock_cancelled_order(event: OrderCancelled) -> None:
    """Put back what a cancelled order took, where it was taken from; once per order."""
    sale_ref, cancel_ref = f"order-{event.order_id}", f"order-{event.order_id}-cancel"
    with store_scope(event.store_id):
        already = db.session.scalar(select(StockMovement.id).where(
            StockMovement.store_id == event.store_id, StockMovement.reference == cancel_ref,
            StockMovement.reason == "return").limit(1))
        if already:
            return
        # Rows in the order sales lock them (item, default location first, location), so a
        # cancellation running next to a checkout cannot deadlock with it.
        sold = db.session.execute(
            select(StockMovement.item_id, StockMovement.location_id, func.sum(StockMovement.delta))
            .join(StockLocation, StockLocation.id == StockMovement.location_id)
            .where(StockMovement.store_id == event.store_id, StockMovement.reference == sale_ref,
                   StockMovement.reason == SALE)
            .group_by(StockMovement.item_id, StockMovement.location_id, StockLocation.is_default)
            .order_by(StockMovement.item_id, StockLocation.is_default.desc(), StockMovement.location_id))
        for item_id, location_id, delta in sold.all():
            if delta < 0:
                adjust(event.store_id, item_id, -delta, reason="return", location_id=location_id,
                       reference=cancel_ref, note="order cancelled")
