"""Stock changes: adjustments, sales and returns, each written to the append-only ledger.

Every change is one atomic SQL statement on the level row, so concurrent requests never lose an
update: removals are conditional (`quantity >= n`, checked by rowcount) and additions are an
upsert. Multi-line operations touch items in ascending id order, so two transactions always lock
rows in the same order and cannot deadlock; the CHECK (quantity >= 0) constraint backs it all up.
"""

from __future__ import annotations

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.modules.inventory.exceptions import InvalidQuantity, InventoryError, NegativeStock, OutOfStock
from webapp.modules.inventory.models import REASONS, StockLevel, StockLocation, StockMovement
from webapp.modules.inventory.services.items import (
    clean_lines,
    default_location,
    get_item,
    get_location,
    is_whole,
    tracked_items,
)
from webapp.modules.inventory.services.reservations import lock_items, release, short_lines
from webapp.modules.inventory.services.upsert import insert

SALE = "sale"


def _take(store_id: int, item_id: int, location_id: int, quantity: int) -> int | None:
    """Remove `quantity` at one location if it is there; the quantity left, or None."""
    statement = (update(StockLevel)
                 .where(StockLevel.store_id == store_id, StockLevel.item_id == item_id,
                        StockLevel.location_id == location_id, StockLevel.quantity >= quantity)
                 .values(quantity=StockLevel.quantity - quantity)
                 .returning(StockLevel.quantity)
                 .execution_options(synchronize_session=False))
    return db.session.execute(statement).scalar()


def _put(store_id: int, item_id: int, location_id: int, quantity: int) -> int:
    """Add `quantity` at one location (creating its level row); the new quantity."""
    statement = insert(StockLevel).values(store_id=store_id, item_id=item_id, location_id=location_id,
                                          quantity=quantity)
    statement = statement.on_conflict_do_update(
        index_elements=["store_id", "item_id", "location_id"],
        set_={"quantity": StockLevel.quantity + statement.excluded.quantity},
    ).returning(StockLevel.quantity)
    return db.session.execute(statement).scalar_one()


def _record(store_id: int, item_id: int, location_id: int, delta: int, after: int, reason: str, *,
            note: str = "", reference: str | None = None, actor_id: int | None = None) -> StockMovement:
    movement = StockMovement(store_id=store_id, item_id=item_id, location_id=location_id, delta=delta,
                             quantity_after=after, reason=reason, note=(note or "")[:500],
                             reference=reference, actor_user_id=actor_id)
    db.session.add(movement)
    return movement


def adjust(store_id: int, item_id: int, delta: int, *, reason: str, note: str = "",
           location_id: int | None = None, actor_id: int | None = None,
           reference: str | None = None) -> StockMovement:
    """Change the stock of one item at one location by `delta`; never below zero (NegativeStock)."""
    if not is_whole(delta) or delta == 0:
        raise InvalidQuantity("the change is a non-zero whole number")
    if reason not in REASONS:
        raise InventoryError(f"unknown reason {reason!r}")
    item = get_item(store_id, item_id)
    location = get_location(store_id, location_id)
    if delta < 0:
        after = _take(store_id, item.id, location.id, -delta)
        if after is None:
            raise NegativeStock(f"not enough stock of item {item.id} at location {location.id}")
    else:
        after = _put(store_id, item.id, location.id, delta)
    movement = _record(store_id, item.id, location.id, delta, after, reason, note=note, reference=reference,
                       actor_id=actor_id)
    db.session.flush()
    return movement


def set_on_hand(store_id: int, item_id: int, quantity: int, *, reason: str = "correction", note: str = "",
                location_id: int | None = None, actor_id: int | None = None) -> StockMovement | None:
    """Set the counted stock at one location; the movement, or None when nothing changed."""
    if not is_whole(quantity) or quantity < 0:
        raise InvalidQuantity("stock is a whole number of at least zero")
    item = get_item(store_id, item_id)
    location = get_location(store_id, location_id)
    # Make sure the row exists, then lock it: the difference is computed from the value we
    # replace even when two counts are saved at once.
    db.session.execute(insert(StockLevel).values(store_id=store_id, item_id=item.id, location_id=location.id,
                                                 quantity=0).on_conflict_do_nothing())
    current = db.session.scalar(
        select(StockLevel.quantity).where(StockLevel.store_id == store_id, StockLevel.item_id == item.id,
                                          StockLevel.location_id == location.id).with_for_update())
    if quantity == current:
        return None
    return adjust(store_id, item.id, quantity - current, reason=reason, note=note, location_id=location.id,
                  actor_id=actor_id)


def _first_locations(store_id: int, item_ids: list[int]) -> dict[int, int]:
    """For each item, the location a sale tries first: the default one, else the lowest id."""
    rows = db.session.execute(
        select(StockLevel.item_id, StockLevel.location_id).join(StockLocation)
        .where(StockLevel.store_id == store_id, StockLevel.item_id.in_(item_ids))
        .order_by(StockLevel.item_id, StockLocation.is_default.desc(), StockLevel.location_id))
    first: dict[int, int] = {}
    for item_id, location_id in rows:
        first.setdefault(item_id, location_id)
    return first


def _sell_one(store_id: int, item_id: int, quantity: int, first: int | None) -> list[tuple[int, int, int]] | None:
    """Take `quantity` of one item: (location, taken, left) per location used, or None if short."""
    # Usual case: the default location covers the line, in a single conditional UPDATE.
    if first is not None:
        left = _take(store_id, item_id, first, quantity)
        if left is not None:
            return [(first, quantity, left)]
    # Otherwise drain the default location first, then the others: lock their rows in that
    # fixed order, then take with conditional updates still.
    levels = db.session.execute(
        select(StockLevel.location_id, StockLevel.quantity).join(StockLocation)
        .where(StockLevel.store_id == store_id, StockLevel.item_id == item_id, StockLevel.quantity > 0)
        .order_by(StockLocation.is_default.desc(), StockLevel.location_id)
        .with_for_update(of=StockLevel)).all()
    if sum(q for _, q in levels) < quantity:
        return None
    taken, remaining = [], quantity
    for location_id, available in levels:
        part = min(available, remaining)
        left = _take(store_id, item_id, location_id, part)
        if left is None:  # cannot happen under the row lock; stay safe on databases without one
            _give_back(store_id, item_id, taken)
            return None
        taken.append((location_id, part, left))
        remaining -= part
        if not remaining:
            break
    return taken


def _give_back(store_id: int, item_id: int, taken: list[tuple[int, int, int]]) -> None:
    for location_id, part, _left in taken:
        _put(store_id, item_id, location_id, part)


def decrement(store_id: int, lines: dict[int, int], *, reference: str, hold: str | None = None,
              actor_id: int | None = None) -> None:
    """Sell: remove every tracked line atomically or none (OutOfStock), log it, drop the reservation.

    With `hold` (the reference a checkout reserved under), the sale converts that reservation: the
    other references' active holds count against the lines too, and the hold is deleted in the
    same transaction as the stock is taken. Without it, physical stock is the only limit.
    """
    lines = clean_lines(lines)
    tracked = tracked_items(store_id, lines)
    if hold is not None:
        lock_items(store_id, tracked)
        short = short_lines(store_id, lines, tracked, reference=hold)
        if short:
            raise OutOfStock(short)
    first = _first_locations(store_id, tracked)
    sold: dict[int, list[tuple[int, int, int]]] = {}
    short = []
    for item_id in tracked:  # ascending ids: a fixed lock order, hence no deadlock
        taken = _sell_one(store_id, item_id, lines[item_id], first.get(item_id))
        if taken is None:
            short.append(item_id)
        else:
            sold[item_id] = taken
    if short:
        # The caller rolls back; giving back too keeps the rows right should it commit anyway.
        for item_id, taken in sold.items():
            _give_back(store_id, item_id, taken)
        raise OutOfStock(short)
    for item_id, taken in sold.items():
        for location_id, part, left in taken:
            _record(store_id, item_id, location_id, -part, left, SALE, reference=reference, actor_id=actor_id)
    db.session.flush()
    release(store_id, reference)
    if hold is not None:
        release(store_id, hold)


def restock(store_id: int, lines: dict[int, int], *, reference: str, reason: str = "return",
            actor_id: int | None = None) -> None:
    """Put tracked lines back into the default location (returns, cancelled sales), logged."""
    lines = clean_lines(lines)
    if reason not in REASONS:
        raise InventoryError(f"unknown reason {reason!r}")
    tracked = tracked_items(store_id, lines)
    if not tracked:
        return
    location_id = default_location(store_id).id
    for item_id in tracked:
        after = _put(store_id, item_id, location_id, lines[item_id])
        _record(store_id, item_id, location_id, lines[item_id], after, reason, reference=reference,
                actor_id=actor_id)
    db.session.flush()
