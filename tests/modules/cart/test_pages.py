"""The cart page's cost, its life without a catalog, a closed store, and the slots it fills."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flask import g
from sqlalchemy import update

from tests.modules.cart.conftest import ACME, add, first_line_id, lines, make_product, text
from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.framework.providers import render_slot
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Variant
from webapp.modules.catalog.services import variant_snapshots
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import apply_module_plan, plan_module_change

pytestmark = pytest.mark.usefixtures("isolated_requests")


def cart_page_queries(client, count_queries) -> int:
    client.get(f"{ACME}/cart")  # warm caches (tenant directory, session)
    with count_queries() as statements:
        response = client.get(f"{ACME}/cart")
    assert response.status_code == 200
    return len(statements)


def test_the_cart_page_costs_the_same_for_1_and_10_lines(client, app, shop, count_queries):
    add(client, shop.mug, 1)
    one = cart_page_queries(client, count_queries)
    for number in range(9):
        variant_id = make_product(shop.demo.acme, f"Poster {number}", [(f"POSTER-{number}", "5.00", 10)])
        db.session.commit()
        assert add(client, variant_id[f"POSTER-{number}"], 1).status_code == 303
    assert len(lines(shop.demo.acme.id)) == 10
    ten = cart_page_queries(client, count_queries)
    assert ten == one, f"{one} queries for 1 line, {ten} for 10"
    assert one <= 8


def test_the_page_shows_the_catalogs_current_price(client, shop):
    add(client, shop.tee_s, 2)
    with store_scope(shop.demo.acme.id):
        db.session.execute(update(Variant).where(Variant.id == shop.tee_s).values(price=Decimal("24.50")))
    db.session.commit()
    body = text(client.get(f"{ACME}/cart"))
    assert "€24.50" in body and "€49.00" in body and "€19.90" not in body


def test_problems_are_highlighted(client, shop):
    add(client, shop.mug, 3)
    with store_scope(shop.demo.acme.id):
        item_id = db.session.scalar(db.select(Variant.inventory_item_id).where(Variant.id == shop.mug))
        from webapp.modules.inventory.services import reserve

        reserve(shop.demo.acme.id, "checkout-x", {item_id: 2})
    db.session.commit()
    body = text(client.get(f"{ACME}/cart"))
    assert 'class="has-problem"' in body and "Only 1 left in stock." in body
    assert "Some items need your attention" in body


def _switch_catalog(platform, enable: bool) -> None:
    apply_module_plan(platform.id, plan_module_change(platform.id, "catalog", enable))
    db.session.commit()


def test_without_the_catalog_lines_are_unavailable_not_broken(client, shop):
    add(client, shop.mug, 2)
    _switch_catalog(shop.demo.main, False)
    page = client.get(f"{ACME}/cart")
    assert page.status_code == 200
    assert "This product is no longer available." in text(page) and "Unavailable product" in text(page)
    assert add(client, shop.tee_s, 1).status_code == 422
    line_id = first_line_id(shop.demo.acme.id)
    assert client.post(f"{ACME}/cart/lines/{line_id}", data={"quantity": "1"}).status_code == 422
    assert lines(shop.demo.acme.id) == {shop.mug: 2}
    assert client.post(f"{ACME}/cart/lines/{line_id}/remove").status_code == 303
    assert lines(shop.demo.acme.id) == {}
    assert client.get(f"{ACME}/").status_code == 200


def test_a_closed_store_shows_its_closed_page(client, shop):
    add(client, shop.mug, 1)
    db.session.execute(update(Store).where(Store.id == shop.demo.acme.id).values(status="suspended"))
    db.session.commit()
    client.application.extensions["orion.ports"]["tenant_directory"].invalidate()
    page = client.get(f"{ACME}/cart")
    assert page.status_code == 503 and 'id="mini-cart"' not in text(page)
    assert add(client, shop.mug, 1).status_code == 503
    assert lines(shop.demo.acme.id) == {shop.mug: 1}


def _buy_box(app, shop, variant_id: int, available) -> str:
    with app.test_request_context(f"{ACME}/p/x"):
        g.store = tenant_directory().store("acme")
        g.platform = tenant_directory().platform_by_id(g.store.platform_id)
        snapshot = variant_snapshots(g.store.id, [variant_id], "en")[variant_id]
        return str(render_slot("storefront.product.buy", variant=snapshot, available=available))


def test_the_buy_box_slot(app, shop):
    html = _buy_box(app, shop, shop.mug, 3)
    assert f'<div class="buy-box" id="buy-{shop.mug}">' in html
    assert f'name="variant_id" value="{shop.mug}"' in html and 'max="3"' in html
    assert 'data-hx-post="/platforms/main/storefront/acme/cart/add"' in html
    assert f'data-hx-target="#buy-{shop.mug}"' in html
    assert 'name="csrf_token"' in html
    untracked = _buy_box(app, shop, shop.mug, None)
    assert 'max="99"' in untracked
    sold_out = _buy_box(app, shop, shop.tee_m, 0)
    assert "Sold out" in sold_out and "<form" not in sold_out and "disabled" in sold_out


def test_no_empty_image_column_when_no_line_has_a_picture(client, shop):
    from PIL import Image

    from webapp.modules.catalog.models import Product
    from webapp.modules.catalog.services import add_image, encode_image

    add(client, shop.tee_s, 1)
    body = text(client.get(f"{ACME}/cart"))
    assert body.count("<th scope=\"col\"") == 5  # product, price, quantity, total, remove
    assert 'colspan="3"' in body
    with store_scope(shop.demo.acme.id):
        product = db.session.get(Variant, shop.tee_s).product
        add_image(shop.demo.acme.id, db.session.get(Product, product.id), encode_image(Image.new("RGB", (80, 80))))
        db.session.commit()
    body = text(client.get(f"{ACME}/cart"))
    assert body.count("<th scope=\"col\"") == 6 and 'colspan="4"' in body and "<img " in body
