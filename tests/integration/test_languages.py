"""Languages: the switcher keeps the page (a product under each language's slug), country names,
and English dates written the European way in a European store."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from html import unescape

import pytest
from flask import g
from flask_babel import refresh

from tests.modules.catalog.factories import SHOP, make_category, make_product, texts
from webapp.framework.i18n import country_name, format_date, format_datetime, formatting_locale

pytestmark = pytest.mark.usefixtures("isolated_requests")
STORE_HOST = {"Host": "acme.orion.localhost"}


def alternates(page: str) -> dict[str, str]:
    return {code: unescape(url) for code, url in re.findall(r'name="alt_(\w+)" value="([^"]*)"', page)}


def switch(client, page: str, language: str, **kwargs):
    fields = {f"alt_{code}": url for code, url in alternates(page).items()}
    return client.post("/i18n/language", data={"lang": language, "next": "/", **fields}, **kwargs)


@pytest.fixture
def catalog(demo):
    shoes = make_category(demo.acme, "Shoes", fr="Chaussures", de="Schuhe")
    make_product(demo.acme, texts=texts("Trail shoe", "Chaussure de trail", "Trailschuh"), category_ids=[shoes.id])
    return demo


def test_switching_on_a_product_page_lands_on_the_same_product_in_german(client, catalog):
    page = client.get(f"{SHOP}/p/chaussure-de-trail?lang=fr").get_data(as_text=True)
    assert alternates(page) == {"en": f"{SHOP}/p/trail-shoe?lang=en", "fr": f"{SHOP}/p/chaussure-de-trail?lang=fr",
                                "de": f"{SHOP}/p/trailschuh?lang=de"}
    response = switch(client, page, "de")
    assert response.status_code == 303 and response.headers["Location"] == f"{SHOP}/p/trailschuh?lang=de"
    german = client.get(response.headers["Location"])
    assert german.status_code == 200 and "<h1>Trailschuh</h1>" in german.get_data(as_text=True)


def test_switching_on_a_category_keeps_the_category_and_its_filters(client, catalog):
    page = client.get(f"{SHOP}/c/chaussures?lang=fr&sort=price_asc").get_data(as_text=True)
    assert alternates(page)["de"] == f"{SHOP}/c/schuhe?lang=de&sort=price_asc"
    assert switch(client, page, "de").headers["Location"] == f"{SHOP}/c/schuhe?lang=de&sort=price_asc"


def test_other_pages_keep_their_path_and_query(client, catalog):
    page = client.get(f"{SHOP}/search?q=trail&lang=fr").get_data(as_text=True)
    assert alternates(page)["de"] == f"{SHOP}/search?q=trail&lang=de"
    cart = client.get(f"{SHOP}/cart").get_data(as_text=True)
    assert switch(client, cart, "de").headers["Location"] == f"{SHOP}/cart?lang=de"


def test_the_switch_works_on_the_store_host(client, catalog):
    page = client.get("/p/trail-shoe", headers=STORE_HOST).get_data(as_text=True)
    assert alternates(page)["fr"] == "/p/chaussure-de-trail?lang=fr"
    response = switch(client, page, "fr", headers=STORE_HOST)
    assert response.headers["Location"] == "/p/chaussure-de-trail?lang=fr"
    assert "<h1>Chaussure de trail</h1>" in client.get(response.headers["Location"], headers=STORE_HOST).get_data(
        as_text=True)


def test_a_foreign_alternate_is_refused(client, catalog):
    response = client.post("/i18n/language", data={"lang": "de", "next": "/", "alt_de": "https://evil.example/"})
    assert response.headers["Location"] == "/"


def test_the_alternates_survive_the_page_cache(client, catalog):
    first = client.get(f"{SHOP}/p/trail-shoe").get_data(as_text=True)
    again = client.get(f"{SHOP}/p/trail-shoe").get_data(as_text=True)
    assert alternates(first) == alternates(again) and alternates(again)["de"] == f"{SHOP}/p/trailschuh?lang=de"


def test_country_names_follow_the_language(app):
    with app.test_request_context("/?lang=fr"):
        refresh()
        g.frontend = "storefront"
        assert country_name("LU", locale="fr") == "Luxembourg" and country_name("DE", locale="fr") == "Allemagne"
        assert country_name("de", locale="de") == "Deutschland" and country_name("", locale="de") == ""
        assert country_name("QQ", locale="en") == "QQ"
        template = app.jinja_env.from_string("{{ 'BE'|country }}")
        assert template.render() in ("Belgium", "Belgique")


def test_english_dates_in_a_european_store_are_day_first(app):
    moment = datetime(2026, 12, 2, 14, 30, tzinfo=UTC)
    with app.test_request_context("/?lang=en"):
        refresh()
        g.store = None
        assert str(formatting_locale()) == "en_150"  # no store: the platform's home country (LU)
        assert format_date(date(2026, 12, 2), "long") == "2 December 2026"
        assert format_date(date(2026, 12, 2), "short") == "02/12/2026"
        assert format_datetime(moment, "short") == "02/12/2026, 15:30"  # Luxembourg time, 24-hour clock


def test_english_dates_stay_month_first_outside_europe_and_other_languages_keep_theirs(app):
    from types import SimpleNamespace

    with app.test_request_context("/?lang=en"):
        refresh()
        g.store = SimpleNamespace(country="US", languages=("en",), default_language="en")
        assert format_date(date(2026, 12, 2), "short") == "12/2/26"
    with app.test_request_context("/?lang=de"):
        refresh()
        g.store = None
        assert format_date(date(2026, 12, 2), "long") == "2. Dezember 2026"


def test_order_addresses_print_the_country_name(app):
    from webapp.modules.orders.views import address_lines

    with app.test_request_context("/?lang=de"):
        refresh()
        g.store = None
        assert address_lines({"full_name": "Ana", "city": "Esch", "country": "LU"})[-1] == "Luxemburg"
