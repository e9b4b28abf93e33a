"""Every refused change answers 422 (404 for a line that is not yours) with a clear message, and
changes nothing."""

from __future__ import annotations

import pytest

from tests.modules.cart.conftest import ACME, add, first_line_id, lines, text

pytestmark = pytest.mark.usefixtures("isolated_requests")

HTMX = {"HX-Request": "true"}
QUANTITY_MESSAGE = "Enter a whole number from 1 to 99."


@pytest.fixture
def cart_with_a_mug(client, shop):
    assert add(client, shop.mug, 1).status_code == 303
    return lines(shop.demo.acme.id)


BAD_QUANTITIES = ["0", "-1", "abc", "1.5", "100000", "", " ", "1e2", "0x10", "9" * 5000, "NaN", "½"]


@pytest.mark.parametrize("quantity", BAD_QUANTITIES)
@pytest.mark.parametrize("htmx", [False, True])
def test_add_refuses_bad_quantities(client, shop, cart_with_a_mug, quantity, htmx):
    response = client.post(f"{ACME}/cart/add", data={"variant_id": shop.tee_s, "quantity": quantity},
                           headers=HTMX if htmx else {})
    assert response.status_code == 422
    assert QUANTITY_MESSAGE in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


def test_add_refuses_a_missing_quantity(client, shop, cart_with_a_mug):
    response = client.post(f"{ACME}/cart/add", data={"variant_id": shop.tee_s}, headers=HTMX)
    assert response.status_code == 422 and QUANTITY_MESSAGE in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


@pytest.mark.parametrize("variant", ["missing", "empty", "text", "unknown", "bistro", "draft", "negative", "huge"])
@pytest.mark.parametrize("htmx", [False, True])
def test_add_refuses_products_that_are_not_for_sale_here(client, shop, cart_with_a_mug, variant, htmx):
    values = {"missing": None, "empty": "", "text": "mug", "unknown": "987654", "bistro": shop.coffee,
              "draft": shop.hat, "negative": -shop.mug, "huge": "9" * 30}[variant]
    data = {"quantity": "1"} | ({} if values is None else {"variant_id": values})
    response = client.post(f"{ACME}/cart/add", data=data, headers=HTMX if htmx else {})
    assert response.status_code == 422
    assert "This product is not available." in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


def test_add_refuses_more_than_in_stock(client, shop, cart_with_a_mug):
    response = add(client, shop.mug, 3, htmx=True)  # 1 in the cart + 3 > 3 in stock
    assert response.status_code == 422
    body = text(response)
    assert "Only 3 left in stock (your cart already holds 1)." in body
    assert f'id="buy-{shop.mug}"' in body and 'max="3"' in body and 'value="3"' in body  # the entry is kept
    response = add(client, shop.tee_m, 1)
    assert response.status_code == 422 and "sold out" in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


def test_a_refused_first_add_leaves_no_cart(client, shop):
    assert add(client, shop.coffee, 1).status_code == 422
    assert add(client, shop.mug, 0).status_code == 422
    assert lines(shop.demo.acme.id) == {}
    with client.session_transaction() as session:
        assert not session.get("carts")


@pytest.mark.parametrize("quantity", [q for q in BAD_QUANTITIES if q != "0"] + [None])
@pytest.mark.parametrize("htmx", [False, True])
def test_update_refuses_bad_quantities(client, shop, cart_with_a_mug, quantity, htmx):
    line_id = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{line_id}", data={} if quantity is None else {"quantity": quantity},
                           headers=HTMX if htmx else {})
    assert response.status_code == 422
    assert "Enter a whole number from 0 to 99." in text(response)
    if htmx:
        assert 'id="cart-panel"' in text(response) and 'data-hx-swap-oob="true"' in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


def test_update_refuses_more_than_in_stock(client, shop, cart_with_a_mug):
    line_id = first_line_id(shop.demo.acme.id)
    response = client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": "4"}, headers=HTMX)
    assert response.status_code == 422
    assert f'<small class="field-error" id="line-error-{line_id}" role="alert">Only 3 left in stock.</small>' \
        in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


@pytest.mark.parametrize("path", ["/cart/lines/{id}", "/cart/lines/{id}/remove"])
def test_unknown_lines_are_404(client, shop, cart_with_a_mug, path):
    response = client.post(ACME + path.format(id=first_line_id(shop.demo.acme.id) + 1000), data={"quantity": "1"})
    assert response.status_code == 404
    assert "This item is no longer in your cart." in text(response)
    assert lines(shop.demo.acme.id) == cart_with_a_mug


def test_a_price_field_cannot_change_anything(client, shop, cart_with_a_mug):
    response = client.post(f"{ACME}/cart/lines/{first_line_id(shop.demo.acme.id)}",
                           data={"quantity": "2", "price": "0", "unit_price": "0"}, headers=HTMX)
    assert response.status_code == 200
    assert "€17.00" in text(response)  # 2 x 8.50, from the catalog


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_writes_are_post_only(client, shop, cart_with_a_mug, method):
    response = client.open(f"{ACME}/cart/add?variant_id={shop.tee_s}&quantity=1", method=method)
    assert response.status_code == 405
    assert lines(shop.demo.acme.id) == cart_with_a_mug
