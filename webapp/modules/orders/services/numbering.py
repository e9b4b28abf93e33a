"""Per-store order numbers (1001, 1002, …), handed out without gaps or duplicates under concurrency."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.modules.orders.models import OrderCounter

FIRST_NUMBER = 1001


def _increment(store_id: int) -> int | None:
    # One atomic statement: the row lock it takes serialises concurrent orders of one store
    # until their transactions end, so two orders never get the same number.
    return db.session.execute(
        update(OrderCounter).where(OrderCounter.store_id == store_id)
        .values(last_number=OrderCounter.last_number + 1)
        .returning(OrderCounter.last_number)
        .execution_options(synchronize_session=False)).scalar()


def next_number(store_id: int) -> int:
    """The store's next order number; creates its counter on first use."""
    number = _increment(store_id)
    if number is not None:
        return number
    try:
        with db.session.begin_nested():
            db.session.add(OrderCounter(store_id=store_id, last_number=FIRST_NUMBER - 1))
    except IntegrityError:
        pass  # a concurrent first order created the counter: use theirs
    number = _increment(store_id)
    if number is None:  # pragma: no cover - the row exists now
        raise RuntimeError(f"order counter of store {store_id} is missing")
    return number


def give_back(store_id: int, number: int) -> None:
    """Return an unused number (still under the counter's lock, so it is the last one given out)."""
    db.session.execute(
        update(OrderCounter).where(OrderCounter.store_id == store_id, OrderCounter.last_number == number)
        .values(last_number=number - 1).execution_options(synchronize_session=False))
