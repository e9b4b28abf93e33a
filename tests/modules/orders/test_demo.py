"""Demo orders: varied, deterministic, idempotent, silent (no events, no stock moves)."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers.demo import seed as seed_customers
from webapp.modules.orders.demo import PLAN, seed
from webapp.modules.orders.models import Order


def acme_orders(demo) -> list[Order]:
    with store_scope(demo.acme.id):
        return list(db.session.scalars(select(Order).order_by(Order.number)))


def test_demo_orders_are_varied_and_seeded_once(demo, published):
    seed_customers()
    assert "25 past orders" in seed()[0]
    db.session.commit()
    assert "nothing added" in seed()[0]
    orders = acme_orders(demo)
    assert [o.number for o in orders] == list(range(1001, 1001 + len(PLAN)))
    payment = Counter(o.payment_status for o in orders)
    fulfilment = Counter(o.fulfilment_status for o in orders)
    assert Counter(o.status for o in orders)["cancelled"] == 1 and payment["partially_refunded"] == 1
    assert fulfilment["delivered"] > 10 and fulfilment["partially_fulfilled"] == 1 and payment["pending"] == 1
    shipped = [o for o in orders if o.fulfilment_status != "unfulfilled"]
    assert all(o.tracking_number and o.fulfilments for o in shipped)
    assert all(o.lines and o.total == o.subtotal + o.shipping_total for o in orders)
    assert any(o.customer_id for o in orders if o.email == "shopper@example.com")
    assert all(o.seller["name"] == "Acme Trading" and o.seller["vat_number"] == "LU12345613" for o in orders)
    assert published == []
