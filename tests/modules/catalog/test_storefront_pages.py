"""Storefront pages: home sections, listings and product pages in en/fr/de, variant panel, closed store."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from tests.modules.catalog.factories import SHOP, card_names, make_category, make_product, sized_variants, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import ProductTranslation
from webapp.modules.catalog.services import TextInput
from webapp.modules.tenancy.services import apply_module_plan, plan_module_change

pytestmark = pytest.mark.usefixtures("isolated_requests")


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def shop(demo):
    shoes = make_category(demo.acme, "Shoes", fr="Chaussures", de="Schuhe")
    boots = make_category(demo.acme, "Boots", fr="Bottes", de="Stiefel", parent_id=shoes.id)
    trail = make_product(demo.acme, texts={"en": TextInput(name="Trail shoe", description="<p>Grippy sole</p>"),
                                           "fr": TextInput(name="Chaussure de trail"),
                                           "de": TextInput(name="Trailschuh")},
                         variants=sized_variants("ts", sizes=("41", "42"), colours=("Blue", "Red"), price="89.00"),
                         option_names=["Size", "Colour"], category_ids=[shoes.id], featured=True)
    boot = make_product(demo.acme, texts=texts("Leather boot", "Botte en cuir", "Lederstiefel"), sku="LB-1",
                        price="120.00", category_ids=[boots.id])
    make_product(demo.acme, "Secret draft", sku="DR-1", status="draft")
    return demo, trail, boot


def test_home_shows_featured_products_and_categories(client, shop):
    page = text(client.get(f"{SHOP}/"))
    assert "Featured products" in page and "Trail shoe" in page and "Leather boot" not in page
    assert f'href="{SHOP}/c/shoes"' in page and f'href="{SHOP}/c/boots"' not in page  # top level only


def test_all_products_in_three_languages(client, shop):
    assert card_names(text(client.get(f"{SHOP}/products"))) == ["Leather boot", "Trail shoe"]
    assert card_names(text(client.get(f"{SHOP}/products?lang=fr"))) == ["Botte en cuir", "Chaussure de trail"]
    german = text(client.get(f"{SHOP}/products?lang=de"))
    assert card_names(german) == ["Lederstiefel", "Trailschuh"] and "Secret draft" not in german


def test_category_page_includes_subcategories(client, shop):
    assert card_names(text(client.get(f"{SHOP}/c/shoes"))) == ["Leather boot", "Trail shoe"]
    assert card_names(text(client.get(f"{SHOP}/c/boots"))) == ["Leather boot"]
    assert client.get(f"{SHOP}/c/nope").status_code == 404


def test_slug_of_another_language_redirects_to_the_current_one(client, shop):
    response = client.get(f"{SHOP}/p/chaussure-de-trail")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"{SHOP}/p/trail-shoe")
    response = client.get(f"{SHOP}/c/chaussures?lang=de")
    assert response.status_code == 301 and f"{SHOP}/c/schuhe?lang=de" in response.headers["Location"]
    assert client.get(f"{SHOP}/p/chaussure-de-trail?lang=fr").status_code == 200


def test_product_page_with_price_stock_and_picker(client, shop):
    page = text(client.get(f"{SHOP}/p/trail-shoe"))
    assert "<h1>Trail shoe</h1>" in page and "€89.00" in page and "<p>Grippy sole</p>" in page
    assert 'name="opt"' in page and 'value="Size:42"' in page and "Only 3 left" in page
    assert f'data-hx-get="{SHOP}/p/trail-shoe/variant"' in page
    french = text(client.get(f"{SHOP}/p/chaussure-de-trail?lang=fr"))
    assert "<h1>Chaussure de trail</h1>" in french and "89,00" in french


def test_description_is_sanitized_again_when_shown(client, shop):
    _demo, trail, _boot = shop
    with store_scope(shop[0].acme.id):  # as if written before the sanitizer existed
        db.session.execute(update(ProductTranslation).where(ProductTranslation.product_id == trail.id)
                           .values(description='<p onmouseover="x()">Hi</p><script>alert(1)</script>'))
        db.session.commit()
    page = text(client.get(f"{SHOP}/p/trail-shoe"))
    assert "<p>Hi</p>" in page and "alert(1)" not in page and "onmouseover" not in page


def test_variant_panel_for_htmx(client, shop, htmx_headers):
    response = client.get(f"{SHOP}/p/trail-shoe/variant?opt=Size:42&opt=Colour:Red", headers=htmx_headers)
    panel = text(response)
    assert response.status_code == 200 and panel.lstrip().startswith('<div id="variant-panel"')
    assert "TS-42-RED" in panel and "€89.00" in panel and "<html" not in panel
    missing = text(client.get(f"{SHOP}/p/trail-shoe/variant?opt=Size:44", headers=htmx_headers))
    assert "This combination is not available." in missing
    full = text(client.get(f"{SHOP}/p/trail-shoe/variant?opt=Size:42&opt=Colour:Red"))
    assert "<html" in full and "TS-42-RED" in full


def test_sold_out_and_compare_at_price(client, demo):
    make_product(demo.acme, "Kite", sku="KITE-1", price="15.00", stock=0)
    from decimal import Decimal

    from webapp.modules.catalog.services import VariantInput

    make_product(demo.acme, "Bear", variants=[VariantInput(sku="BEAR-1", price=Decimal("20.00"),
                                                           compare_at_price=Decimal("25.00"), stock=9)])
    listing = text(client.get(f"{SHOP}/products"))
    assert "Sold out" in listing and "<del><span class=\"visually-hidden\">Was </span>€25.00</del>" in listing
    assert "Sold out" in text(client.get(f"{SHOP}/p/kite"))
    assert card_names(text(client.get(f"{SHOP}/products?in_stock=1"))) == ["Bear"]


def test_drafts_are_not_shown(client, shop):
    assert client.get(f"{SHOP}/p/secret-draft").status_code == 404
    assert "Secret draft" not in text(client.get(f"{SHOP}/search?q=secret"))


def test_search_in_any_language(client, shop):
    assert card_names(text(client.get(f"{SHOP}/search?q=trail"))) == ["Trail shoe"]
    assert card_names(text(client.get(f"{SHOP}/search?q=botte&lang=fr"))) == ["Botte en cuir"]
    assert card_names(text(client.get(f"{SHOP}/search?q=nothing-like-this"))) == []


def test_closed_store_shows_the_closed_page(client, shop, app):
    demo = shop[0]
    demo.acme.status = "suspended"
    db.session.commit()
    app.extensions["orion.ports"]["tenant_directory"].invalidate()
    for path in ("/products", "/p/trail-shoe", "/c/shoes", "/sitemap.xml"):
        response = client.get(f"{SHOP}{path}")
        assert response.status_code == 503 and "Temporarily closed" in text(response)


def test_disabled_module_routes_are_404(client, shop):
    demo = shop[0]
    apply_module_plan(demo.main.id, plan_module_change(demo.main.id, "catalog", False))
    db.session.commit()
    assert client.get(f"{SHOP}/products").status_code == 404
    assert client.get(f"{SHOP}/p/trail-shoe").status_code == 404
    assert "Featured products" not in text(client.get(f"{SHOP}/"))


def test_sitemap_on_both_url_schemes(client, shop):
    dev = client.get(f"{SHOP}/sitemap.xml")
    assert dev.status_code == 200 and dev.mimetype == "application/xml"
    body = text(dev)
    assert f"<loc>http://localhost{SHOP}/p/trail-shoe</loc>" in body
    assert f"<loc>http://localhost{SHOP}/c/boots</loc>" in body
    assert f'hreflang="fr" href="http://localhost{SHOP}/p/chaussure-de-trail?lang=fr"' in body
    assert "secret-draft" not in body
    host = text(client.get("/sitemap.xml", headers={"Host": "acme.orion.localhost"}))
    assert "<loc>http://acme.orion.localhost/p/trail-shoe</loc>" in host and "/platforms/" not in host


def test_listing_on_the_store_host(client, shop):
    page = text(client.get("/products?lang=fr", headers={"Host": "acme.orion.localhost"}))
    assert 'href="/p/chaussure-de-trail"' in page
