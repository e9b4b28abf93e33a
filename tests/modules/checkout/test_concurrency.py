"""Races on PostgreSQL: many shoppers for the last units, and one checkout submitted many times at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Variant
from webapp.modules.inventory.models import StockLevel, StockMovement
from webapp.modules.orders.models import Order
from webapp.modules.payments.models import Payment

from .conftest import ACME, add_to_cart, make_variant, place, text, to_review

SHOPPERS = 20
STOCK = 3
SUBMISSIONS = 10


def _run_together(calls) -> list:
    """Run every call in its own thread, released at the same moment; their results (or exceptions)."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=30)
        try:
            return call()
        except Exception as error:  # reported by the assertions below
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _rows(store_id: int, model) -> list:
    with store_scope(store_id):
        db.session.expire_all()
        return list(db.session.scalars(select(model).where(model.store_id == store_id)))


def test_stock_k_and_many_shoppers_at_once_give_exactly_k_orders(app, client, demo, postgres_required):
    variant_id = make_variant(demo.acme, "Last lamp", "LAMP", "30.00", STOCK)
    db.session.commit()
    shoppers = []
    for number in range(SHOPPERS):
        client = app.test_client()
        add_to_cart(client, variant_id, 1)
        key = to_review(client, email=f"shopper{number}@example.com")
        shoppers.append((client, key, client.csrf_token()))

    responses = _run_together([
        (lambda c=client, k=key, t=token: place(c, k, headers_token=t)) for client, key, token in shoppers])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    statuses = sorted(r.status_code for r in responses)
    assert 500 not in statuses
    placed = [r for r in responses if "/checkout/complete/" in r.headers.get("Location", "")]
    refused = [r for r in responses if r not in placed]
    assert len(placed) == STOCK and len(refused) == SHOPPERS - STOCK
    for response in refused:  # raced at the last moment (409 on the review), or the cart saw it first
        if response.status_code == 409:
            assert "Sorry, sold out: Last lamp." in text(response)
        else:
            assert response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}/cart")
    orders = _rows(demo.acme.id, Order)
    assert len(orders) == STOCK and {order.payment_status for order in orders} == {"paid"}
    assert len(_rows(demo.acme.id, Payment)) == STOCK
    with store_scope(demo.acme.id):
        item_id = db.session.get(Variant, variant_id).inventory_item_id
    levels = [level for level in _rows(demo.acme.id, StockLevel) if level.item_id == item_id]
    assert sum(level.quantity for level in levels) == 0 and min(level.quantity for level in levels) >= 0
    sales = [m for m in _rows(demo.acme.id, StockMovement) if m.item_id == item_id and m.reason == "sale"]
    assert len(sales) == STOCK and all(m.quantity_after >= 0 for m in sales)


def test_one_checkout_submitted_many_times_at_once_makes_one_order_and_one_payment(app, client, demo,
                                                                                   postgres_required):
    variant_id = make_variant(demo.acme, "Vase", "VASE", "40.00", 10)
    db.session.commit()
    first = app.test_client()
    add_to_cart(first, variant_id, 2)
    key = to_review(first)
    token = first.csrf_token()
    cookie = first.get_cookie(app.config["SESSION_COOKIE_NAME"])
    tabs = []
    for _ in range(SUBMISSIONS):  # the same browser session, many requests in flight
        tab = app.test_client()
        tab.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        tabs.append(tab)

    responses = _run_together([(lambda t=tab: place(t, key, headers_token=token)) for tab in tabs])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    locations = {r.headers.get("Location") for r in responses}
    assert {r.status_code for r in responses} == {303} and len(locations) == 1
    assert "/checkout/complete/" in locations.pop()
    (order,) = _rows(demo.acme.id, Order)
    assert order.payment_status == "paid" and [p.order_id for p in _rows(demo.acme.id, Payment)] == [order.id]
    with store_scope(demo.acme.id):
        item_id = db.session.get(Variant, variant_id).inventory_item_id
    assert sum(level.quantity for level in _rows(demo.acme.id, StockLevel) if level.item_id == item_id) == 8
