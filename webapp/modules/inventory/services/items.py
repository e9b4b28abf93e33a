"""Inventory items and stock locations."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.inventory.exceptions import (
    DuplicateLocation,
    InvalidQuantity,
    InventoryError,
    UnknownItem,
    UnknownLocation,
)
from webapp.modules.inventory.models import InventoryItem, StockLocation, utcnow
from webapp.modules.inventory.services.upsert import insert

DEFAULT_LOCATION_NAME = "Main warehouse"
SKU_MAX = 64
LOCATION_NAME_MAX = 100


def _insert_if_absent(model, **values) -> None:
    """Insert a row unless a unique constraint says a twin exists (a concurrent request may win)."""
    db.session.execute(insert(model).values(**values).on_conflict_do_nothing())


def _item_by_sku(store_id: int, sku: str) -> InventoryItem | None:
    return db.session.scalar(select(InventoryItem).where(InventoryItem.store_id == store_id,
                                                         InventoryItem.sku == sku))


def ensure_item(store_id: int, sku: str, *, track_stock: bool = True) -> InventoryItem:
    """The store's item with this SKU, created (with `track_stock`) if missing."""
    sku = (sku or "").strip()
    if not sku or len(sku) > SKU_MAX:
        raise InventoryError(f"a SKU has 1 to {SKU_MAX} characters")
    item = _item_by_sku(store_id, sku)
    if item is None:
        _insert_if_absent(InventoryItem, store_id=store_id, sku=sku, track_stock=track_stock,
                          created_at=utcnow())
        item = _item_by_sku(store_id, sku)
    return item


def update_item(store_id: int, item_id: int, *, track_stock: bool, low_stock_threshold: int | None) -> InventoryItem:
    """Change whether stock is counted and the item's alert level (None: the store default)."""
    if low_stock_threshold is not None and (not is_whole(low_stock_threshold) or low_stock_threshold < 0):
        raise InvalidQuantity("an alert level is a whole number of at least zero")
    item = get_item(store_id, item_id)
    item.track_stock, item.low_stock_threshold = bool(track_stock), low_stock_threshold
    db.session.flush()
    return item


def get_item(store_id: int, item_id: int) -> InventoryItem:
    """The store's item with this id, or UnknownItem."""
    item = db.session.scalar(select(InventoryItem).where(InventoryItem.store_id == store_id,
                                                         InventoryItem.id == item_id))
    if item is None:
        raise UnknownItem(f"no item {item_id}")
    return item


def _default(store_id: int) -> StockLocation | None:
    return db.session.scalar(select(StockLocation).where(StockLocation.store_id == store_id,
                                                         StockLocation.is_default.is_(True)))


def default_location(store_id: int) -> StockLocation:
    """The store's default location; "Main warehouse" is created on first use."""
    location = _default(store_id)
    if location is None:
        _insert_if_absent(StockLocation, store_id=store_id, name=DEFAULT_LOCATION_NAME, is_default=True,
                          created_at=utcnow())
        location = _default(store_id)
        if location is None:  # a non-default location already carries that name: promote it
            location = db.session.scalar(select(StockLocation).where(
                StockLocation.store_id == store_id, StockLocation.name == DEFAULT_LOCATION_NAME))
            location.is_default = True
            db.session.flush()
    return location


def get_location(store_id: int, location_id: int | None) -> StockLocation:
    """The store's location with this id (the default one for None), or UnknownLocation."""
    if location_id is None:
        return default_location(store_id)
    location = db.session.scalar(select(StockLocation).where(StockLocation.store_id == store_id,
                                                             StockLocation.id == location_id))
    if location is None:
        raise UnknownLocation(f"no location {location_id}")
    return location


def list_locations(store_id: int) -> list[StockLocation]:
    """The store's locations, default first, then by name."""
    return list(db.session.scalars(select(StockLocation).where(StockLocation.store_id == store_id)
                                   .order_by(StockLocation.is_default.desc(), StockLocation.name)))


def add_location(store_id: int, name: str) -> StockLocation:
    """A new location; names are unique per store (DuplicateLocation). The first one is the default."""
    name = " ".join((name or "").split())
    if not name or len(name) > LOCATION_NAME_MAX:
        raise InventoryError(f"a location name has 1 to {LOCATION_NAME_MAX} characters")
    taken = db.session.scalar(select(StockLocation.id).where(StockLocation.store_id == store_id,
                                                             func.lower(StockLocation.name) == name.lower()))
    if taken:
        raise DuplicateLocation(name)
    is_default = _default(store_id) is None
    location_id = db.session.scalar(insert(StockLocation).values(
        store_id=store_id, name=name, is_default=is_default, created_at=utcnow())
        .on_conflict_do_nothing().returning(StockLocation.id))
    if location_id is None:  # created concurrently under the same name
        raise DuplicateLocation(name)
    return db.session.get(StockLocation, location_id)


def is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def clean_lines(lines: dict[int, int]) -> dict[int, int]:
    """Order lines as {item_id: quantity}, every quantity a positive whole number (InvalidQuantity)."""
    if any(not is_whole(q) or q <= 0 or not is_whole(i) for i, q in lines.items()):
        raise InvalidQuantity("quantities are positive whole numbers")
    return dict(lines)


def tracked_items(store_id: int, item_ids) -> list[int]:
    """The tracked ones among `item_ids`, ascending; UnknownItem if one is not the store's."""
    rows = db.session.execute(select(InventoryItem.id, InventoryItem.track_stock)
                              .where(InventoryItem.store_id == store_id, InventoryItem.id.in_(list(item_ids))))
    tracking = dict(rows.all())
    missing = set(item_ids) - set(tracking)
    if missing:
        raise UnknownItem(f"no items {sorted(missing)}")
    return sorted(item_id for item_id, tracked in tracking.items() if tracked)
