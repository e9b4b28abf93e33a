"""Queries per page stay the same whether a store has 5 or 30 products (no N+1)."""

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


def counts(client, count_queries, paths, **headers) -> dict[str, int]:
    result = {}
    for path in paths:
        client.get(path, headers=headers)  # warm-up: first-request caches (tenant directory, translations)
        with count_queries() as statements:
            response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        result[path] = len(statements)
    return result


def test_storefront_pages(client, demo, count_queries):
    clothes = make_category(demo.acme, "Clothes")
    add_products(demo.acme, clothes, 0, 5)
    few = counts(client, count_queries, [f"{SHOP}{p}" for p in PAGES])
    add_products(demo.acme, clothes, 5, 30)
    many = counts(client, count_queries, [f"{SHOP}{p}" for p in PAGES])
    assert many == few
    assert few[f"{SHOP}/products"] <= 15, few


def test_dashboard_pages(client, demo, login_as, count_queries):
    clothes = make_category(demo.acme, "Clothes")
    add_products(demo.acme, clothes, 0, 5)
    login_as(demo.owner)
    paths = ["/store/acme/catalog/products", "/store/acme/catalog/products?q=item", "/store/acme/catalog/categories"]
    few = counts(client, count_queries, paths)
    add_products(demo.acme, clothes, 5, 30)
    assert counts(client, count_queries, paths) == few
