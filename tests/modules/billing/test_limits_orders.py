"""Orders over the plan's `orders_per_month`: always accepted from the shopper; flagged on `block`, told on `warn`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from tests.modules.orders.conftest import order_data
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.billing.services import usage
from webapp.modules.orders import services as orders
from webapp.modules.orders.models import Order
from webapp.modules.tenancy.models import Store

pytestmark = pytest.mark.usefixtures("isolated_requests")


def place(store, **overrides) -> Order:
    with store_scope(store.id):
        order = orders.create_order(store.id, order_data(**overrides), platform_id=store.platform_id)
        db.session.commit()
        return order


def stored(store) -> list[Order]:
    db.session.expire_all()
    with store_scope(store.id):
        return list(db.session.scalars(select(Order).where(Order.store_id == store.id).order_by(Order.id)))


def test_orders_of_this_month_are_counted_in_the_stores_time_zone(app, demo):
    db.session.get(Store, demo.acme.id).timezone = "Pacific/Auckland"  # UTC+13 in December
    db.session.commit()
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)  # already 2 December in Auckland
    start = orders.month_start(demo.acme.id, now=now)
    assert start == datetime(2026, 11, 30, 11, 0, tzinfo=UTC)  # 1 December 00:00 in Auckland
    with app.test_request_context():
        place(demo.acme)
        assert usage(demo.acme.id, "orders_per_month") == 1
        assert orders.orders_this_month(demo.bistro.id) == 0


def test_over_the_limit_on_block_the_order_is_kept_and_flagged(app, client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "orders_per_month", 2)
    with app.test_request_context():
        first, second, third = place(demo.acme), place(demo.acme), place(demo.acme)
    kept = stored(demo.acme)
    assert [o.id for o in kept] == [first.id, second.id, third.id]  # never lost
    assert [o.over_plan_limit for o in kept] == [False, False, True]  # at the limit - 1 and at it: not flagged

    login_as(demo.owner)
    listing = client.get("/store/acme/orders/").get_data(as_text=True)
    assert listing.count("Over plan limit") == 1
    detail = client.get(f"/store/acme/orders/{third.id}").get_data(as_text=True)
    assert "Over plan limit" in detail
    assert "Over plan limit" not in client.get(f"/store/acme/orders/{first.id}").get_data(as_text=True)


def test_the_shopper_never_sees_the_flag(app, client, demo, subscribe, set_limit):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "orders_per_month", 0)
    with app.test_request_context():
        order = place(demo.acme)
    assert stored(demo.acme)[0].over_plan_limit
    from webapp.modules.orders.views.badges import order_badges

    assert "Over plan limit" not in [b.label for b in order_badges(order)]


def test_on_warn_nothing_is_flagged_but_the_dashboard_says_so(app, client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "orders_per_month", 1, policy="warn")
    login_as(demo.owner)
    with app.test_request_context():
        place(demo.acme)
    assert "Orders this month" not in client.get("/store/acme/").get_data(as_text=True)  # at the limit: quiet
    with app.test_request_context():
        place(demo.acme)
    assert [o.over_plan_limit for o in stored(demo.acme)] == [False, False]
    dashboard = client.get("/store/acme/").get_data(as_text=True)
    assert "Orders this month" in dashboard and "Your Essential plan allows 1 orders a month." in dashboard


def test_without_a_subscription_orders_are_never_flagged(app, demo, tiers):
    with app.test_request_context():
        for _ in range(3):
            place(demo.acme)
    assert not any(o.over_plan_limit for o in stored(demo.acme))


def test_a_restricted_subscription_still_takes_orders_flagged(app, demo, subscribe):
    subscribe(demo.acme, "enterprise", state="restricted")
    with app.test_request_context():
        place(demo.acme)
    (order,) = stored(demo.acme)
    assert order.over_plan_limit


def test_the_same_checkout_submitted_twice_gives_one_order(app, demo, subscribe, set_limit):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "orders_per_month", 0)
    with app.test_request_context():
        first = place(demo.acme, idempotency_key="checkout-1")
        again = place(demo.acme, idempotency_key="checkout-1")
    assert first.id == again.id and len(stored(demo.acme)) == 1


def test_a_shoppers_checkout_over_the_limit_is_accepted_and_flagged(app, client, demo_shop, login_as):
    """Through the storefront, on the demo data (acme on Professional), with a monthly limit of 0 (block)."""
    import re

    from tests.fixtures.journey import ACME, GOOD_CARD, GUEST, KEY_INPUT
    from webapp.modules.billing.models import Subscription, Tier
    from webapp.modules.billing.services.entitlements import invalidate_after_commit
    from webapp.modules.catalog.models import Variant

    acme = demo_shop.acme
    tier = db.session.scalar(select(Tier).join(Subscription, Subscription.tier_id == Tier.id)
                             .where(Subscription.merchant_id == acme.merchant_id))
    tier.limits = {**tier.limits, "orders_per_month": {"value": 0, "policy": "block"}}
    invalidate_after_commit()
    db.session.commit()
    with store_scope(acme.id):
        variant_id = db.session.scalar(select(Variant.id).where(Variant.store_id == acme.id,
                                                                Variant.sku == "APP-01-M-BLUE"))
    steps = [("cart/add", {"variant_id": variant_id, "quantity": 1}), ("checkout/contact", GUEST),
             ("checkout/shipping", {"method": "standard"}), ("checkout/payment", {"gateway": "test"})]
    for path, data in steps:
        assert client.post(f"{ACME}/{path}", data=data).status_code in (200, 303)
    review = client.get(f"{ACME}/checkout/review").get_data(as_text=True)
    key = re.search(r'value="([^"]+)"', KEY_INPUT.search(review).group(0)).group(1)
    placed = client.post(f"{ACME}/checkout/place", data={"idempotency_key": key, **GOOD_CARD})
    assert placed.status_code == 303 and "/checkout/complete/" in placed.headers["Location"]
    complete = client.get(placed.headers["Location"]).get_data(as_text=True)
    assert "Over plan limit" not in complete  # the shopper is told nothing of the store's plan

    db.session.expire_all()
    with store_scope(acme.id):
        order = db.session.scalar(select(Order).where(Order.store_id == acme.id, Order.email == GUEST["email"]))
    assert order is not None and order.payment_status == "paid" and order.over_plan_limit
    login_as(demo_shop.owner)
    assert "Over plan limit" in client.get(f"/store/acme/orders/{order.id}").get_data(as_text=True)
