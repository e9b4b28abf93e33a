"""The storefront cache: listings built once per store version, renewed by every content change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.modules.catalog.factories import SHOP, card_names, make_category, make_product, texts
from webapp import create_app
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product
from webapp.modules.catalog.services import ProductInput, TextInput, VariantInput, set_status, update_product
from webapp.modules.inventory.services import adjust, decrement, reserve

pytestmark = pytest.mark.usefixtures("isolated_requests")
BISTRO = "/platforms/loyalty/storefront/bistro"


@pytest.fixture
def shop(demo):
    shirt = make_product(demo.acme, "Linen shirt", "SHIRT-1", "19.90", stock=3)
    make_product(demo.bistro, "Espresso cup", "CUP-1", "6.00", stock=3, texts=texts("Espresso cup", fr="Tasse"))
    return demo, shirt


def listing(client, base: str = SHOP, query: str = "") -> str:
    response = client.get(f"{base}/products{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_listing_is_built_once_then_served_without_catalog_queries(client, shop, count_queries):
    listing(client)
    with count_queries() as statements:
        page = listing(client)
    assert card_names(page) == ["Linen shirt"]
    assert not [s for s in statements if "catalog_" in s or "inventory_" in s]


def test_a_product_edit_shows_on_the_next_request(client, shop):
    demo, shirt = shop
    assert card_names(listing(client)) == ["Linen shirt"]
    with store_scope(demo.acme.id):
        product = db.session.get(Product, shirt.id)
        variants = [VariantInput(id=v.id, sku=v.sku, price=Decimal("24.00")) for v in product.variants]
        update_product(demo.acme.id, product, ProductInput(texts={"en": TextInput(name="Silk shirt")},
                                                        variants=variants, status="active"))
        db.session.commit()
    page = listing(client)
    assert card_names(page) == ["Silk shirt"] and "24.00" in page


def test_stock_running_out_shows_sold_out_at_once(client, shop):
    demo, shirt = shop
    assert "Sold out" not in listing(client)
    with store_scope(demo.acme.id):
        item_id = db.session.get(Product, shirt.id).variants[0].inventory_item_id
        adjust(demo.acme.id, item_id, -3, reason="correction")
        db.session.commit()
    assert "Sold out" in listing(client)


def test_a_bulk_status_change_renews_the_listing(client, shop):
    demo, shirt = shop
    assert card_names(listing(client)) == ["Linen shirt"]
    with store_scope(demo.acme.id):
        set_status(demo.acme.id, [shirt.id], "draft")
        db.session.commit()
    assert card_names(listing(client)) == []


def test_a_change_in_one_store_keeps_the_other_stores_cache(client, shop, count_queries):
    demo, _shirt = shop
    listing(client, BISTRO)
    make_product(demo.acme, "Wool scarf", "SCARF-1", "30.00")
    with count_queries() as statements:
        assert card_names(listing(client, BISTRO)) == ["Tasse"]  # bistro speaks French first
    assert not [s for s in statements if "catalog_" in s]
    assert card_names(listing(client)) == ["Wool scarf", "Linen shirt"]


def test_languages_and_addresses_are_cached_apart(client, shop):
    demo, _shirt = shop
    make_category(demo.acme, "Shirts", fr="Chemises")
    english = listing(client)
    french = client.get(f"{SHOP}/products", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "All products" in english and "Tous les produits" in french
    sorted_page = listing(client, query="?sort=name")
    assert 'value="name" selected' in sorted_page and 'value="name" selected' not in english
    on_subdomain = client.get("/products", headers={"Host": "acme.orion.localhost"}).get_data(as_text=True)
    assert f'href="{SHOP}/p/' in english and f'href="{SHOP}/p/' not in on_subdomain
    assert 'href="/p/linen-shirt"' in on_subdomain


def test_the_layout_around_a_cached_listing_stays_per_visitor(app, shop):
    demo, shirt = shop
    first, second = app.test_client(), app.test_client()
    listing(first)
    with store_scope(demo.acme.id):
        variant_id = db.session.get(Product, shirt.id).variants[0].id
    token = first.get(f"{SHOP}/products").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    assert first.post(f"{SHOP}/cart/add", data={"variant_id": variant_id, "quantity": 2},
                      headers={"X-CSRFToken": token}).status_code in (200, 302, 303)
    mine, theirs = listing(first), listing(second)
    assert card_names(mine) == card_names(theirs) == ["Linen shirt"]
    assert _csrf(mine) != _csrf(theirs)
    assert '<span class="count" aria-hidden="true">2</span>' in mine
    assert '<span class="count" aria-hidden="true">0</span>' in theirs


def _csrf(page: str) -> str:
    return page.split('name="csrf-token" content="')[1].split('"')[0]


def test_another_process_sees_the_change(app, client, shop):
    """Two apps sharing the database and versions folder stand for two web processes."""
    demo, shirt = shop
    other = create_app({key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "REDIS_URL", "RATELIMIT_STORAGE_URI", "MEDIA_ROOT",
        "SESSION_FILE_DIR", "VERSIONS_DIR")})
    other_client = other.test_client()
    assert card_names(listing(other_client)) == ["Linen shirt"]
    with store_scope(demo.acme.id):
        set_status(demo.acme.id, [shirt.id], "archived")
        db.session.commit()
    assert card_names(listing(other_client)) == []
    with other.app_context():
        db.session.remove()


def test_the_cache_can_be_turned_off(app, client, shop, monkeypatch, count_queries):
    from webapp.framework.caching import ContentCache

    monkeypatch.setitem(app.extensions, "orion.storefront_cache", ContentCache(megabytes=1, seconds=0))
    listing(client)
    with count_queries() as statements:
        listing(client)
    assert [s for s in statements if "catalog_products" in s]


def test_prices_follow_the_variant_price(client, shop):
    demo, shirt = shop
    assert "19.90" in listing(client)
    with store_scope(demo.acme.id):
        db.session.get(Product, shirt.id).variants[0].price = Decimal("17.50")
        db.session.get(Product, shirt.id).min_price = Decimal("17.50")
        db.session.commit()
    assert "17.50" in listing(client)


def test_the_cache_keeps_to_its_memory_budget():
    from webapp.framework.caching import ContentCache

    cache = ContentCache(megabytes=0.01, seconds=60)  # about 10 kB
    for number in range(20):
        cache.get(("page", number), lambda number=number: "x" * 1_000 + str(number))
    assert 5 <= len(cache) <= 10
    assert cache.get(("page", 19), lambda: "rebuilt").startswith("x")  # the newest stayed
    assert cache.get(("page", 0), lambda: "rebuilt") == "rebuilt"  # the oldest went


def test_a_checkout_hold_keeps_the_pages_a_sale_renews_them(client, shop, count_queries):

    demo, shirt = shop
    listing(client)
    with store_scope(demo.acme.id):
        item_id = db.session.get(Product, shirt.id).variants[0].inventory_item_id
        reserve(demo.acme.id, "checkout-1", {item_id: 3})
        db.session.commit()
    with count_queries() as statements:
        assert "Sold out" not in listing(client)  # held, not sold: shown within STOREFRONT_CACHE_SECONDS
    assert not [s for s in statements if "catalog_" in s]
    with store_scope(demo.acme.id):
        decrement(demo.acme.id, {item_id: 3}, reference="order-1")
        db.session.commit()
    assert "Sold out" in listing(client)
