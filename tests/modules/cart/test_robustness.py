"""Any input gets an answer (never a 500), every locale renders, and concurrent adds respect stock."""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.modules.cart.conftest import ACME, add, first_line_id, lines
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.cart import services
from webapp.modules.cart.models import Cart

pytestmark = pytest.mark.usefixtures("isolated_requests")

junk = st.one_of(st.text(max_size=300), st.integers(min_value=-(10**20), max_value=10**20).map(str),
                 st.floats(allow_nan=True).map(str))


def test_any_add_input_gets_an_answer_never_a_500(client, shop):
    @settings(max_examples=60, deadline=None)
    @given(variant_id=junk, quantity=junk, htmx=st.booleans())
    def check(variant_id, quantity, htmx):
        response = client.post(f"{ACME}/cart/add", data={"variant_id": variant_id, "quantity": quantity},
                               headers={"HX-Request": "true"} if htmx else {})
        assert response.status_code in (200, 303, 422)

    check()
    assert all(0 < quantity <= 5 for quantity in lines(shop.demo.acme.id).values())


def test_any_quantity_update_gets_an_answer_never_a_500(client, shop):
    add(client, shop.tee_s, 1)
    line_id = first_line_id(shop.demo.acme.id)

    @settings(max_examples=60, deadline=None)
    @given(quantity=junk.filter(lambda value: value.strip() != "0"),
           duplicate=st.lists(junk, max_size=2))
    def check(quantity, duplicate):
        response = client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": [quantity, *duplicate]},
                               headers={"HX-Request": "true", "HX-Target": "<script>", "HX-Current-URL": "javascript:1",
                                        "HX-History-Restore-Request": "maybe"})
        assert response.status_code in (200, 422)

    check()
    assert 1 <= lines(shop.demo.acme.id)[shop.tee_s] <= 5


@pytest.mark.parametrize("language", ["en", "fr", "de", "lb"])
def test_the_cart_renders_in_every_locale(client, shop, language):
    add(client, shop.mug, 1)
    for path in ("/cart", "/cart/mini", "/"):
        response = client.get(f"{ACME}{path}?lang={language}")
        assert response.status_code == 200, path
    response = client.post(f"{ACME}/cart/add?lang={language}", data={"variant_id": shop.mug, "quantity": "abc"})
    assert response.status_code == 422


def test_concurrent_adds_never_exceed_stock(app, shop, postgres_required):
    """Two tabs add 2 mugs each at once, 3 in stock: one is refused (the cart row lock)."""
    store_id = shop.demo.acme.id
    with store_scope(store_id):
        cart_id = services.create_guest_cart(store_id).id
    db.session.commit()
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def shopper() -> None:
        with app.app_context(), store_scope(store_id):
            try:
                cart = db.session.get(Cart, cart_id)
                barrier.wait(timeout=10)
                services.add_item(store_id, cart, shop.mug, 2, language="en")
                db.session.commit()
                outcomes.append("added")
            except services.NotEnoughStock:
                db.session.rollback()
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=shopper) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["added", "refused", "refused", "refused"]
    assert lines(store_id) == {shop.mug: 2}
