"""Queries per page stay the same whether a store has 5 or 30 products (no N+1).

Storefront pages are counted while they are built (storefront cache emptied first), and once
more as served from the cache, where they run no catalog query at all.
"""

from __future__ import annotations

import pytest

from tests.modules.catalog.factories import SHOP, make_category, make_product, sized_variants, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import ProductImage

pytestmark = pytest.mark.usefixtures("isolated_requests")

PAGES = ["/", "/products", "/products?sort=name", "/products?in_stock=1&opt=Size:M&min=1", "/search?q=item",
         "/c/clothes", "/p/item-0", "/p/item-0/variant?opt=Size:M&opt=Colour:Red", "/sitemap.xml"]


def add_products(store, category, start: int, stop: int) -> None:
    for number in range(start, stop):
        product = make_product(store, texts=texts(f"Item {number}", f"Article {number}", f"Artikel {number}"),
                               variants=sized_variants(f"it{number}", sizes=("S", "M")), category_ids=[category.id],
                               option_names=["Size", "Colour"], featured=True)
        with store_scope(store.id):
            db.session.add(ProductImage(store_id=store.id, product_id=product.id, key=f"catalog/x/{number}.webp",
                                        thumb_key=f"catalog/x/{number}t.webp", width=10, height=10))
            db.session.commit()


def counts(client, count_queries, paths, *, cold: bool = False, **headers) -> dict[str, int]:
    """Statements per request after a warm-up; `cold`: with the storefront cache emptied first."""
    result = {}
    for path in paths:
        client.get(path, headers=headers)  # warm-up: first-request caches (tenant directory, translations)
        if cold:
            client.application.extensions["orion.storefront_cache"].clear()
        with count_queries() as statements:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        result[path] = len(statements)
    return result


def test_storefront_pages(client, demo, count_queries):
    clothes = make_category(demo.acme, "Clothes")
    add_products(demo.acme, clothes, 0, 5)
    paths = [f"{SHOP}{p}" for p in PAGES]
    few = counts(client, count_queries, paths, cold=True)
    add_products(demo.acme, clothes, 5, 30)
    many = counts(client, count_queries, paths, cold=True)
    assert many == few
    assert all(few[f"{SHOP}{p}"] >= 2 for p in PAGES), few  # really built: products and their rows loaded
    assert few[f"{SHOP}/products"] <= 15, few


def test_cached_storefront_pages_run_no_catalog_query(client, demo, count_queries):
    clothes = make_category(demo.acme, "Clothes")
    add_products(demo.acme, clothes, 0, 5)
    for path in PAGES[:-1]:  # the sitemap is built on each request
        client.get(f"{SHOP}{path}")
        with count_queries() as statements:
            assert client.get(f"{SHOP}{path}").status_code == 200
        assert not [s for s in statements if "catalog_" in s or "inventory_" in s], path


def test_dashboard_pages(client, demo, login_as, count_queries):
    clothes = make_category(demo.acme, "Clothes")
    add_products(demo.acme, clothes, 0, 5)
    login_as(demo.owner)
    paths = ["/store/acme/catalog/products", "/store/acme/catalog/products?q=item", "/store/acme/catalog/categories"]
    few = counts(client, count_queries, paths)
    add_products(demo.acme, clothes, 5, 30)
    assert counts(client, count_queries, paths) == few
