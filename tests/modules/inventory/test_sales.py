"""Selling and putting back: decrement, restock, the order-cancelled handler, jobs and demo data."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework.events import publish
from webapp.framework.jobs.runner import run
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderCancelled
from webapp.modules.inventory import demo as inventory_demo
from webapp.modules.inventory import services as inv
from webapp.modules.inventory.models import Reservation, StockLevel, StockLocation, StockMovement


def levels(store_id: int, item_id: int) -> dict[str, int]:
    rows = db.session.execute(select(StockLocation.name, StockLevel.quantity).join(StockLevel.location)
                              .where(StockLevel.item_id == item_id))
    return dict(rows.all())


def sales(reference: str) -> list[tuple[int, int, int]]:
    return db.session.execute(select(StockMovement.item_id, StockMovement.delta, StockMovement.quantity_after)
                              .where(StockMovement.reference == reference, StockMovement.reason == "sale")
                              .order_by(StockMovement.item_id)).all()


def test_decrement_sells_every_line_logs_it_and_drops_the_reservation(acme, demo, make_item):
    a, b = make_item("A", 5), make_item("B", 2)
    untracked = make_item("GIFT-WRAP", track_stock=False)
    inv.reserve(acme, "order-7", {a: 3, b: 2, untracked: 1})
    inv.decrement(acme, {b: 2, a: 3, untracked: 1}, reference="order-7", actor_id=demo.owner.id)
    db.session.commit()
    assert inv.availability(acme, [a, b, untracked]) == {a: 2, b: 0, untracked: None}
    assert sales("order-7") == [(a, -3, 2), (b, -2, 0)]
    assert db.session.scalar(select(func.count(Reservation.id))) == 0


def test_decrement_out_of_stock_names_the_short_lines_and_leaves_stock_as_it_was(acme, make_item):
    a, b, c = make_item("A", 5), make_item("B", 1), make_item("C", 0)
    inv.reserve(acme, "checkout-1", {a: 1})
    db.session.commit()
    with pytest.raises(inv.OutOfStock) as raised:
        inv.decrement(acme, {a: 2, b: 2, c: 1}, reference="checkout-1")
    assert raised.value.item_ids == (b, c)
    # Even before the caller rolls back, nothing was taken and the reservation still stands.
    assert inv.availability(acme, [a, b, c]) == {a: 4, b: 1, c: 0}
    assert sales("checkout-1") == []
    db.session.rollback()
    assert inv.availability(acme, [a, b]) == {a: 4, b: 1}


def test_decrement_converting_a_hold_counts_other_holds_and_deletes_it_with_the_sale(acme, make_item):
    item = make_item("A", 3)
    inv.reserve(acme, "cart-1", {item: 2})
    inv.reserve(acme, "cart-2", {item: 1})
    db.session.commit()
    with pytest.raises(inv.OutOfStock):  # cart-2 holds one of the three
        inv.decrement(acme, {item: 3}, reference="order-1", hold="cart-1")
    db.session.rollback()
    inv.decrement(acme, {item: 2}, reference="order-1", hold="cart-1")
    db.session.commit()
    assert inv.stock_figures(acme, [item])[item] == inv.StockFigures(True, 1, 1)
    assert db.session.scalars(select(Reservation.reference)).all() == ["cart-2"]


def test_decrement_takes_from_the_default_location_first_then_splits(acme, make_item):
    item = make_item("A", 2)  # creates the default "Main warehouse"
    shop = inv.add_location(acme, "Shop")
    inv.adjust(acme, item, 4, reason="received", location_id=shop.id)
    inv.decrement(acme, {item: 1}, reference="order-1")
    assert levels(acme, item) == {"Main warehouse": 1, "Shop": 4}
    inv.decrement(acme, {item: 3}, reference="order-2")  # 1 from the default, 2 from the shop
    assert levels(acme, item) == {"Main warehouse": 0, "Shop": 2}
    assert sorted(delta for _item, delta, _after in sales("order-2")) == [-2, -1]
    with pytest.raises(inv.OutOfStock):
        inv.decrement(acme, {item: 3}, reference="order-3")
    assert levels(acme, item) == {"Main warehouse": 0, "Shop": 2}


def test_decrement_refuses_another_stores_items(acme, demo, make_item):
    foreign = make_item("B", 5, store=demo.bistro)
    with pytest.raises(inv.UnknownItem):
        inv.decrement(acme, {foreign: 1}, reference="order-1")
    with store_scope(demo.bistro.id):
        assert inv.availability(demo.bistro.id, [foreign]) == {foreign: 5}


def test_the_check_constraint_refuses_negative_stock(acme, make_item):
    item = make_item("A", 1)
    level = db.session.scalar(select(StockLevel).where(StockLevel.item_id == item))
    level.quantity = -1
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_restock_puts_tracked_lines_back_into_the_default_location(acme, make_item):
    item, untracked = make_item("A", 1), make_item("SERVICE", track_stock=False)
    inv.restock(acme, {item: 2, untracked: 1}, reference="rma-1")
    assert levels(acme, item) == {"Main warehouse": 3}
    movement = db.session.scalar(select(StockMovement).where(StockMovement.reference == "rma-1"))
    assert (movement.reason, movement.delta, movement.quantity_after) == ("return", 2, 3)


def test_cancelled_order_puts_its_sale_back_once(acme, demo, make_item):
    item = make_item("A", 2)
    shop = inv.add_location(acme, "Shop")
    inv.adjust(acme, item, 3, reason="received", location_id=shop.id)
    inv.decrement(acme, {item: 4}, reference="order-42")
    db.session.commit()
    event = OrderCancelled(platform_id=demo.main.id, store_id=acme, order_id=42)
    publish(event)
    publish(event)  # delivered twice: put back only once
    db.session.commit()
    assert levels(acme, item) == {"Main warehouse": 2, "Shop": 3}
    returns = db.session.scalars(select(StockMovement.delta).where(StockMovement.reference == "order-42-cancel",
                                                                   StockMovement.reason == "return")).all()
    assert returns == [2, 2]


def test_cancelling_an_order_without_sales_changes_nothing(acme, demo, make_item):
    item = make_item("A", 2)
    publish(OrderCancelled(platform_id=demo.main.id, store_id=acme, order_id=9))
    assert levels(acme, item) == {"Main warehouse": 2}


def test_purge_job_removes_expired_reservations(demo, make_item):
    item = make_item("A", 2)
    with store_scope(demo.acme.id):
        inv.reserve(demo.acme.id, "checkout-1", {item: 1}, minutes=-1)
    db.session.commit()
    # What a worker runs (in-process here whatever the queue backend): its own context and commit.
    assert run("webapp.modules.inventory.jobs:purge_expired_reservations", [demo.acme.id], {}) == 1
    with store_scope(demo.acme.id):
        assert db.session.scalar(select(func.count(Reservation.id))) == 0


def test_demo_seed_gives_each_demo_store_one_default_location(demo):
    inventory_demo.seed()
    inventory_demo.seed()
    db.session.commit()
    rows = db.session.execute(select(StockLocation.store_id, StockLocation.name, StockLocation.is_default)
                              .execution_options(all_stores=True).order_by(StockLocation.store_id)).all()
    assert rows == [(demo.acme.id, "Main warehouse", True), (demo.bistro.id, "Main warehouse", True)]
