"""Route declarations the request guard acts on: feature gates, personal pages; and the one page-number reader."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from webapp.framework.auth.access import feature_of, is_personal
from webapp.framework.paging import MAX_PAGE, page_number

STOREFRONT = "/platforms/main/storefront/acme"
STORE = "/store/acme/catalog"


@pytest.fixture
def collection_page(app, demo):
    """A collection on acme, made by its owner through the dashboard (another browser); its storefront path."""
    owner = app.test_client()
    owner.post("/auth/login", data={"email": demo.owner.email, "password": "orion-demo"},
               headers={"X-CSRFToken": owner.csrf_token()})
    data = {"translations-en-name": "Gift ideas", "translations-fr-name": "", "translations-de-name": "",
            "position": "0"}
    assert owner.post(f"{STORE}/collections/new", data=data).status_code == 303
    return f"{STOREFRONT}/collections/gift-ideas"


@pytest.fixture
def gate(app, monkeypatch):
    """Install a feature gate that refuses the features in the returned set."""
    refused: set[str] = set()
    monkeypatch.setitem(app.extensions["orion.ports"], "feature_gate",
                        lambda feature, **_where: feature not in refused)
    return refused


def test_a_gated_storefront_page_is_not_found_even_when_its_page_is_cached(client, collection_page, gate):
    assert client.get(collection_page).status_code == 200
    assert client.get(collection_page).status_code == 200  # now served from the page cache
    gate.add("catalog.collections")
    response = client.get(collection_page)
    assert response.status_code == 404
    assert "Gift ideas" not in response.get_data(as_text=True)


def test_a_gated_dashboard_page_is_forbidden_for_every_method(client, demo, login_as, gate):
    gate.add("catalog.collections")
    login_as(demo.owner)
    assert client.get(f"{STORE}/collections").status_code == 403
    assert client.get(f"{STORE}/collections/new").status_code == 403
    assert client.post(f"{STORE}/collections/new", data={"translations-en-name": "X"}).status_code == 403
    assert client.get(f"{STORE}/products").status_code == 200  # other catalog pages stay


def test_every_collection_route_declares_its_feature(app):
    views = {endpoint: view for endpoint, view in app.view_functions.items() if "collection" in endpoint}
    assert len(views) >= 7
    assert {endpoint: feature_of(view) for endpoint, view in views.items()} == {
        endpoint: "catalog.collections" for endpoint in views}


def test_personal_pages_are_never_stored(client, demo_shop):
    personal = [endpoint for endpoint, view in client.application.view_functions.items() if is_personal(view)]
    assert {"customers_storefront.account_login", "checkout_storefront.contact_show",
            "orders_storefront.order_show"} <= set(personal)
    for path in (f"{STOREFRONT}/account/login", f"{STOREFRONT}/checkout/contact"):
        response = client.get(path)
        assert response.headers["Cache-Control"] == "no-store", path
    # A public catalogue page is cacheable.
    assert client.get(f"{STOREFRONT}/").headers.get("Cache-Control") != "no-store"


@pytest.mark.parametrize("given, expected", [
    (None, 1), ("3", 3), ("1", 1), ("0", 1), ("-2", 1), ("abc", 1), ("", 1), (" 2", 1), ("2.5", 1),
    ("١٢", 1),  # Arabic-Indic digits are digits to str.isdigit, not to a URL
    ("9" * 5000, 1),  # int() of thousands of digits raises; never reaches it
    (str(MAX_PAGE - 1), MAX_PAGE - 1), (str(MAX_PAGE), 1),
])
def test_page_number_answers_page_one_for_anything_but_a_small_positive_number(app, given, expected):
    args = MultiDict({} if given is None else {"page": given})
    assert page_number(args=args) == expected


def test_page_number_reads_the_request_and_other_names(app):
    with app.test_request_context("/?page=4&orders_page=7"):
        assert page_number() == 4
        assert page_number("orders_page") == 7
