"""The cart's stock is held from the payment step on, released when the cart changes or the hold
expires, counted against other shoppers, and converted into the sale when the order is placed."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.cart.models import CartLine
from webapp.modules.catalog.models import Variant
from webapp.modules.inventory import services as inventory
from webapp.modules.inventory.models import Reservation, utcnow

from .conftest import ACME, add_to_cart, idempotency_key, make_variant, place, submit_contact, text

HX = {"HX-Request": "true"}


def item_of(store_id: int, variant_id: int) -> int:
    with store_scope(store_id):
        return db.session.get(Variant, variant_id).inventory_item_id


def holds(store_id: int) -> dict[str, dict[int, int]]:
    """{reference: {item id: quantity}} of every reservation of the store, as the database holds them."""
    with store_scope(store_id):
        db.session.expire_all()
        found: dict[str, dict[int, int]] = {}
        for row in db.session.scalars(select(Reservation)):
            found.setdefault(row.reference, {})[row.item_id] = row.quantity
        return found


def cart_line_id(store_id: int) -> int:
    with store_scope(store_id):
        return db.session.scalar(select(CartLine.id).order_by(CartLine.id.desc()))


def to_payment(client):
    """Contact and delivery saved without JavaScript, then the payment step shown (as the 303 leads there)."""
    assert submit_contact(client).status_code == 303
    assert client.post(f"{ACME}/checkout/shipping", data={"method": "standard"}).status_code == 303
    return client.get(f"{ACME}/checkout/payment")


def expire_holds(store_id: int) -> None:
    with store_scope(store_id):
        db.session.execute(update(Reservation).values(expires_at=utcnow() - timedelta(seconds=1)))
        db.session.commit()


def test_reaching_the_payment_step_holds_the_carts_stock(client, shop):
    add_to_cart(client, shop.tee, 2)
    add_to_cart(client, shop.mug, 1)
    assert holds(shop.acme.id) == {}  # nothing held before the payment step
    assert submit_contact(client).status_code == 303
    assert holds(shop.acme.id) == {}
    assert to_payment(client).status_code == 200
    (reference, held), = holds(shop.acme.id).items()
    assert reference.startswith("cart-")
    assert held == {item_of(shop.acme.id, shop.tee): 2, item_of(shop.acme.id, shop.mug): 1}
    with store_scope(shop.acme.id):
        row = db.session.scalar(select(Reservation))
        minutes = (row.expires_at.replace(tzinfo=None) - utcnow().replace(tzinfo=None)).total_seconds() / 60
    assert 14 < minutes <= 15  # INVENTORY_RESERVATION_MINUTES
    # Showing the step again replaces the hold rather than adding to it.
    assert client.get(f"{ACME}/checkout/payment").status_code == 200
    assert list(holds(shop.acme.id).values()) == [held]


def test_the_htmx_delivery_step_holds_the_stock_as_it_shows_the_payment_step(client, shop):
    add_to_cart(client, shop.tee, 3)
    submit_contact(client)
    response = client.post(f"{ACME}/checkout/shipping", data={"method": "standard"}, headers=HX)
    assert response.status_code == 200 and 'name="gateway"' in text(response)
    assert list(holds(shop.acme.id).values()) == [{item_of(shop.acme.id, shop.tee): 3}]


def test_the_shoppers_own_hold_does_not_count_against_their_cart(client, shop):
    add_to_cart(client, shop.tee, 5)  # all 5 in stock
    to_payment(client)
    page = text(client.get(f"{ACME}/cart"))
    assert 'class="has-problem"' not in page and "Sold out." not in page
    assert client.get(f"{ACME}/checkout/review").status_code in (200, 303)


def test_out_of_stock_at_the_payment_step_goes_back_to_the_cart_naming_the_lines(client, shop):
    add_to_cart(client, shop.tee, 1)
    add_to_cart(client, shop.mug, 2)
    with store_scope(shop.acme.id):  # another shopper holds 2 of the 3 mugs meanwhile
        inventory.reserve(shop.acme.id, "cart-999999", {item_of(shop.acme.id, shop.mug): 2})
        db.session.commit()
    response = to_payment(client)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}/cart")
    cart = text(client.get(f"{ACME}/cart"))
    assert "Sorry, sold out or no longer available in that quantity: Mug. Please check your cart." in cart
    assert list(holds(shop.acme.id)) == ["cart-999999"]  # nothing held for this shopper
    submit_contact(client)
    response = client.post(f"{ACME}/checkout/shipping", data={"method": "standard"}, headers=HX)
    assert response.status_code == 200 and response.headers["HX-Redirect"].endswith(f"{ACME}/cart")


def test_any_change_to_the_cart_releases_the_hold(client, shop):
    add_to_cart(client, shop.tee, 2)
    to_payment(client)
    changes = [
        lambda: client.post(f"{ACME}/cart/add", data={"variant_id": shop.mug, "quantity": 1}),
        lambda: client.post(f"{ACME}/cart/lines/{cart_line_id(shop.acme.id)}", data={"quantity": 1}),
        lambda: client.post(f"{ACME}/cart/lines/{cart_line_id(shop.acme.id)}/remove"),
    ]
    for change in changes:
        assert client.get(f"{ACME}/checkout/payment").status_code == 200
        assert len(holds(shop.acme.id)) == 1
        assert change().status_code == 303
        assert holds(shop.acme.id) == {}


def test_a_hold_keeps_the_last_units_from_others_until_it_expires(app, client, shop):
    add_to_cart(client, shop.mug, 3)  # every mug
    to_payment(client)
    other = app.test_client()
    refused = other.post(f"{ACME}/cart/add", data={"variant_id": shop.mug, "quantity": 1})
    assert refused.status_code == 422 and "Sorry, this product is sold out." in text(refused)
    expire_holds(shop.acme.id)
    assert other.post(f"{ACME}/cart/add", data={"variant_id": shop.mug, "quantity": 1}).status_code == 303
    # The next hold purges the expired one; the first shopper's payment step now finds too little.
    assert to_payment(other).status_code == 200
    assert client.get(f"{ACME}/checkout/payment").headers["Location"].endswith(f"{ACME}/cart")
    assert list(holds(shop.acme.id).values()) == [{item_of(shop.acme.id, shop.mug): 1}]


def test_placing_the_order_takes_the_stock_and_deletes_the_hold_together(client, shop):
    add_to_cart(client, shop.tee, 2)
    to_payment(client)
    assert client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}).status_code == 303
    item = item_of(shop.acme.id, shop.tee)
    with store_scope(shop.acme.id):
        assert inventory.stock_figures(shop.acme.id, [item])[item].reserved == 2
    response = place(client, idempotency_key(client))
    assert "/checkout/complete/" in response.headers["Location"]
    with store_scope(shop.acme.id):
        db.session.expire_all()
        figures = inventory.stock_figures(shop.acme.id, [item])[item]
    assert (figures.on_hand, figures.reserved) == (3, 0)
    assert holds(shop.acme.id) == {}


def test_placing_is_refused_while_another_shopper_holds_the_stock(app, client, shop):
    lamp = make_variant(shop.acme, "Lamp", "LAMP", "30.00", 1)
    db.session.commit()
    add_to_cart(client, lamp)
    to_payment(client)
    assert client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}).status_code == 303
    key = idempotency_key(client)
    expire_holds(shop.acme.id)  # the first shopper lingered on the review page
    other = app.test_client()
    add_to_cart(other, lamp)
    assert to_payment(other).status_code == 200  # the second shopper holds the lamp now
    response = place(client, key)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}/cart")
    assert "Sorry, sold out or no longer available in that quantity: Lamp." in text(client.get(f"{ACME}/cart"))
    item = item_of(shop.acme.id, lamp)
    with store_scope(shop.acme.id):
        db.session.expire_all()
        assert inventory.stock_figures(shop.acme.id, [item])[item].on_hand == 1
