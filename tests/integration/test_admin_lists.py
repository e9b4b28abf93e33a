"""Admin lists of merchants and stores: search, literal wildcards, pagination, htmx, platform limits."""

from __future__ import annotations

import re

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.services import create_merchant, create_platform, create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")


def text(response) -> str:
    return response.get_data(as_text=True)


def store_codes(page: str) -> list[str]:
    table = re.search(r'<div id="store-table">.*?</div>\s*$', page, re.S) or re.search(
        r'<div id="store-table">.*', page, re.S)
    return re.findall(r"<td><code>([^<]+)</code></td>", table.group(0))


def merchant_names(page: str) -> list[str]:
    body = re.search(r'<div id="merchant-table">.*', page, re.S).group(0)
    return re.findall(r"<tr>\s*<td>(?:<a [^>]*>)?([^<]+)(?:</a>)?</td>", body)


@pytest.fixture
def signed_in_admin(client, demo, login_as):
    login_as(demo.admin)
    return demo


@pytest.fixture
def many_stores(demo, make_store):
    """45 stores on a third platform, newest last (`many001` … `many045`)."""
    platform = create_platform("third", "Third Platform", domain="third.localhost")
    merchant = create_merchant("Many Stores S.A.")
    stores = [make_store(platform, f"many{n:03d}", f"Many {n:03d}", merchant=merchant) for n in range(1, 46)]
    db.session.commit()
    return stores


# --- search ------------------------------------------------------------------------------------

@pytest.mark.parametrize("term", ["acme", "ACME", "AcMe", "cme"])
def test_store_search_by_name_ignores_case(client, signed_in_admin, term):
    response = client.get("/admin/stores", query_string={"q": term})
    assert response.status_code == 200
    assert store_codes(text(response)) == ["acme"]


def test_store_search_by_merchant_name(client, signed_in_admin):
    page = text(client.get("/admin/stores", query_string={"q": "bistro luxem"}))
    assert store_codes(page) == ["bistro"]
    page = text(client.get("/admin/stores", query_string={"q": "acme trading"}))
    assert store_codes(page) == ["acme"]


def test_store_search_without_results(client, signed_in_admin):
    page = text(client.get("/admin/stores", query_string={"q": "zzz-nothing"}))
    assert store_codes(page) == []
    assert "No stores found" in page


@pytest.mark.parametrize("term", ["%", "_", "a%e", "ac_e", "\\"])
def test_wildcards_in_the_search_are_literal(client, signed_in_admin, make_store, term):
    make_store(signed_in_admin.main, "odd", "Fifty % off_sale\\", merchant_name="Odd Merchant")
    db.session.commit()
    stores = store_codes(text(client.get("/admin/stores", query_string={"q": term})))
    merchants = merchant_names(text(client.get("/admin/merchants", query_string={"q": term})))
    if term in ("%", "_", "\\"):
        assert stores == ["odd"]
    else:
        assert stores == []
    assert merchants == []


def test_merchant_search_by_name_vat_and_owner_email(client, signed_in_admin):
    for term, expected in (("acme", ["Acme Trading"]), ("LU876", ["Bistro Luxembourg"]),
                           ("OWNER@BISTRO", ["Bistro Luxembourg"]), ("", ["Acme Trading", "Bistro Luxembourg"])):
        response = client.get("/admin/merchants", query_string={"q": term})
        assert response.status_code == 200
        assert merchant_names(text(response)) == expected, term


def test_a_search_term_that_is_too_long_is_ignored(client, signed_in_admin):
    response = client.get("/admin/stores", query_string={"q": "x" * 500})
    assert response.status_code == 200
    assert sorted(store_codes(text(response))) == ["acme", "bistro"]


# --- pagination --------------------------------------------------------------------------------

def test_store_list_pages_hold_twenty_rows(client, signed_in_admin, many_stores):
    first = store_codes(text(client.get("/admin/stores", query_string={"q": "many"})))
    third = store_codes(text(client.get("/admin/stores", query_string={"q": "many", "page": "3"})))
    assert len(first) == 20 and len(third) == 5
    assert first[0] == "many045"  # newest first
    assert third == ["many005", "many004", "many003", "many002", "many001"]
    everything = text(client.get("/admin/stores"))
    assert len(store_codes(everything)) == 20
    assert "47 stores" in everything


def test_pages_do_not_overlap(client, signed_in_admin, many_stores):
    pages = [store_codes(text(client.get("/admin/stores", query_string={"q": "many", "page": n})))
             for n in (1, 2, 3)]
    seen = [code for page in pages for code in page]
    assert sorted(seen) == sorted(store.code for store in many_stores)


def test_pagination_links_keep_the_search(client, signed_in_admin, many_stores):
    page = text(client.get("/admin/stores", query_string={"q": "many", "page": "2"}))
    assert 'href="/admin/stores?q=many&amp;page=3"' in page
    assert 'href="/admin/stores?q=many&amp;page=1"' in page


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", "", "99999999999999999999", "%00"])
def test_a_bad_page_number_shows_page_one(client, signed_in_admin, many_stores, value):
    response = client.get("/admin/stores", query_string={"q": "many", "page": value})
    assert response.status_code == 200
    assert store_codes(text(response))[0] == "many045"


def test_a_page_past_the_end_is_empty_not_an_error(client, signed_in_admin, many_stores):
    response = client.get("/admin/stores", query_string={"q": "many", "page": "9"})
    assert response.status_code == 200
    assert store_codes(text(response)) == []


def test_htmx_gets_only_the_table(client, signed_in_admin, many_stores, htmx_headers):
    response = client.get("/admin/stores", query_string={"q": "many", "page": "2"}, headers=htmx_headers)
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page and "<nav aria-label=\"Main\">" not in page
    assert page.lstrip().startswith('<div id="store-table">')
    assert len(store_codes(page)) == 20
    assert "HX-Request" in response.headers.get("Vary", "")


def test_htmx_gets_only_the_merchant_table(client, signed_in_admin, htmx_headers):
    page = text(client.get("/admin/merchants", query_string={"q": "acme"}, headers=htmx_headers))
    assert page.lstrip().startswith('<div id="merchant-table">')
    assert "<html" not in page


# --- platform admins ---------------------------------------------------------------------------

def test_a_platform_admin_sees_only_their_platform_stores(client, demo, login_as, many_stores):
    user = create_user("admin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    login_as(user)
    assert store_codes(text(client.get("/admin/stores"))) == ["bistro"]
    assert store_codes(text(client.get("/admin/stores", query_string={"q": "acme"}))) == []
    assert store_codes(text(client.get("/admin/stores", query_string={"q": "many", "page": 2}))) == []


def test_the_store_list_needs_a_signed_in_admin(client, demo, login_as):
    assert client.get("/admin/stores").status_code == 302
    login_as(demo.owner)
    assert client.get("/admin/stores").status_code == 403
    assert client.get("/admin/merchants").status_code == 403


def test_a_platform_admin_sees_only_merchants_of_their_platform(client, demo, login_as):
    user = create_user("admin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    login_as(user)
    page = text(client.get("/admin/merchants"))
    assert merchant_names(page) == ["Bistro Luxembourg"]
    assert "Acme Trading" not in page and "owner@acme.test" not in page
    assert merchant_names(text(client.get("/admin/merchants", query_string={"q": "acme"}))) == []
