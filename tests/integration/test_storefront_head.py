"""Every storefront page names itself to search engines: a meta description and the same page in
each of the store's languages (hreflang alternates, plus x-default)."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from tests.fixtures.journey import ACME
from webapp.extensions import db
from webapp.framework.scoping import store_scope

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def head(client, path: str) -> tuple[str, dict[str, str]]:
    response = client.get(path)
    assert response.status_code == 200, path
    text = response.get_data(as_text=True)
    descriptions = DESCRIPTION.findall(text)
    assert len(descriptions) == 1, f"{path}: {len(descriptions)} meta descriptions"
    return html.unescape(descriptions[0]), {lang: html.unescape(url) for lang, url in ALTERNATE.findall(text)}


def test_every_storefront_page_has_a_description_and_its_language_alternates(client, demo_shop):
    base = f"http://localhost{ACME}"
    for path in ("/", "/products", "/cart", "/account/login", "/search?q=shirt"):
        description, alternates = head(client, f"{ACME}{path}")
        assert description, path
        joiner = "&" if "?" in path else "?"
        expected = {code: f"{base}{path}{joiner}lang={code}" for code in ("en", "fr", "de")}
        assert alternates == {**expected, "x-default": f"{base}{path}"}, path


def test_the_home_page_describes_the_store_and_a_listing_its_category(client, demo_shop):
    assert head(client, f"{ACME}/")[0] == "Shop online at Acme."
    assert head(client, f"{ACME}/products")[0] == "Browse all products of Acme."
    description, alternates = head(client, f"{ACME}/c/apparel?max=30&lang=en")
    assert description == "Browse Apparel at Acme."
    # Each language under its own slug, filters kept, lang replaced.
    assert alternates["fr"] == f"http://localhost{ACME}/c/vetements?lang=fr&max=30"
    assert alternates["de"] == f"http://localhost{ACME}/c/bekleidung?lang=de&max=30"
    assert alternates["x-default"] == f"http://localhost{ACME}/c/apparel?max=30"


def test_a_product_page_is_described_by_its_own_text(client, demo_shop):
    from webapp.modules.catalog.models import ProductTranslation

    with store_scope(demo_shop.acme.id):
        texts = db.session.scalar(select(ProductTranslation).where(ProductTranslation.language == "en",
                                                                   ProductTranslation.slug == "linen-shirt"))
        texts.seo_description = "Linen <shirt> & more"
        db.session.commit()
    description, alternates = head(client, f"{ACME}/p/linen-shirt")
    assert description == "Linen <shirt> & more"
    assert set(alternates) == {"en", "fr", "de", "x-default"}


def test_a_cached_page_keeps_the_alternates_of_its_own_address(client, demo_shop):
    first = head(client, f"{ACME}/products?sort=price")[1]
    head(client, f"{ACME}/products")  # another address of the same view, cached apart
    assert head(client, f"{ACME}/products?sort=price")[1] == first
    assert first["de"].endswith("/products?sort=price&lang=de")
