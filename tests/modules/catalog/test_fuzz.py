"""Junk input never causes a 500: property-based tests on the product form and listing queries."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.modules.catalog.factories import SHOP, make_product

pytestmark = pytest.mark.usefixtures("isolated_requests")

JUNK = st.one_of(st.text(max_size=300), st.sampled_from(["\x00", "NaN", "-Infinity", "1e999999", "9" * 5000, "0.001",
                                                         "<script>x</script>", "x" * 100_000, "", " "]))
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(name=JUNK, sku=JUNK, price=JUNK, compare=JUNK, stock=JUNK, slug=JUNK, option=JUNK)
def test_product_form_answers_303_or_422(client, owner, name, sku, price, compare, stock, slug, option):
    data = {"translations-en-name": name, "translations-en-slug": slug, "variants-0-sku": sku,
            "variants-0-price": price, "variants-0-compare_at_price": compare, "variants-0-stock": stock,
            "option_name1": option, "variants-0-option1": option, "status": "active"}
    response = client.post("/store/acme/catalog/products/new", data=data)
    assert response.status_code in (303, 422)


@pytest.fixture
def mug(demo):
    return make_product(demo.acme, "Mug", sku="MUG-1")


@SETTINGS
@given(q=JUNK, low=JUNK, high=JUNK, opt=JUNK, sort=JUNK, after=JUNK, slug=JUNK)
def test_listing_and_product_urls_answer_200_or_404(client, mug, q, low, high, opt, sort, after, slug):
    response = client.get(f"{SHOP}/products", query_string={"q": q, "min": low, "max": high, "opt": opt,
                                                            "sort": sort, "after": after})
    assert response.status_code == 200
    assert client.get(f"{SHOP}/search", query_string={"q": q}).status_code == 200
    # 308: a slug starting with "/" (sent as %2F) makes "//", which the router merges into one slash.
    assert client.get(f"{SHOP}/p/{quote(slug, safe='')}").status_code in (200, 301, 308, 404)


def test_a_slug_that_makes_a_double_slash_redirects_to_the_merged_path(client, mug):
    response = client.get(f"{SHOP}/p/%2F0")
    assert response.status_code == 308 and response.headers["Location"].endswith(f"{SHOP}/p/0")
