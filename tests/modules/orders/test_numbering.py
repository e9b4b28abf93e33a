"""Order numbers: per store, sequential from 1001, never duplicated under concurrency."""

from __future__ import annotations

import threading

import pytest

from tests.modules.orders.conftest import order_data
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders import services
from webapp.modules.orders.services.numbering import FIRST_NUMBER

THREADS = 20


def test_numbers_start_at_1001_and_follow_each_other(make_order):
    numbers = [make_order().number for _ in range(3)]
    assert numbers == [FIRST_NUMBER, FIRST_NUMBER + 1, FIRST_NUMBER + 2]


def test_each_store_counts_on_its_own(demo, make_order):
    acme = [make_order(demo.acme).number for _ in range(2)]
    bistro = make_order(demo.bistro).number
    acme.append(make_order(demo.acme).number)
    assert acme == [1001, 1002, 1003]
    assert bistro == 1001


def test_a_rolled_back_order_gives_its_number_back(demo, make_order):
    with store_scope(demo.acme.id):
        services.create_order(demo.acme.id, order_data(), platform_id=demo.acme.platform_id)
        db.session.rollback()
    assert make_order().number == 1001


@pytest.mark.usefixtures("postgres_required")
def test_concurrent_orders_get_distinct_consecutive_numbers(app, demo):
    store_id, platform_id = demo.acme.id, demo.acme.platform_id
    barrier = threading.Barrier(THREADS)
    numbers, errors, lock = [], [], threading.Lock()

    def place(index: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                with store_scope(store_id):
                    order = services.create_order(store_id, order_data(email=f"c{index}@example.com"),
                                                  platform_id=platform_id)
                    number = order.number
                    db.session.commit()
                with lock:
                    numbers.append(number)
            except Exception as error:  # any failure is reported by the assertion below
                db.session.rollback()
                with lock:
                    errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=place, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an order creation hung"
    assert errors == []
    assert sorted(numbers) == list(range(FIRST_NUMBER, FIRST_NUMBER + THREADS))


@pytest.mark.usefixtures("postgres_required")
def test_the_same_checkout_submitted_concurrently_creates_one_order(app, demo):
    store_id, platform_id = demo.acme.id, demo.acme.platform_id
    barrier = threading.Barrier(10)
    ids, lock = [], threading.Lock()

    def submit() -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                with store_scope(store_id):
                    order = services.create_order(store_id, order_data(idempotency_key="checkout-42"),
                                                  platform_id=platform_id)
                    order_id = order.id
                    db.session.commit()
                with lock:
                    ids.append(order_id)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(ids) == 10 and len(set(ids)) == 1
    assert make_count(store_id) == 1


def make_count(store_id: int) -> int:
    with store_scope(store_id):
        return services.search_orders(store_id, services.OrderQuery()).total
