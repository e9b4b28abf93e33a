"""Inventory services: items, locations, adjustments, availability and reservations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.inventory import services as inv
from webapp.modules.inventory.models import InventoryItem, Reservation, StockLocation, StockMovement, utcnow


def on_hand(store_id: int, item_id: int) -> int:
    return inv.stock_figures(store_id, [item_id])[item_id].on_hand


def test_ensure_item_returns_the_same_item_for_a_sku_and_keeps_stores_apart(demo):
    with store_scope(demo.acme.id):
        first = inv.ensure_item(demo.acme.id, " MUG-1 ", track_stock=False)
        again = inv.ensure_item(demo.acme.id, "MUG-1")  # creation settings are not overwritten
        assert (again.id, again.sku, again.track_stock) == (first.id, "MUG-1", False)
    with store_scope(demo.bistro.id):
        other = inv.ensure_item(demo.bistro.id, "MUG-1")
    assert other.id != first.id
    with store_scope(demo.acme.id), pytest.raises(inv.InventoryError):
        inv.ensure_item(demo.acme.id, "  ")


def test_update_item_sets_tracking_and_alert_level(acme, make_item):
    item = make_item("A-1", 3)
    updated = inv.update_item(acme, item, track_stock=False, low_stock_threshold=2)
    assert (updated.track_stock, updated.low_stock_threshold) == (False, 2)
    assert inv.availability(acme, [item]) == {item: None}
    with pytest.raises(inv.InvalidQuantity):
        inv.update_item(acme, item, track_stock=True, low_stock_threshold=-1)


def test_default_location_is_created_once_as_main_warehouse(acme):
    first = inv.default_location(acme)
    assert (first.name, first.is_default) == ("Main warehouse", True)
    assert inv.default_location(acme).id == first.id
    assert db.session.scalar(select(func.count(StockLocation.id))) == 1


def test_add_location_refuses_a_duplicate_name_in_any_case(acme):
    inv.add_location(acme, "Shop")
    with pytest.raises(inv.InventoryError):
        inv.add_location(acme, "SHOP")
    assert [loc.name for loc in inv.list_locations(acme)] == ["Shop"]  # the first one is the default


def test_adjust_changes_stock_and_writes_the_ledger(acme, demo, make_item):
    item = make_item("A-1")
    movement = inv.adjust(acme, item, 7, reason="received", note="delivery", actor_id=demo.owner.id)
    assert (movement.delta, movement.quantity_after, movement.reason, movement.actor_user_id) == (
        7, 7, "received", demo.owner.id)
    inv.adjust(acme, item, -2, reason="adjustment", reference="breakage-1")
    assert on_hand(acme, item) == 5
    ledger = db.session.scalars(select(StockMovement).order_by(StockMovement.id)).all()
    assert [(m.delta, m.quantity_after) for m in ledger] == [(7, 7), (-2, 5)]


def test_adjust_refuses_to_go_below_zero_and_saves_nothing(acme, make_item):
    item = make_item("A-1", 2)
    with pytest.raises(inv.NegativeStock):
        inv.adjust(acme, item, -3, reason="adjustment")
    assert on_hand(acme, item) == 2
    assert db.session.scalar(select(func.count(StockMovement.id))) == 1


@pytest.mark.parametrize("delta, reason", [(0, "adjustment"), (1.5, "adjustment"), (True, "adjustment"),
                                           (1, "stolen")])
def test_adjust_rejects_bad_changes(acme, make_item, delta, reason):
    item = make_item("A-1", 2)
    with pytest.raises(inv.InventoryError):
        inv.adjust(acme, item, delta, reason=reason)


def test_adjust_refuses_foreign_items_and_locations(acme, demo, make_item):
    foreign_item = make_item("B-1", 3, store=demo.bistro)
    with store_scope(demo.bistro.id):
        foreign_location = inv.default_location(demo.bistro.id).id
    item = make_item("A-1")
    with pytest.raises(inv.UnknownItem):
        inv.adjust(acme, foreign_item, 1, reason="received")
    with pytest.raises(inv.UnknownLocation):
        inv.adjust(acme, item, 1, reason="received", location_id=foreign_location)


def test_set_on_hand_records_only_the_difference(acme, make_item):
    item = make_item("A-1", 4)
    movement = inv.set_on_hand(acme, item, 10, note="stock count")
    assert (movement.delta, movement.quantity_after, movement.reason) == (6, 10, "correction")
    assert inv.set_on_hand(acme, item, 10) is None
    assert inv.set_on_hand(acme, item, 0).delta == -10


def test_availability_sums_locations_and_subtracts_only_active_reservations(acme, make_item):
    shop = inv.add_location(acme, "Shop")
    item = make_item("A-1", 5)
    inv.adjust(acme, item, 3, reason="received", location_id=shop.id)
    untracked = make_item("GIFT-CARD", track_stock=False)
    inv.reserve(acme, "cart-1", {item: 2})
    inv.reserve(acme, "cart-2", {item: 1})
    db.session.execute(update(Reservation).where(Reservation.reference == "cart-2")
                       .values(expires_at=utcnow() - timedelta(minutes=1)))
    assert inv.availability(acme, [item, untracked, 999_999]) == {item: 6, untracked: None, 999_999: 0}


def test_availability_takes_two_queries_at_most_whatever_the_number_of_items(acme, make_item, count_queries):
    few = [make_item(f"F-{n}", n) for n in range(2)]
    many = [make_item(f"M-{n}", n) for n in range(30)]
    with count_queries() as small:
        inv.availability(acme, few)
    with count_queries() as large:
        inv.availability(acme, many)
    assert len(small) == len(large) <= 2


def test_reserve_replaces_what_the_reference_held(acme, make_item):
    a, b = make_item("A", 5), make_item("B", 5)
    inv.reserve(acme, "checkout-1", {a: 2, b: 1})
    inv.reserve(acme, "checkout-1", {a: 5})  # its own earlier hold does not count against it
    rows = db.session.execute(select(Reservation.item_id, Reservation.quantity)).all()
    assert rows == [(a, 5)]
    assert inv.availability(acme, [a, b]) == {a: 0, b: 5}


def test_reserve_raises_out_of_stock_and_keeps_the_previous_hold(acme, make_item):
    a, b = make_item("A", 3), make_item("B", 1)
    inv.reserve(acme, "checkout-1", {a: 1})
    with pytest.raises(inv.OutOfStock) as raised:
        inv.reserve(acme, "checkout-1", {a: 4, b: 2})
    assert raised.value.item_ids == (a, b)
    assert db.session.execute(select(Reservation.item_id, Reservation.quantity)).all() == [(a, 1)]


def test_reserve_expires_after_the_configured_minutes_and_skips_untracked_items(acme, app, make_item):
    item, untracked = make_item("A", 2), make_item("SERVICE", track_stock=False)
    inv.reserve(acme, "checkout-1", {item: 1, untracked: 50})
    reservation = db.session.scalar(select(Reservation))
    minutes = app.config["INVENTORY_RESERVATION_MINUTES"]
    expires = reservation.expires_at.replace(tzinfo=None)
    expected = (utcnow() + timedelta(minutes=minutes)).replace(tzinfo=None)
    assert abs((expires - expected).total_seconds()) < 60
    assert db.session.scalar(select(func.count(Reservation.id))) == 1


@pytest.mark.parametrize("lines", [{1: 0}, {1: -1}, {1: 1.5}])
def test_reserve_and_decrement_reject_non_positive_or_fractional_quantities(acme, lines):
    with pytest.raises(inv.InvalidQuantity):
        inv.reserve(acme, "checkout-1", lines)
    with pytest.raises(inv.InvalidQuantity):
        inv.decrement(acme, lines, reference="order-1")


def test_release_and_purge_expired_reservations(acme, demo, make_item):
    item = make_item("A", 5)
    inv.reserve(acme, "keep", {item: 1})
    inv.reserve(acme, "gone", {item: 1})
    inv.reserve(acme, "old", {item: 1})
    inv.release(acme, "gone")
    db.session.execute(update(Reservation).where(Reservation.reference == "old")
                       .values(expires_at=utcnow() - timedelta(seconds=1)))
    assert inv.purge_expired_reservations() == 1
    assert db.session.scalars(select(Reservation.reference)).all() == ["keep"]


def test_low_stock_lists_tracked_items_at_or_below_their_threshold(acme, make_item):
    low = make_item("LOW", 5)          # default threshold 5
    make_item("FINE", 6)
    empty = make_item("EMPTY")
    make_item("UNTRACKED", track_stock=False)
    custom = make_item("CUSTOM", 8)
    db.session.execute(update(InventoryItem).where(InventoryItem.id == custom).values(low_stock_threshold=10))
    assert {item.id for item in inv.low_stock(acme).items} == {low, empty, custom}
    assert inv.count_low_stock(acme) == 3
