"""What can be sold, and stock held for checkouts (reservations).

A reservation holds stock for a reference (a shopper's cart while they pay) until `release`,
its conversion into a sale (`decrement(..., hold=reference)`) or its expiry. Expired rows count
for nothing (`availability` ignores them); they are purged lazily, each `reserve` deleting the
store's expired rows, and `jobs.purge_expired_reservations` sweeps every store when a worker runs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from webapp.extensions import db
from webapp.modules.inventory.exceptions import InventoryError, OutOfStock
from webapp.modules.inventory.models import InventoryItem, Reservation, StockLevel, utcnow
from webapp.modules.inventory.services.items import clean_lines, tracked_items

REFERENCE_MAX = 100


@dataclass(frozen=True)
class StockFigures:
    tracked: bool
    on_hand: int
    reserved: int

    @property
    def available(self) -> int | None:
        """Sellable quantity; None when stock is not tracked (always available)."""
        return max(self.on_hand - self.reserved, 0) if self.tracked else None


def stock_figures(store_id: int, item_ids, *, exclude_reference: str | None = None) -> dict[int, StockFigures]:
    """On hand (all locations) and actively reserved quantity per item, in one query."""
    ids = list(item_ids)
    if not ids:
        return {}
    on_hand = (select(StockLevel.item_id, func.sum(StockLevel.quantity).label("qty"))
               .where(StockLevel.store_id == store_id, StockLevel.item_id.in_(ids))
               .group_by(StockLevel.item_id).subquery())
    held = (select(Reservation.item_id, func.sum(Reservation.quantity).label("qty"))
            .where(Reservation.store_id == store_id, Reservation.item_id.in_(ids), Reservation.expires_at > utcnow()))
    if exclude_reference is not None:
        held = held.where(Reservation.reference != exclude_reference)
    held = held.group_by(Reservation.item_id).subquery()
    rows = db.session.execute(
        select(InventoryItem.id, InventoryItem.track_stock, func.coalesce(on_hand.c.qty, 0),
               func.coalesce(held.c.qty, 0))
        .outerjoin(on_hand, on_hand.c.item_id == InventoryItem.id)
        .outerjoin(held, held.c.item_id == InventoryItem.id)
        .where(InventoryItem.store_id == store_id, InventoryItem.id.in_(ids)))
    return {item_id: StockFigures(bool(tracked), int(stock), int(reserved))
            for item_id, tracked, stock, reserved in rows}


def availability(store_id: int, item_ids, *, exclude_reference: str | None = None) -> dict[int, int | None]:
    """Sellable quantity per item (on hand minus active reservations); None = not tracked, unknown = 0."""
    figures = stock_figures(store_id, item_ids, exclude_reference=exclude_reference)
    return {item_id: figures[item_id].available if item_id in figures else 0 for item_id in item_ids}


def _check_reference(reference: str) -> str:
    if not isinstance(reference, str) or not reference.strip() or len(reference) > REFERENCE_MAX:
        raise InventoryError(f"a reference has 1 to {REFERENCE_MAX} characters")
    return reference


def lock_items(store_id: int, item_ids: list[int]) -> None:
    """Queue behind other holds and sales of these items until the transaction ends.

    Two checkouts holding or selling the same items queue here, in a fixed order (no deadlock), so
    they cannot both take the last unit. NO KEY UPDATE leaves foreign-key checks unblocked.
    """
    if item_ids:
        db.session.execute(select(InventoryItem.id)
                           .where(InventoryItem.store_id == store_id, InventoryItem.id.in_(item_ids))
                           .order_by(InventoryItem.id).with_for_update(key_share=True))


def short_lines(store_id: int, lines: dict[int, int], tracked: list[int], *, reference: str) -> list[int]:
    """The tracked items whose quantity is more than others' holds leave available (call under `lock_items`)."""
    available = availability(store_id, tracked, exclude_reference=reference)
    return [item_id for item_id in tracked if lines[item_id] > available[item_id]]


def reserve(store_id: int, reference: str, lines: dict[int, int], *, minutes: int | None = None) -> None:
    """Hold stock for `reference` (replacing what it held before), or OutOfStock for the short lines."""
    reference = _check_reference(reference)
    lines = clean_lines(lines)
    tracked = tracked_items(store_id, lines)
    lock_items(store_id, tracked)
    short = short_lines(store_id, lines, tracked, reference=reference)
    if short:
        raise OutOfStock(short)
    purge_expired_reservations(store_id)
    release(store_id, reference)
    minutes = minutes or current_app.config["INVENTORY_RESERVATION_MINUTES"]
    expires_at = utcnow() + timedelta(minutes=int(minutes))
    db.session.add_all(Reservation(store_id=store_id, reference=reference, item_id=item_id,
                                   quantity=lines[item_id], expires_at=expires_at) for item_id in tracked)
    db.session.flush()


def release(store_id: int, reference: str) -> None:
    """Drop whatever `reference` holds (checkout abandoned or completed)."""
    db.session.execute(delete(Reservation).where(Reservation.store_id == store_id,
                                                 Reservation.reference == reference)
                       .execution_options(synchronize_session=False))


def purge_expired_reservations(store_id: int | None = None) -> int:
    """Delete expired reservations of one store, or of every store when `store_id` is None."""
    statement = delete(Reservation).where(Reservation.expires_at <= utcnow())
    if store_id is None:
        statement = statement.execution_options(all_stores=True)
    else:
        statement = statement.where(Reservation.store_id == store_id)
    result = db.session.execute(statement.execution_options(synchronize_session=False))
    return result.rowcount or 0
