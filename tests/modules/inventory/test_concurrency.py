"""Stock never goes below zero under concurrent checkouts (PostgreSQL: SQLite ignores row locks)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.inventory.models import StockMovement
from webapp.modules.inventory.services import OutOfStock, availability, decrement

BUYERS = 24
STOCK = 5


def run_buyers(app, store_id: int, orders: list[dict[int, int]]) -> Counter:
    """Every order checks out in its own thread, app context and transaction, all at once."""
    barrier = threading.Barrier(len(orders))
    outcomes: Counter = Counter()
    lock = threading.Lock()

    def buyer(number: int, lines: dict[int, int]) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                with store_scope(store_id):
                    decrement(store_id, lines, reference=f"t{number}")
                    db.session.commit()
                outcome = "sold"
            except OutOfStock:
                db.session.rollback()
                outcome = "sold out"
            except Exception as error:  # a deadlock or anything else fails the test below
                db.session.rollback()
                outcome = f"error: {error!r}"
            finally:
                db.session.remove()
            with lock:
                outcomes[outcome] += 1

    threads = [threading.Thread(target=buyer, args=(n, lines)) for n, lines in enumerate(orders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a checkout hung"
    return outcomes


def sale_count(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(func.count(StockMovement.id)).where(StockMovement.reason == "sale"))


@pytest.mark.usefixtures("postgres_required")
def test_concurrent_checkouts_sell_exactly_the_stock(app, demo, make_item):
    item = make_item("LAST-ONES", STOCK)
    outcomes = run_buyers(app, demo.acme.id, [{item: 1} for _ in range(BUYERS)])
    assert outcomes == Counter({"sold": STOCK, "sold out": BUYERS - STOCK})
    db.session.expire_all()
    with store_scope(demo.acme.id):
        assert availability(demo.acme.id, [item]) == {item: 0}
    assert sale_count(demo.acme.id) == STOCK


@pytest.mark.usefixtures("postgres_required")
def test_orders_listing_items_in_opposite_orders_do_not_deadlock(app, demo, make_item):
    first, second = make_item("PAIR-A", STOCK), make_item("PAIR-B", STOCK)
    # Half the buyers list the items one way round, half the other: locks still follow item ids.
    orders = [{first: 1, second: 1} if n % 2 else {second: 1, first: 1} for n in range(BUYERS)]
    outcomes = run_buyers(app, demo.acme.id, orders)
    assert outcomes == Counter({"sold": STOCK, "sold out": BUYERS - STOCK})
    db.session.expire_all()
    with store_scope(demo.acme.id):
        assert availability(demo.acme.id, [first, second]) == {first: 0, second: 0}
    assert sale_count(demo.acme.id) == 2 * STOCK
