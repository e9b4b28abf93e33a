"""Storefront images: srcset with several widths, intrinsic sizes, lazy loading below the first row,
the product gallery (no JavaScript) and the chosen variant's picture first."""

from __future__ import annotations

import re

import pytest
from PIL import Image
from sqlalchemy import select

from tests.modules.catalog.factories import SHOP, make_product, sized_variants
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product
from webapp.modules.catalog.services import add_image, encode_image

pytestmark = pytest.mark.usefixtures("isolated_requests")
IMG = re.compile(r"<img\b[^>]*>")


def attach(store, product_id: int, colour, *, variant_id=None, size=(900, 900)) -> None:
    with store_scope(store.id):
        product = db.session.scalar(select(Product).where(Product.id == product_id))
        add_image(store.id, product, encode_image(Image.new("RGB", size, colour)), variant_id=variant_id)
        db.session.commit()


def images_in(html: str, start: str, end: str | None = None) -> list[str]:
    part = html[html.index(start):html.index(end) if end else None]
    return IMG.findall(part)


def test_listing_cards_have_srcset_sizes_and_lazy_below_the_first_row(client, demo):
    for number in range(6):
        product = make_product(demo.acme, f"Lamp {number}", sku=f"LAMP-{number}")
        attach(demo.acme, product.id, (40 * number, 90, 120))
    html = client.get(f"{SHOP}/products").get_data(as_text=True)
    cards = images_in(html, 'id="catalog-results"')
    assert len(cards) == 6
    for img in cards:
        srcset = re.search(r'srcset="([^"]+)"', img).group(1)
        assert [w for w in re.findall(r" (\d+)w", srcset)] == ["320", "640", "900"]
        assert 'sizes="' in img and 'width="900"' in img and 'height="900"' in img
        assert "-640w.webp" in re.search(r'src="([^"]+)"', img).group(1)  # fallback: a mid-size rendition
    assert ['loading="lazy"' in img for img in cards] == [False] * 4 + [True] * 2


def test_product_page_gallery_shows_the_chosen_variants_picture_first(client, demo, htmx_headers):
    product = make_product(demo.acme, "Rain coat", option_names=["Size", "Colour"],
                           variants=sized_variants("rc", sizes=("S", "M"), colours=("Blue", "Red")))
    with store_scope(demo.acme.id):
        variants = {tuple(v.options.values()): v.id for v in db.session.scalar(
            select(Product).where(Product.id == product.id)).variants}
    attach(demo.acme, product.id, (30, 60, 200), variant_id=variants[("S", "Blue")])
    attach(demo.acme, product.id, (200, 30, 30), variant_id=variants[("S", "Red")])
    attach(demo.acme, product.id, (240, 240, 240), size=(600, 600))  # a detail shot of no variant
    html = client.get(f"{SHOP}/p/rain-coat?opt=Size:M&opt=Colour:Red").get_data(as_text=True)
    stage = images_in(html, 'class="gallery-stage"', 'class="gallery-thumbs"')
    assert len(stage) == 3
    main, *others = stage
    assert 'fetchpriority="high"' in main and 'loading="lazy"' not in main
    assert all('loading="lazy"' in img for img in others)
    assert re.findall(r" (\d+)w", re.search(r'srcset="([^"]+)"', main).group(1)) == ["320", "640", "900"]
    assert 'width="900"' in main and 'height="900"' in main
    with store_scope(demo.acme.id):
        red_key = db.session.scalar(select(Product).where(Product.id == product.id)).images[1].key
    assert red_key in main  # M/Red has no picture of its own: the Red one (on S/Red) is shown
    # Thumbnails are labels of radio buttons: the gallery works without JavaScript.
    assert html.count('class="gallery-choice visually-hidden"') == 3
    assert re.findall(r'<label for="(gallery-\d)">', html) == ["gallery-1", "gallery-2", "gallery-3"]
    blue = client.get(f"{SHOP}/p/rain-coat/variant?opt=Size:M&opt=Colour:Blue", headers=htmx_headers)
    blue_main = images_in(blue.get_data(as_text=True), 'class="gallery-stage"')[0]
    assert red_key not in blue_main and 'id="variant-panel"' in blue.get_data(as_text=True)


def test_a_single_image_has_no_thumbnails(client, demo):
    product = make_product(demo.acme, "Vase", sku="VASE-1")
    attach(demo.acme, product.id, (10, 120, 90), size=(300, 300))
    html = client.get(f"{SHOP}/p/vase").get_data(as_text=True)
    assert "gallery-thumbs" not in html and "gallery-choice" not in html
    [main] = images_in(html, 'class="gallery-stage"')
    assert 'srcset=' in main and " 300w" in main and "320w" not in main  # no upscaled rendition
