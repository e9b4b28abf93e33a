"""Partial fulfilment, restock on refund, internal notes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.modules.orders.conftest import order_data
from tests.modules.orders.test_services import fresh, kinds
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.contracts.events import OrderRefunded, OrderShipped
from webapp.modules.inventory import services as inventory
from webapp.modules.orders import services


def ship(store, order_id: int, quantities: dict[int, int], **extra):
    with store_scope(store.id):
        fulfilment = services.fulfil(store.id, order_id, quantities, actor_id=None, platform_id=store.platform_id,
                                     **extra)
        db.session.commit()
        return fulfilment


def test_partial_fulfilment_is_counted_per_line(demo, make_order, published):
    order = make_order(status="paid")
    tee, mug = order.lines  # 2 T-shirts, 1 mug
    ship(demo.acme, order.id, {tee.id: 1}, tracking_number=" LU1 ", carrier="Post")
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "partially_fulfilled"
    assert [(line.fulfilled_quantity, line.to_fulfil) for line in order.lines] == [(1, 1), (0, 1)]
    assert (order.fulfilments[0].tracking_number, order.fulfilments[0].carrier) == ("LU1", "Post")
    assert "fulfil" in services.available_actions(order)
    ship(demo.acme, order.id, {tee.id: 1, mug.id: 1})
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "fulfilled" and len(order.fulfilments) == 2
    assert kinds(order)[-2:] == ["partially_fulfilled", "fulfilled"]
    assert [e.complete for e in published if isinstance(e, OrderShipped)] == [False, True]


@pytest.mark.parametrize("quantities", ["none", "zero", "too_many", "unknown", "negative"])
def test_bad_quantities_are_refused_and_nothing_ships(demo, make_order, quantities):
    order = make_order(status="paid")
    tee = order.lines[0]
    wanted = {"zero": {tee.id: 0}, "too_many": {tee.id: 3}, "unknown": {999_999: 1},
              "negative": {tee.id: -1}}.get(quantities, {})
    with store_scope(demo.acme.id), pytest.raises(services.OrderError):
        services.fulfil(demo.acme.id, order.id, wanted, actor_id=None, platform_id=demo.main.id)
    db.session.rollback()
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "unfulfilled" and not order.fulfilments
    assert all(line.fulfilled_quantity == 0 for line in order.lines)


@pytest.fixture
def stocked(demo):
    """Two tracked stock items of acme (10 each) and an order's worth of lines selling them."""
    with store_scope(demo.acme.id):
        tee, mug = inventory.ensure_item(demo.acme.id, "TEE-M"), inventory.ensure_item(demo.acme.id, "MUG")
        for item in (tee, mug):
            inventory.set_on_hand(demo.acme.id, item.id, 10)
        db.session.commit()
    lines = [services.NewOrderLine(variant_id=11, sku="TEE-M", title="T-shirt M", quantity=2,
                                   unit_price=Decimal("20.00"), inventory_item_id=tee.id),
             services.NewOrderLine(variant_id=12, sku="MUG", title="Mug", quantity=1, unit_price=Decimal("10.00"),
                                   inventory_item_id=None)]  # found by SKU, as orders placed before item ids
    return tee.id, mug.id, lines


def on_hand(store, item_id: int) -> int:
    with store_scope(store.id):
        return inventory.stock_figures(store.id, [item_id])[item_id].on_hand


def test_a_refund_with_restock_puts_exactly_that_stock_back(demo, make_order, payments, published, stocked):
    tee_item, mug_item, lines = stocked
    order = make_order(status="shipped", lines=lines)
    payments.add(order)
    tee, mug = order.lines
    with store_scope(demo.acme.id):
        services.refund(demo.acme.id, order.id, Decimal("30.00"), restock={tee.id: 1, mug.id: 1},
                        actor_id=demo.owner.id, platform_id=demo.main.id)
        db.session.commit()
    assert (on_hand(demo.acme, tee_item), on_hand(demo.acme, mug_item)) == (11, 11)
    order = fresh(demo.acme, order.id)
    assert (order.payment_status, order.fulfilment_status) == ("partially_refunded", "fulfilled")
    assert [line.returned_quantity for line in order.lines] == [1, 1]
    refunded = [e for e in published if isinstance(e, OrderRefunded)]
    assert refunded[-1].restock == ((tee_item, "TEE-M", 1), (0, "MUG", 1))
    with store_scope(demo.acme.id):  # the rest can still go back, never more
        with pytest.raises(services.RefundError):
            services.refund(demo.acme.id, order.id, Decimal("1.00"), restock={tee.id: 2}, actor_id=None,
                            platform_id=demo.main.id)
        db.session.rollback()
        services.refund(demo.acme.id, order.id, Decimal("1.00"), restock={tee.id: 1}, actor_id=None,
                        platform_id=demo.main.id)
        db.session.commit()
    assert on_hand(demo.acme, tee_item) == 12


def test_a_refund_without_restock_leaves_stock_alone(demo, make_order, payments, stocked):
    tee_item, _mug_item, lines = stocked
    order = make_order(status="shipped", lines=lines)
    payments.add(order)
    with store_scope(demo.acme.id):
        services.refund(demo.acme.id, order.id, Decimal("20.00"), actor_id=None, platform_id=demo.main.id)
        db.session.commit()
    assert on_hand(demo.acme, tee_item) == 10


def test_restocking_unshipped_items_leaves_less_to_ship(demo, make_order, payments, stocked):
    _tee_item, _mug_item, lines = stocked
    order = make_order(status="paid", lines=lines)
    payments.add(order)
    tee, mug = order.lines
    ship(demo.acme, order.id, {tee.id: 2})
    with store_scope(demo.acme.id):
        services.refund(demo.acme.id, order.id, Decimal("10.00"), restock={mug.id: 1}, actor_id=None,
                        platform_id=demo.main.id)
        db.session.commit()
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "fulfilled" and order.lines[1].cancelled_quantity == 1
    assert "fulfil" not in services.available_actions(order)


def test_notes_are_kept_with_author_and_time(demo, make_order):
    order = make_order()
    with store_scope(demo.acme.id):
        for bad in ("", "   ", "x" * 501):
            with pytest.raises(services.OrderError):
                services.add_note(demo.acme.id, order.id, bad, actor_id=demo.owner.id, platform_id=demo.main.id)
        services.add_note(demo.acme.id, order.id, " Call before delivery\x00 ", actor_id=demo.owner.id,
                          platform_id=demo.main.id)
        db.session.commit()
    note = fresh(demo.acme, order.id).activities[-1]
    assert (note.kind, note.message, note.actor_user_id) == ("note", "Call before delivery", demo.owner.id)
    assert note.created_at is not None


def test_a_new_order_line_keeps_its_stock_item(demo):
    with store_scope(demo.acme.id):
        order = services.create_order(demo.acme.id, order_data(lines=[services.NewOrderLine(
            variant_id=1, sku="A", title="A", quantity=1, unit_price=Decimal("1"), inventory_item_id=42)]),
            platform_id=demo.main.id)
        assert order.lines[0].inventory_item_id == 42
