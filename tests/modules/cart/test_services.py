"""Cart services: quantities, stock, isolation between stores, pricing from the catalog, merging."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select, update

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.cart import services
from webapp.modules.cart.models import Cart, CartLine
from webapp.modules.catalog.models import Product, Variant
from webapp.modules.inventory.services import availability, reserve


@pytest.fixture
def acme(shop):
    """Inside Acme's scope, with an empty guest cart."""
    with store_scope(shop.demo.acme.id):
        yield shop, services.create_guest_cart(shop.demo.acme.id)


def test_add_and_price(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    services.add_item(store_id, cart, shop.tee_s, 2, language="en")
    services.add_item(store_id, cart, shop.mug, 1, language="en")
    view = services.price_cart(store_id, cart, language="en")
    assert [(line.title, line.quantity, line.unit_price, line.line_total) for line in view.lines] == [
        ("Tee \u2013 S", 2, Decimal("19.90"), Decimal("39.80")), ("Mug", 1, Decimal("8.50"), Decimal("8.50"))]
    assert view.subtotal == Decimal("48.30") and view.item_count == 3
    assert view.currency == "EUR" and not view.has_problems
    assert view.lines[0].available == 5 and view.lines[0].sku == "TEE-S"


@pytest.mark.parametrize("quantity", [0, -1, 100, 1.5, "2", None, True, 10**12])
def test_quantities_are_whole_numbers_within_limits(acme, quantity):
    shop, cart = acme
    with pytest.raises(services.InvalidQuantity):
        services.add_item(shop.demo.acme.id, cart, shop.tee_s, quantity, language="en")
    assert services.price_cart(shop.demo.acme.id, cart, language="en").is_empty


@pytest.mark.parametrize("variant", ["bistro", "draft", "unknown", "negative", "text", "huge"])
def test_foreign_unknown_or_unsellable_variants_are_refused(acme, variant):
    shop, cart = acme
    variant_id = {"bistro": shop.coffee, "draft": shop.hat, "unknown": 987654, "negative": -shop.mug,
                  "text": str(shop.mug), "huge": 2**63}[variant]
    with pytest.raises(services.ProductUnavailable, match="not available"):
        services.add_item(shop.demo.acme.id, cart, variant_id, 1, language="en")


def test_stock_limits_the_line(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    services.add_item(store_id, cart, shop.mug, 2, language="en")
    with pytest.raises(services.NotEnoughStock, match="Only 3 left"):
        services.add_item(store_id, cart, shop.mug, 2, language="en")
    with pytest.raises(services.NotEnoughStock, match="sold out"):
        services.add_item(store_id, cart, shop.tee_m, 1, language="en")
    line = db.session.scalar(select(CartLine).where(CartLine.variant_id == shop.mug))
    with pytest.raises(services.NotEnoughStock):
        services.update_quantity(store_id, cart, line.id, 4, language="en")
    assert services.update_quantity(store_id, cart, line.id, 3, language="en").quantity == 3


def test_reservations_count_against_stock(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    item_id = db.session.scalar(select(Variant.inventory_item_id).where(Variant.id == shop.mug))
    reserve(store_id, "someone-else", {item_id: 2})
    with pytest.raises(services.NotEnoughStock, match="Only 1 left"):
        services.add_item(store_id, cart, shop.mug, 2, language="en")


def test_the_carts_own_hold_counts_only_against_others_and_any_change_releases_it(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    item_id = db.session.scalar(select(Variant.inventory_item_id).where(Variant.id == shop.mug))
    services.add_item(store_id, cart, shop.mug, 3, language="en")
    assert not cart.holds_stock
    services.hold_stock(store_id, cart, {item_id: 3})  # what checkout does at payment
    assert cart.holds_stock
    assert services.price_cart(store_id, cart, language="en").lines[0].available == 3
    other = services.create_guest_cart(store_id)
    with pytest.raises(services.NotEnoughStock, match="sold out"):
        services.add_item(store_id, other, shop.mug, 1, language="en")
    line_id = services.price_cart(store_id, cart, language="en").lines[0].line_id
    services.update_quantity(store_id, cart, line_id, 2, language="en")
    assert availability(store_id, [item_id]) == {item_id: 3}  # released
    assert not cart.holds_stock
    services.add_item(store_id, other, shop.mug, 1, language="en")


def test_line_and_cart_limits(acme, app, monkeypatch):
    shop, cart = acme
    store_id = shop.demo.acme.id
    monkeypatch.setitem(app.config, "CART_MAX_QUANTITY", 4)
    monkeypatch.setitem(app.config, "CART_MAX_LINES", 1)
    services.add_item(store_id, cart, shop.tee_s, 3, language="en")
    with pytest.raises(services.TooMany, match="at most 4"):
        services.add_item(store_id, cart, shop.tee_s, 2, language="en")
    with pytest.raises(services.CartFull):
        services.add_item(store_id, cart, shop.mug, 1, language="en")


def test_lines_of_another_cart_are_not_found(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    other = services.create_guest_cart(store_id)
    line = services.add_item(store_id, other, shop.mug, 1, language="en")
    with pytest.raises(services.LineNotFound):
        services.update_quantity(store_id, cart, line.id, 2, language="en")
    with pytest.raises(services.LineNotFound):
        services.update_quantity(store_id, cart, line.id, "junk", language="en")  # not found comes first
    with pytest.raises(services.LineNotFound):
        services.remove_line(store_id, cart, line.id)
    assert db.session.get(CartLine, line.id).quantity == 1


def test_prices_come_from_the_catalog_at_every_call(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    services.add_item(store_id, cart, shop.tee_s, 2, language="en")
    db.session.execute(update(Variant).where(Variant.id == shop.tee_s).values(price=Decimal("25.00")))
    view = services.price_cart(store_id, cart, language="en")
    assert view.lines[0].unit_price == Decimal("25.00") and view.subtotal == Decimal("50.00")


def test_problems_when_stock_drops_or_the_product_goes(acme):
    shop, cart = acme
    store_id = shop.demo.acme.id
    services.add_item(store_id, cart, shop.tee_s, 4, language="en")
    services.add_item(store_id, cart, shop.mug, 1, language="en")
    item_id = db.session.scalar(select(Variant.inventory_item_id).where(Variant.id == shop.tee_s))
    reserve(store_id, "checkout-1", {item_id: 3})
    mug_product = select(Variant.product_id).where(Variant.id == shop.mug).scalar_subquery()
    db.session.execute(update(Product).where(Product.id == mug_product).values(status="archived"))
    tee, mug = services.price_cart(store_id, cart, language="en").lines
    assert tee.problem == "Only 2 left in stock." and tee.line_total == Decimal("79.60")
    assert mug.problem == "This product is no longer available." and mug.unit_price is None
    assert services.price_cart(store_id, cart, language="en").subtotal == Decimal("79.60")


def test_customer_cart_is_one_per_customer_and_store(acme):
    shop, _cart = acme
    store_id = shop.demo.acme.id
    assert services.cart_for_customer(store_id, 41) is None
    first = services.cart_for_customer(store_id, 41, create=True)
    assert services.cart_for_customer(store_id, 41, create=True).id == first.id
    assert services.guest_cart(store_id, first.token) is None  # a customer's cart never opens by token


def test_merge_adds_quantities_capped_by_stock(acme):
    shop, guest = acme
    store_id = shop.demo.acme.id
    mine = services.cart_for_customer(store_id, 7, create=True)
    services.add_item(store_id, mine, shop.mug, 2, language="en")
    services.add_item(store_id, mine, shop.tee_s, 1, language="en")
    services.add_item(store_id, guest, shop.mug, 2, language="en")
    services.add_item(store_id, guest, shop.tee_s, 2, language="en")
    merged = services.claim_guest_cart(store_id, guest, 7, language="en")
    assert merged.id == mine.id
    quantities = {line.variant_id: line.quantity for line in db.session.scalars(select(CartLine))}
    assert quantities == {shop.mug: 3, shop.tee_s: 3}  # mug: 2 + 2 capped at 3 in stock
    assert db.session.scalar(select(Cart.id).where(Cart.id == guest.id)) is None


def test_a_guest_cart_becomes_the_customers_when_they_have_none(acme):
    shop, guest = acme
    store_id = shop.demo.acme.id
    services.add_item(store_id, guest, shop.mug, 1, language="en")
    old_token = guest.token
    cart = services.claim_guest_cart(store_id, guest, 9, language="en")
    assert cart.id == guest.id and cart.customer_id == 9
    assert services.guest_cart(store_id, old_token) is None


def test_clear_cart(acme):
    shop, cart = acme
    services.add_item(shop.demo.acme.id, cart, shop.mug, 1, language="en")
    services.clear_cart(shop.demo.acme.id, cart)
    assert services.price_cart(shop.demo.acme.id, cart, language="en").is_empty


def test_carts_of_another_store_are_invisible(shop):
    with store_scope(shop.demo.bistro.id):
        bistro_cart = services.create_guest_cart(shop.demo.bistro.id)
        services.add_item(shop.demo.bistro.id, bistro_cart, shop.coffee, 1, language="fr")
        line_id = bistro_cart.lines[0].id
    with store_scope(shop.demo.acme.id):
        assert services.guest_cart(shop.demo.acme.id, bistro_cart.token) is None
        with pytest.raises(services.LineNotFound):
            services.remove_line(shop.demo.acme.id, bistro_cart, line_id)


def test_a_cart_that_holds_nothing_skips_releasing_a_hold(acme, count_queries):
    shop, cart = acme
    store_id = shop.demo.acme.id
    with count_queries() as statements:
        services.add_item(store_id, cart, shop.mug, 1, language="en")
    assert not [s for s in statements if s.lstrip().upper().startswith("DELETE") and "inventory_reservations" in s]
