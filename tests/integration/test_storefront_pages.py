"""Cached storefront pages: rendered once for every visitor, each visitor's own parts filled in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import g, render_template_string, request_finished

from tests.modules.catalog.factories import SHOP, make_product
from webapp import framework
from webapp.extensions import db
from webapp.framework import caching
from webapp.framework.caching import cached
from webapp.framework.caching.holes import HOLES_KEY
from webapp.framework.providers import render_slot
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product
from webapp.modules.customers import services as customers

pytestmark = pytest.mark.usefixtures("isolated_requests")
PASSWORD = "correct horse battery staple"
MARKERS = ("orion-csrf-", "orion-nonce-", "orion-slot-")


@pytest.fixture
def shirt(demo):
    product = make_product(demo.acme, "Linen shirt", "SHIRT-1", "19.90", stock=5)
    with store_scope(demo.acme.id):
        return db.session.get(Product, product.id).variants[0].id


def csrf(page: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


def get(client, path: str, **kwargs):
    response = client.get(SHOP + path, **kwargs)
    page = response.get_data(as_text=True)
    assert not [marker for marker in MARKERS if marker in page]
    return response, page


def test_each_visitor_gets_an_own_token_that_works(app, shirt):
    first, second = app.test_client(), app.test_client()
    (_, one), (_, two) = get(first, "/p/linen-shirt"), get(second, "/p/linen-shirt")
    assert csrf(one) != csrf(two)
    assert f'name="csrf_token" value="{csrf(one)}"' in one  # the add-to-cart form of the page
    for client, page in ((first, one), (second, two)):
        added = client.post(f"{SHOP}/cart/add", data={"variant_id": shirt, "quantity": 1, "csrf_token": csrf(page)})
        assert added.status_code == 303
    swapped = first.post(f"{SHOP}/cart/add", data={"variant_id": shirt, "quantity": 1, "csrf_token": csrf(two)})
    assert swapped.status_code == 400  # a token belongs to its visitor


def test_the_nonce_of_the_page_is_the_one_of_its_header(app, shirt):
    nonces = set()
    for _ in range(2):
        response, page = get(app.test_client(), "/p/linen-shirt")
        nonce = re.search(r'<style nonce="([^"]+)"', page).group(1)
        assert f"'nonce-{nonce}'" in response.headers["Content-Security-Policy"]
        nonces.add(nonce)
    assert len(nonces) == 2


def test_a_signed_in_shopper_and_a_guest_see_their_own_header(app, client, demo, shirt):
    with store_scope(demo.acme.id):
        customers.register_customer(demo.acme.id, "sam@example.com", PASSWORD, first_name="Sam", last_name="S")
        db.session.commit()
    shopper, guest = client, app.test_client()  # both send the CSRF token of their own session
    get(guest, "/p/linen-shirt")  # the page is now cached
    signed_in = shopper.post(f"{SHOP}/account/login", data={"email": "sam@example.com", "password": PASSWORD})
    assert signed_in.status_code == 303
    shopper.post(f"{SHOP}/cart/add", data={"variant_id": shirt, "quantity": 3})
    shopper.get(f"{SHOP}/cart")  # shows (and so ends) the flash messages, which a cached page never serves
    _, mine = get(shopper, "/p/linen-shirt")
    _, theirs = get(guest, "/p/linen-shirt")
    assert "My account" in mine and "Sign in" not in mine
    assert "Sign in" in theirs and "My account" not in theirs
    assert '<span class="count" aria-hidden="true">3</span>' in mine
    assert '<span class="count" aria-hidden="true">0</span>' in theirs


def test_a_cached_page_runs_no_catalog_query(client, shirt, count_queries):
    get(client, "/p/linen-shirt")
    with count_queries() as statements:
        get(client, "/p/linen-shirt")
    assert not [s for s in statements if "catalog_" in s]


def test_a_pending_flash_message_is_shown_once(client, shirt):
    get(client, "/products")
    client.post(f"{SHOP}/cart/add", data={"variant_id": shirt, "quantity": 1})  # flashes "added"
    _, page = get(client, "/products")
    _, again = get(client, "/products")
    flash = re.search(r'class="flash[^"]*"', page)
    assert flash is not None and re.search(r'class="flash[^"]*"', again) is None


def test_redirects_and_misses_are_answered_every_time(client, demo):
    make_product(demo.acme, "Linen shirt", "SHIRT-1", "19.90", texts=None)
    for _ in range(2):
        assert client.get(f"{SHOP}/p/no-such-product").status_code == 404
        assert client.get(f"{SHOP}/c/no-such-category").status_code == 404


def test_htmx_results_and_the_whole_page_are_kept_apart(client, shirt, htmx_headers):
    _, whole = get(client, "/products")
    partial, results = get(client, "/products", headers=htmx_headers)
    _, whole_again = get(client, "/products")
    assert "<html" in whole and "<html" not in results and "<html" in whole_again
    assert "HX-Request" in partial.headers["Vary"]


def test_a_slot_inside_a_cached_fragment_is_refused(app, demo):
    with app.test_request_context(f"{SHOP}/products"):
        g.store = app.extensions["orion.ports"]["tenant_directory"].store("acme")
        with pytest.raises(RuntimeError, match="cached fragment"):
            cached(("fragment-with-slot",), lambda: render_slot("storefront.header.actions"))


@pytest.mark.parametrize("template", ['<input value="{{ csrf_token() }}">', '<style nonce="{{ csp_nonce() }}">'])
def test_the_csrf_token_or_nonce_inside_a_cached_fragment_is_refused(app, demo, template):
    """A fragment has no holes (it may be shown on a page that is not cached): nothing per visitor in it."""
    with app.test_request_context(f"{SHOP}/products"):
        g.store = app.extensions["orion.ports"]["tenant_directory"].store("acme")
        with pytest.raises(RuntimeError, match="cached fragment"):
            cached(("fragment-with-token",), lambda: render_template_string(template))
        assert "orion-" not in render_template_string(template)  # outside it: this visitor's own values


def test_only_a_cached_page_has_holes(client, shirt):
    """The cart page is not cached: its slots (mini-cart, footer) and fragments render in place."""
    client.post(f"{SHOP}/cart/add", data={"variant_id": shirt, "quantity": 2})
    client.get(f"{SHOP}/cart")  # shows (and so ends) the flash message
    client.application.extensions["orion.storefront_cache"].clear()  # the cart page builds the fragment
    holes = []
    with request_finished.connected_to(lambda _app, **_: holes.append(g.get(HOLES_KEY)), client.application):
        _, cart = get(client, "/cart")
        _, page = get(client, "/products")
    assert holes[0] is None
    assert holes[1], "a cached page leaves its slots open for each visitor"
    for shown in (page, cart):
        assert '<span class="count" aria-hidden="true">2</span>' in shown  # the mini-cart slot
        assert 'class="footer-contact"' in shown  # the store's contact block, a cached fragment


def test_cached_page_is_the_only_way_to_open_a_shell():
    package = Path(caching.__file__).parent
    assert not hasattr(caching, "open_shell") and "open_shell" not in caching.__all__
    users = {path.relative_to(package.parent).as_posix()
             for path in Path(framework.__file__).parent.parent.rglob("*.py") if "open_shell(" in path.read_text()}
    assert users == {"caching/holes.py", "caching/pages.py"}  # where it is defined, and cached_page


def test_the_package_is_used_through_its_root_only():
    webapp = Path(framework.__file__).parent.parent
    inside = Path(caching.__file__).parent
    reaching_in = [path.relative_to(webapp).as_posix() for path in webapp.rglob("*.py")
                   if inside not in path.parents and re.search(r"webapp\.framework\.caching\.\w", path.read_text())]
    assert reaching_in == []
