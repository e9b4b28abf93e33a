"""Read side for the dashboard: item lists, low stock, stock per location, the ledger."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import and_, func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.inventory.models import InventoryItem, StockLevel, StockLocation, StockMovement

PER_PAGE = 50
MOVEMENTS_PER_PAGE = 25


def default_threshold() -> int:
    return int(current_app.config["INVENTORY_LOW_STOCK_THRESHOLD"])


def threshold_of(item: InventoryItem) -> int:
    """The item's low-stock threshold, or the store-wide default."""
    return default_threshold() if item.low_stock_threshold is None else item.low_stock_threshold


def _on_hand():
    return (select(func.coalesce(func.sum(StockLevel.quantity), 0))
            .where(StockLevel.item_id == InventoryItem.id, StockLevel.store_id == InventoryItem.store_id)
            .correlate(InventoryItem).scalar_subquery())


def _is_low():
    threshold = func.coalesce(InventoryItem.low_stock_threshold, default_threshold())
    return and_(InventoryItem.track_stock.is_(True), _on_hand() <= threshold)


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def search_items(store_id: int, *, term: str = "", low_only: bool = False, page: int = 1,
                 per_page: int = PER_PAGE):
    """The store's items by SKU, optionally matching `term` and/or only those low on stock; one page."""
    query = select(InventoryItem).where(InventoryItem.store_id == store_id).order_by(InventoryItem.sku,
                                                                                      InventoryItem.id)
    if term.strip():
        query = query.where(func.lower(InventoryItem.sku).like(_like(term.strip()), escape="\\"))
    if low_only:
        query = query.where(_is_low())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def low_stock(store_id: int, *, page: int = 1, per_page: int = PER_PAGE):
    """Tracked items whose stock on hand is at or below their threshold; one page."""
    return search_items(store_id, low_only=True, page=page, per_page=per_page)


def count_low_stock(store_id: int) -> int:
    """How many tracked items are at or below their low-stock threshold."""
    return db.session.scalar(select(func.count(InventoryItem.id))
                             .where(InventoryItem.store_id == store_id, _is_low())) or 0


def levels_by_location(store_id: int, item_id: int) -> list[tuple[StockLocation, int]]:
    """Every location of the store with this item's quantity there (0 where none), default first."""
    rows = db.session.execute(
        select(StockLocation, func.coalesce(StockLevel.quantity, 0))
        .outerjoin(StockLevel, and_(StockLevel.location_id == StockLocation.id, StockLevel.item_id == item_id))
        .where(StockLocation.store_id == store_id)
        .order_by(StockLocation.is_default.desc(), StockLocation.name))
    return [(location, int(quantity)) for location, quantity in rows]


def movements(store_id: int, item_id: int, *, page: int = 1, per_page: int = MOVEMENTS_PER_PAGE):
    """The item's ledger, newest first; one page."""
    query = (select(StockMovement).options(selectinload(StockMovement.location))
             .where(StockMovement.store_id == store_id, StockMovement.item_id == item_id)
             .order_by(StockMovement.created_at.desc(), StockMovement.id.desc()))
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
