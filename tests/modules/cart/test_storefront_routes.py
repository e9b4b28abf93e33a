"""The cart pages: add, change and remove with htmx and without JavaScript; the mini-cart."""

from __future__ import annotations

import pytest

from tests.modules.cart.conftest import ACME, add, first_line_id, lines, text

pytestmark = pytest.mark.usefixtures("isolated_requests")


def test_empty_cart_page(client, shop):
    response = client.get(f"{ACME}/cart")
    assert response.status_code == 200
    assert "Your cart is empty" in text(response)
    assert 'id="mini-cart"' in text(response)


def test_add_without_javascript_redirects_to_the_cart(client, shop):
    response = add(client, shop.tee_s, 2)
    assert response.status_code == 303
    assert response.headers["Location"].endswith(f"{ACME}/cart")
    assert lines(shop.demo.acme.id) == {shop.tee_s: 2}
    page = client.get(f"{ACME}/cart")
    body = text(page)
    assert "Added to cart." in body
    assert "Tee \u2013 S" in body and "€39.80" in body


def test_add_with_htmx_returns_the_buy_box_and_the_mini_cart_out_of_band(client, shop):
    response = add(client, shop.mug, 2, htmx=True)
    body = text(response)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "cart:line-added"
    assert body.startswith(f'<div class="buy-box" id="buy-{shop.mug}">')
    assert "Added to cart." in body
    assert '<a id="mini-cart" class="mini-cart"' in body and 'data-hx-swap-oob="true"' in body
    assert '<span class="count" aria-hidden="true">2</span>' in body and "€17.00" in body
    assert lines(shop.demo.acme.id) == {shop.mug: 2}


def test_adding_twice_adds_up_on_one_line(client, shop):
    add(client, shop.tee_s, 1)
    add(client, shop.tee_s, 2, htmx=True)
    assert lines(shop.demo.acme.id) == {shop.tee_s: 3}


def test_a_posted_price_is_ignored(client, shop):
    add(client, shop.mug, 1, price="0.01", unit_price="0.01", total="0.01")
    body = text(client.get(f"{ACME}/cart"))
    assert "€8.50" in body and "0.01" not in body


def test_update_quantity_with_htmx_returns_the_panel(client, shop):
    add(client, shop.tee_s, 1)
    line_id = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": "4"}, headers={"HX-Request": "true"})
    body = text(response)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "cart:line-updated"
    assert body.startswith('<section id="cart-panel"')
    assert "€79.60" in body  # 4 x 19.90
    assert '<span class="count" aria-hidden="true">4</span>' in body  # mini-cart, out of band
    assert lines(shop.demo.acme.id) == {shop.tee_s: 4}


def test_update_without_javascript_redirects(client, shop):
    add(client, shop.tee_s, 1)
    line_id = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": "2"})
    assert response.status_code == 303
    assert lines(shop.demo.acme.id) == {shop.tee_s: 2}


def test_quantity_zero_removes_the_line(client, shop):
    add(client, shop.tee_s, 1)
    line_id = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": "0"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "cart:line-removed"
    assert lines(shop.demo.acme.id) == {}


def test_remove_with_htmx_and_without(client, shop):
    add(client, shop.tee_s, 1)
    add(client, shop.mug, 1)
    first = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{first}/remove", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "cart:line-removed"
    assert "Tee" not in text(response).split('id="mini-cart"')[0] and "Mug" in text(response)
    assert lines(shop.demo.acme.id) == {shop.mug: 1}
    second = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{second}/remove")
    assert response.status_code == 303
    assert lines(shop.demo.acme.id) == {}
    assert "Your cart is empty" in text(client.get(f"{ACME}/cart"))


def test_mini_cart_in_the_storefront_header_and_on_its_own(client, shop):
    add(client, shop.mug, 3)
    home = text(client.get(f"{ACME}/"))
    header = home.split("</header>")[0]
    assert 'id="mini-cart"' in header and '<span class="count" aria-hidden="true">3</span>' in header
    assert "€25.50" in header
    mini = client.get(f"{ACME}/cart/mini")
    assert mini.status_code == 200 and mini.headers["Cache-Control"] == "no-store"  # one shopper's cart
    assert client.get(f"{ACME}/cart").headers["Cache-Control"] == "no-store"
    assert text(mini).lstrip().startswith('<a id="mini-cart"') and "data-hx-swap-oob" not in text(mini)


@pytest.mark.parametrize("htmx", [False, True])
def test_csrf_is_required(client, shop, htmx):
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.post(f"{ACME}/cart/add", data={"variant_id": shop.mug, "quantity": 1}, csrf=False,
                           headers=headers)
    assert response.status_code == 400
    assert lines(shop.demo.acme.id) == {}
    add(client, shop.mug, 1)
    line_id = first_line_id(shop.demo.acme.id)
    for path in (f"/cart/lines/{line_id}", f"/cart/lines/{line_id}/remove"):
        response = client.post(ACME + path, data={"quantity": "3"}, csrf=False, headers=headers)
        assert response.status_code == 400
    assert lines(shop.demo.acme.id) == {shop.mug: 1}


def test_checkout_link_only_when_a_checkout_exists(client, app, shop):
    add(client, shop.mug, 1)
    body = text(client.get(f"{ACME}/cart"))
    has_checkout = "checkout_storefront.start" in app.view_functions
    assert ("Checkout</a>" in body) is has_checkout
    assert "Continue shopping" in body
