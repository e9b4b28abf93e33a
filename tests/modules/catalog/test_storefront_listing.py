"""Storefront listings: price, option and stock filters, sorting, keyset pagination, bad values."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from tests.modules.catalog.factories import SHOP, card_names, make_product, next_link
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product, utcnow
from webapp.modules.catalog.services import VariantInput

pytestmark = pytest.mark.usefixtures("isolated_requests")

# name, price, options per variant (size, colour), stock
CATALOG = [
    ("Anorak", "80.00", [("M", "Red", 2), ("L", "Blue", 0)]),
    ("Beanie", "12.00", [("S", "Blue", 5)]),
    ("Cardigan", "45.00", [("M", "Blue", 0)]),
    ("Dungarees", "60.00", [("L", "Red", 1)]),
    ("Espadrille", "30.00", [("M", "Green", 4)]),
]


@pytest.fixture
def catalog(demo):
    now = utcnow()
    for number, (name, price, variants) in enumerate(CATALOG):
        product = make_product(demo.acme, name, option_names=["Size", "Colour"], variants=[
            VariantInput(sku=f"{name[:3]}-{size}-{colour}", price=Decimal(price),
                         options={"Size": size, "Colour": colour}, stock=stock)
            for size, colour, stock in variants])
        with store_scope(demo.acme.id):  # Anorak is the oldest, Espadrille the newest
            db.session.get(Product, product.id).created_at = now - timedelta(days=10 - number)
            db.session.commit()
    return demo


def set_page_size(app, monkeypatch, size: int) -> None:
    """A deployment setting: pages cached with the old size are dropped, as a restart would."""
    monkeypatch.setitem(app.config, "CATALOG_PAGE_SIZE", size)
    app.extensions["orion.storefront_cache"].clear()


def names(client, query: str = "") -> list[str]:
    return card_names(client.get(f"{SHOP}/products{query}").get_data(as_text=True))


@pytest.mark.parametrize(("query", "expected"), [
    ("", ["Espadrille", "Dungarees", "Cardigan", "Beanie", "Anorak"]),
    ("?sort=price_asc", ["Beanie", "Espadrille", "Cardigan", "Dungarees", "Anorak"]),
    ("?sort=price_desc", ["Anorak", "Dungarees", "Cardigan", "Espadrille", "Beanie"]),
    ("?sort=name", ["Anorak", "Beanie", "Cardigan", "Dungarees", "Espadrille"]),
    ("?min=30&max=60&sort=price_asc", ["Espadrille", "Cardigan", "Dungarees"]),
    ("?min=60&max=30&sort=price_asc", ["Espadrille", "Cardigan", "Dungarees"]),  # swapped bounds
    ("?opt=Size:M&sort=name", ["Anorak", "Cardigan", "Espadrille"]),
    ("?opt=Colour:Blue&opt=Colour:Green&sort=name", ["Anorak", "Beanie", "Cardigan", "Espadrille"]),
    ("?opt=Size:L&opt=Colour:Blue&sort=name", ["Anorak"]),  # one variant has both
    ("?opt=Size:M&opt=Colour:Red&sort=name", ["Anorak"]),
    ("?opt=Size:S&opt=Colour:Red", []),
    ("?in_stock=1&sort=name", ["Anorak", "Beanie", "Dungarees", "Espadrille"]),
    ("?q=beanie", ["Beanie"]),
])
def test_filters_and_sorting(client, catalog, query, expected):
    assert names(client, query) == expected


@pytest.mark.parametrize("query", [
    "?min=abc&max=%F0%9F%92%A9", "?min=1e999999&max=-5", "?sort=drop table", "?after=garbage",
    "?after=WyJuZXdlc3QiLCJ4IiwxXQ", "?opt=nocolon&opt=:&opt=" + "x" * 500, "?in_stock=maybe", "?q=" + "%25" * 300,
    "?q=%00", "?page=-1",
])
def test_bad_values_are_ignored_never_500(client, catalog, query):
    response = client.get(f"{SHOP}/products{query}")
    assert response.status_code == 200


def test_huge_minimum_price_is_clamped(client, catalog):
    assert names(client, "?min=99999999999999") == []


@pytest.mark.parametrize("sort", ["newest", "price_asc", "price_desc", "name"])
def test_keyset_pages_cover_everything_once_in_order(client, catalog, app, monkeypatch, sort):
    expected = names(client, f"?sort={sort}")
    set_page_size(app, monkeypatch, 2)
    seen, url, pages = [], f"{SHOP}/products?sort={sort}", 0
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += card_names(page)
        url, pages = next_link(page), pages + 1
    assert pages == 3 and seen == expected and len(expected) == 5


def test_keyset_with_filters_and_in_stock(client, catalog, app, monkeypatch):
    set_page_size(app, monkeypatch, 1)
    seen, url = [], f"{SHOP}/products?sort=name&in_stock=1&max=70"
    while url:
        page = client.get(url).get_data(as_text=True)
        seen += card_names(page)
        url = next_link(page)
        assert url is None or ("in_stock=1" in url and "max=70" in url)
    assert seen == ["Beanie", "Dungarees", "Espadrille"]


def test_results_partial_for_htmx(client, catalog, htmx_headers):
    response = client.get(f"{SHOP}/products?sort=name", headers=htmx_headers)
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<section id="catalog-results"') and "<html" not in body
    assert "HX-Request" in response.headers["Vary"]


def test_filter_form_offers_the_option_values(client, catalog):
    page = client.get(f"{SHOP}/products?opt=Size:M").get_data(as_text=True)
    assert 'value="Colour:Green"' in page and 'value="Size:M" checked' in page
