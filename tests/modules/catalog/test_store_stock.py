"""Stock on the dashboard's product list and product form (read from inventory's public API)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.modules.catalog.factories import make_category, make_product, sized_variants
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Variant
from webapp.modules.inventory.services import reserve, update_item

pytestmark = pytest.mark.usefixtures("isolated_requests")
BASE = "/store/acme/catalog"


def text(response) -> str:
    return response.get_data(as_text=True)


def items_of(store, product) -> list[int]:
    with store_scope(store.id):
        return list(db.session.scalars(select(Variant.inventory_item_id).where(Variant.product_id == product.id)
                                        .order_by(Variant.position)))


def test_list_shows_stock_per_product(client, owner):
    make_product(owner.acme, "Shirt", variants=sized_variants("sh", sizes=("S", "M", "L"), stock=4))
    make_product(owner.acme, "Mug", sku="MUG-1", stock=0)
    gift = make_product(owner.acme, "Gift card", sku="GIFT-1", stock=0)
    with store_scope(owner.acme.id):
        update_item(owner.acme.id, items_of(owner.acme, gift)[0], track_stock=False, low_stock_threshold=None)
        db.session.commit()
    page = text(client.get(f"{BASE}/products"))
    assert "12 in stock for 3 variants" in page
    assert "Out of stock" in page and "Not tracked" in page


def test_reserved_stock_is_not_counted_as_in_stock(client, owner):
    product = make_product(owner.acme, "Lamp", sku="LAMP-1", stock=5)
    with store_scope(owner.acme.id):
        reserve(owner.acme.id, "checkout-1", {items_of(owner.acme, product)[0]: 2})
        db.session.commit()
    assert "3 in stock<" in text(client.get(f"{BASE}/products"))


def test_product_form_shows_current_stock_per_variant(client, owner):
    product = make_product(owner.acme, "Shirt", variants=sized_variants("sh", sizes=("S", "M"), stock=6))
    items = items_of(owner.acme, product)
    with store_scope(owner.acme.id):
        reserve(owner.acme.id, "checkout-1", {items[0]: 2})
        db.session.commit()
    page = text(client.get(f"{BASE}/products/{product.id}"))
    assert "Now: 6 on hand, 2 reserved, 4 available." in page
    assert "Now: 6 on hand, 0 reserved, 6 available." in page
    assert f'href="/store/acme/inventory/items/{items[0]}"' in page


def test_product_list_queries_stay_constant(client, owner, count_queries):
    def count() -> int:
        client.get(f"{BASE}/products")
        with count_queries() as statements:
            assert client.get(f"{BASE}/products").status_code == 200
        return len(statements)

    make_product(owner.acme, "First", variants=sized_variants("f", sizes=("S", "M")))
    few = count()
    for number in range(8):
        make_product(owner.acme, f"Item {number}", variants=sized_variants(f"i{number}", sizes=("S", "M", "L")))
    assert count() == few


def test_categories_are_a_checkbox_list_with_the_ticked_ones_counted(client, owner):
    shoes, bags = make_category(owner.acme, "Shoes"), make_category(owner.acme, "Bags")
    product = make_product(owner.acme, "Trail shoe", category_ids=[shoes.id])
    page = text(client.get(f"{BASE}/products/{product.id}"))
    assert "<select multiple" not in page and 'multiple id="categories"' not in page
    assert f'name="categories" value="{shoes.id}" id="categories-' in page
    assert re.search(f'value="{shoes.id}" id="categories-\\d" checked', page)
    assert re.search(f'value="{bags.id}" id="categories-\\d">', page)
    assert "1 selected" in page


def language_block(page: str, code: str) -> str:
    start = page.index(f'id="language-{code}"')
    return page[page.rindex("<details", 0, start):page.index("</summary>", start)]


def test_product_form_shows_one_language_open_with_completeness(client, owner):
    product = make_product(owner.acme, "Shirt", sku="SH-1")
    page = text(client.get(f"{BASE}/products/{product.id}"))
    assert 'name="product-language"' in page
    assert " open" in language_block(page, "en") and " open" not in language_block(page, "fr")
    assert "of 5 fields" in language_block(page, "fr") or "0 of" in language_block(page, "fr")


def test_a_language_with_errors_is_marked_and_opened_and_nothing_is_saved(client, owner):
    data = {"translations-en-name": "Shirt", "translations-fr-name": "Chemise", "translations-fr-slug": "bad slug!",
            "status": "active", "variants-0-sku": "SH-2", "variants-0-price": "10.00"}
    response = client.post(f"{BASE}/products/new", data=data)
    assert response.status_code == 422
    page = text(response)
    fr = language_block(page, "fr")
    assert " open" in fr and "has-errors" in fr and "Check the errors" in fr
    assert " open" not in language_block(page, "en")
    assert "Use letters, digits and hyphens only." in page and 'value="Chemise"' in page
    with store_scope(owner.acme.id):
        assert db.session.scalar(select(Variant.id)) is None
