"""Handlers of events the inventory module subscribes to."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderCancelled, OrderRefunded
from webapp.modules.inventory.models import InventoryItem, StockLocation, StockMovement
from webapp.modules.inventory.services.stock import SALE, adjust, restock


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
        # What refunds of this order already restocked is not put back a second time.
        given_back = dict(db.session.execute(
            select(StockMovement.item_id, func.sum(StockMovement.delta))
            .where(StockMovement.store_id == event.store_id, StockMovement.reason == "return",
                   StockMovement.reference.like(f"order-{event.order_id}-refund-%"))
            .group_by(StockMovement.item_id)).all())
        for item_id, location_id, delta in sold.all():
            quantity = -delta - min(-delta, given_back.get(item_id, 0))
            given_back[item_id] = given_back.get(item_id, 0) - (-delta - quantity)
            if quantity > 0:
                adjust(event.store_id, item_id, quantity, reason="return", location_id=location_id,
                       reference=cancel_ref, note="order cancelled")


def restock_refunded_lines(event: OrderRefunded) -> None:
    """Put back what the merchant chose to restock with a refund; once per refund."""
    if not event.restock:
        return
    reference = f"order-{event.order_id}-refund-{event.refund_number}"
    with store_scope(event.store_id):
        if db.session.scalar(select(StockMovement.id).where(StockMovement.store_id == event.store_id,
                                                            StockMovement.reference == reference).limit(1)):
            return
        # Lines of orders placed before their item was recorded are found by SKU (unique per store).
        skus = [sku for item_id, sku, _quantity in event.restock if not item_id and sku]
        by_sku = dict(db.session.execute(select(InventoryItem.sku, InventoryItem.id).where(
            InventoryItem.store_id == event.store_id, InventoryItem.sku.in_(skus))).all()) if skus else {}
        lines: dict[int, int] = {}
        for item_id, sku, quantity in event.restock:
            item_id = item_id or by_sku.get(sku)
            if item_id:
                lines[item_id] = lines.get(item_id, 0) + quantity
        known = set(db.session.scalars(select(InventoryItem.id).where(
            InventoryItem.store_id == event.store_id, InventoryItem.id.in_(list(lines)))))
        lines = {item_id: quantity for item_id, quantity in lines.items() if item_id in known}
        if lines:
            restock(event.store_id, lines, reference=reference, reason="return")
