"""Holds on PostgreSQL (row locks and row security as in production): the last unit held by one
shopper cannot be bought by another until the hold expires; holds taken at once never oversell."""

from __future__ import annotations

from webapp.extensions import db

from .conftest import ACME, add_to_cart, idempotency_key, make_variant, place, text
from .test_concurrency import _run_together
from .test_stock_holds import expire_holds, holds, item_of, to_payment

SHOPPERS = 12
STOCK = 3
SOLD_OUT = "Sorry, this product is sold out."
CART_REFUSAL = "Sorry, sold out or no longer available in that quantity: Last lamp."


def to_review_via_payment(client) -> str:
    assert to_payment(client).status_code == 200
    assert client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}).status_code == 303
    return idempotency_key(client)


def test_a_held_last_unit_is_refused_to_others_until_the_hold_expires(app, client, demo, postgres_required):
    lamp = make_variant(demo.acme, "Last lamp", "LAMP", "30.00", 1)
    db.session.commit()
    first, second = app.test_client(), app.test_client()
    add_to_cart(second, lamp)  # in the second cart before anyone holds it
    add_to_cart(first, lamp)
    first_key = to_review_via_payment(first)
    assert list(holds(demo.acme.id).values()) == [{item_of(demo.acme.id, lamp): 1}]

    refused = app.test_client().post(f"{ACME}/cart/add", data={"variant_id": lamp, "quantity": 1})
    assert refused.status_code == 422 and SOLD_OUT in text(refused)
    response = to_payment(second)  # the second shopper cannot go on to pay
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}/cart")
    assert CART_REFUSAL in text(second.get(f"{ACME}/cart"))

    expire_holds(demo.acme.id)  # the first shopper walked away
    second_key = to_review_via_payment(second)
    assert "/checkout/complete/" in place(second, second_key).headers["Location"]
    response = place(first, first_key)  # too late now
    assert response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}/cart")
    assert CART_REFUSAL in text(first.get(f"{ACME}/cart"))
    assert holds(demo.acme.id) == {}


def test_shoppers_reaching_the_payment_step_at_once_hold_exactly_the_stock(app, demo, postgres_required):
    lamp = make_variant(demo.acme, "Last lamp", "LAMP", "30.00", STOCK)
    db.session.commit()
    shoppers = []
    for number in range(SHOPPERS):
        shopper = app.test_client()
        add_to_cart(shopper, lamp)
        assert shopper.post(f"{ACME}/checkout/contact", data={
            "email": f"shopper{number}@example.com", "first_name": "S", "last_name": "S", "street": "1 Rue",
            "postal_code": "1611", "city": "Luxembourg", "country": "LU"}).status_code == 303
        assert shopper.post(f"{ACME}/checkout/shipping", data={"method": "standard"}).status_code == 303
        shoppers.append(shopper)

    responses = _run_together([(lambda s=shopper: s.get(f"{ACME}/checkout/payment")) for shopper in shoppers])

    assert not [r for r in responses if isinstance(r, Exception)], responses
    assert sorted(r.status_code for r in responses) == [200] * STOCK + [303] * (SHOPPERS - STOCK)
    assert all(r.headers["Location"].endswith(f"{ACME}/cart") for r in responses if r.status_code == 303)
    assert sorted(holds(demo.acme.id).values(), key=str) == [{item_of(demo.acme.id, lamp): 1}] * STOCK
