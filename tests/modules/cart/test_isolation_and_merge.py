"""Nobody reaches another shopper's or another store's cart; the guest cart joins the customer's at sign-in."""

from __future__ import annotations

import pytest

from tests.modules.cart.conftest import ACME, BISTRO, add, first_line_id, lines, text
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.cart import services
from webapp.modules.customers.services import register_customer

pytestmark = pytest.mark.usefixtures("isolated_requests")

PASSWORD = "Violet-Harbour-Lantern-42"  # nosec B105


@pytest.fixture
def other_client(app):
    return app.test_client()


@pytest.fixture
def customer(shop):
    with store_scope(shop.demo.acme.id):
        customer = register_customer(shop.demo.acme.id, "ada@example.com", PASSWORD, first_name="Ada",
                                     last_name="Lovelace")
    db.session.commit()
    return customer


def sign_in(client, email="ada@example.com", base=ACME):
    response = client.post(f"{base}/account/login", data={"email": email, "password": PASSWORD})
    assert response.status_code == 303, text(response)[:300]


def test_a_guest_cannot_touch_another_guests_lines(client, other_client, shop):
    add(client, shop.mug, 1)
    line_id = first_line_id(shop.demo.acme.id)
    for path, data in ((f"/cart/lines/{line_id}", {"quantity": "3"}), (f"/cart/lines/{line_id}/remove", {})):
        for headers in ({}, {"HX-Request": "true"}):
            response = other_client.post(ACME + path, data=data, headers=headers)
            assert response.status_code == 404
    assert lines(shop.demo.acme.id) == {shop.mug: 1}
    assert "Your cart is empty" in text(other_client.get(f"{ACME}/cart"))


def test_a_cart_is_per_store_even_with_the_same_session(client, shop):
    add(client, shop.mug, 2)
    line_id = first_line_id(shop.demo.acme.id)
    bistro = client.get(f"{BISTRO}/cart?lang=en")
    assert bistro.status_code == 200
    assert "Your cart is empty" in text(bistro) and "Mug" not in text(bistro)
    response = client.post(f"{BISTRO}/cart/lines/{line_id}", data={"quantity": "1"})
    assert response.status_code == 404
    assert client.post(f"{BISTRO}/cart/lines/{line_id}/remove").status_code == 404
    assert add(client, shop.mug, 1, base=BISTRO).status_code == 422  # Acme's product in Bistro's cart
    assert lines(shop.demo.acme.id) == {shop.mug: 2} and lines(shop.demo.bistro.id) == {}


def test_a_stolen_token_of_another_store_opens_nothing(client, shop):
    add(client, shop.coffee, 1, base=BISTRO)
    with client.session_transaction() as session:
        bistro_token = session["carts"][str(shop.demo.bistro.id)]
        session["carts"] = {str(shop.demo.acme.id): bistro_token}
    assert "Your cart is empty" in text(client.get(f"{ACME}/cart"))


def test_sign_in_merges_the_guest_cart_into_the_customers_cart(client, shop, customer):
    store_id = shop.demo.acme.id
    with store_scope(store_id):
        saved = services.cart_for_customer(store_id, customer.id, create=True)
        services.add_item(store_id, saved, shop.mug, 2, language="en")
        services.add_item(store_id, saved, shop.tee_s, 1, language="en")
    db.session.commit()
    add(client, shop.mug, 2)
    add(client, shop.tee_s, 2)
    sign_in(client)
    assert lines(store_id) == {shop.mug: 3, shop.tee_s: 3}  # mug: 2 + 2 capped at the 3 in stock
    with client.session_transaction() as session:
        assert str(store_id) not in session.get("carts", {})
    page = text(client.get(f"{ACME}/cart"))
    assert '<span class="count" aria-hidden="true">6</span>' in page


def test_sign_in_keeps_the_guest_cart_as_the_customers_first_cart(client, shop, customer):
    add(client, shop.mug, 1)
    sign_in(client)
    with store_scope(shop.demo.acme.id):
        cart = services.cart_for_customer(shop.demo.acme.id, customer.id)
        assert cart is not None and [line.variant_id for line in cart.lines] == [shop.mug]
    client.post(f"{ACME}/account/logout")
    assert "Your cart is empty" in text(client.get(f"{ACME}/cart"))  # signed out: a new guest
    sign_in(client)
    assert "Mug" in text(client.get(f"{ACME}/cart"))


def test_a_customers_cart_is_not_visible_on_another_store(client, shop, customer):
    sign_in(client)
    add(client, shop.mug, 1)
    assert "Mug" in text(client.get(f"{ACME}/cart"))
    bistro = text(client.get(f"{BISTRO}/cart?lang=en"))
    assert "Your cart is empty" in bistro and "Mug" not in bistro


def test_customer_lines_are_theirs_only(client, other_client, shop, customer):
    sign_in(client)
    add(client, shop.mug, 1)
    line_id = first_line_id(shop.demo.acme.id)
    assert other_client.post(f"{ACME}/cart/lines/{line_id}/remove").status_code == 404
    assert lines(shop.demo.acme.id) == {shop.mug: 1}
