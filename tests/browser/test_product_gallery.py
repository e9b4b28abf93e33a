"""In Chromium: the product gallery switches pictures without JavaScript of ours, a colour choice
(htmx) shows that colour's picture, the browser picks a rendition from srcset, and nothing errs."""

from __future__ import annotations

import pytest
from PIL import Image
from playwright.sync_api import expect
from sqlalchemy import select

from tests.modules.catalog.factories import SHOP, make_product, sized_variants
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product
from webapp.modules.catalog.services import add_image, encode_image

pytestmark = pytest.mark.browser


def test_gallery_thumbnails_and_colour_choice(live_server, page, page_errors, demo):
    product = make_product(demo.acme, "Rain coat", option_names=["Size", "Colour"],
                           variants=sized_variants("rc", sizes=("S",), colours=("Blue", "Red")))
    with store_scope(demo.acme.id):
        product = db.session.scalar(select(Product).where(Product.id == product.id))
        for variant, colour in zip(product.variants, ((30, 60, 200), (200, 30, 30)), strict=True):
            add_image(demo.acme.id, product, encode_image(Image.new("RGB", (900, 900), colour)),
                      alt=f"Rain coat, {variant.options['Colour']}", variant_id=variant.id)
        db.session.commit()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server}{SHOP}/p/rain-coat")
    slides = page.locator(".gallery-slide img")
    expect(slides.nth(0)).to_be_visible()
    expect(slides.nth(1)).to_be_hidden()
    assert "-640w.webp" in slides.nth(0).evaluate("img => img.currentSrc")  # ~600 px wide: the 640 rendition

    page.locator("label[for=gallery-2]").click()
    expect(slides.nth(1)).to_be_visible()
    expect(slides.nth(0)).to_be_hidden()

    page.locator("#option-2").select_option("Colour:Red")
    expect(page.locator(".gallery-slide img").first).to_have_attribute("alt", "Rain coat, Red")
    expect(page.locator(".gallery-slide img").first).to_be_visible()
    assert page_errors == []
