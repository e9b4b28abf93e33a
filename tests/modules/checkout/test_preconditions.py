"""Each declared pre-condition sends the shopper to what is missing, as a page and for htmx."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.checkout import services

from .conftest import ACME, add_to_cart, checkout_row, submit_contact, text

HX = {"HX-Request": "true"}
STEPS = ("/checkout", "/checkout/contact", "/checkout/shipping", "/checkout/payment", "/checkout/review")
POSTS = {"/checkout/contact": {"email": "jane@example.com"}, "/checkout/shipping": {"method": "standard"},
         "/checkout/payment": {"gateway": "test"}, "/checkout/place": {"idempotency_key": "x" * 43}}


def redirected_to(response, path: str, *, htmx: bool = False) -> bool:
    if htmx:  # a full navigation: the page around the step changes too
        return response.status_code == 200 and response.headers["HX-Redirect"].endswith(f"{ACME}{path}") \
            and not text(response)
    return response.status_code == 303 and response.headers["Location"].endswith(f"{ACME}{path}")


@pytest.mark.parametrize("htmx", [False, True])
def test_every_step_with_an_empty_cart_goes_to_the_cart(client, shop, htmx):
    headers = HX if htmx else {}
    for path in STEPS:
        assert redirected_to(client.get(f"{ACME}{path}", headers=headers), "/cart", htmx=htmx), path
    for path, data in POSTS.items():
        assert redirected_to(client.post(f"{ACME}{path}", data=data, headers=headers), "/cart", htmx=htmx), path
    assert checkout_row(shop.acme.id) is None
    assert "Your cart is empty" in text(client.get(f"{ACME}/cart"))


@pytest.mark.parametrize("htmx", [False, True])
def test_delivery_without_contact_goes_to_the_contact_step(client, shop, htmx):
    headers = HX if htmx else {}
    add_to_cart(client, shop.tee)
    assert redirected_to(client.get(f"{ACME}/checkout/shipping", headers=headers), "/checkout/contact", htmx=htmx)
    response = client.post(f"{ACME}/checkout/shipping", data={"method": "standard"}, headers=headers)
    assert redirected_to(response, "/checkout/contact", htmx=htmx)
    assert checkout_row(shop.acme.id) is None  # nothing saved out of order


@pytest.mark.parametrize("htmx", [False, True])
def test_payment_without_delivery_goes_to_the_delivery_step(client, shop, htmx):
    headers = HX if htmx else {}
    add_to_cart(client, shop.tee)
    assert submit_contact(client).status_code == 303
    assert redirected_to(client.get(f"{ACME}/checkout/payment", headers=headers), "/checkout/shipping", htmx=htmx)
    response = client.post(f"{ACME}/checkout/payment", data={"gateway": "test"}, headers=headers)
    assert redirected_to(response, "/checkout/shipping", htmx=htmx)
    assert checkout_row(shop.acme.id).gateway is None


@pytest.mark.parametrize("htmx", [False, True])
def test_review_and_placing_without_payment_go_to_the_payment_step(client, shop, htmx):
    headers = HX if htmx else {}
    add_to_cart(client, shop.tee)
    submit_contact(client)
    assert client.post(f"{ACME}/checkout/shipping", data={"method": "standard"}).status_code == 303
    assert redirected_to(client.get(f"{ACME}/checkout/review", headers=headers), "/checkout/payment", htmx=htmx)
    response = client.post(f"{ACME}/checkout/place", data=POSTS["/checkout/place"], headers=headers)
    assert redirected_to(response, "/checkout/payment", htmx=htmx)
    assert checkout_row(shop.acme.id).status == "open"


def test_a_delivery_country_no_longer_served_sends_back_to_the_contact_step(client, shop):
    add_to_cart(client, shop.tee)
    submit_contact(client, country="NL")
    client.post(f"{ACME}/checkout/shipping", data={"method": "standard"})
    with store_scope(shop.acme.id):
        rate = next(rate for rate in services.list_tax_rates(shop.acme.id) if rate.country == "NL")
        services.delete_tax_rate(shop.acme.id, rate.id)
        db.session.commit()
    assert redirected_to(client.get(f"{ACME}/checkout/payment"), "/checkout/contact")
    assert redirected_to(client.get(f"{ACME}/checkout"), "/checkout/contact")
