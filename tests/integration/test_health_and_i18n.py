"""`/health`, the language switcher, locale selection, and every page in every language."""

from __future__ import annotations

import re

import pytest

from webapp.extensions import db

pytestmark = pytest.mark.usefixtures("isolated_requests")

LANGUAGES = ["en", "fr", "de", "lb"]


def lang(response) -> str:
    assert response.status_code == 200, response.status_code
    match = re.search(r'<html lang="([^"]+)">', response.get_data(as_text=True))
    assert match, "not a full page"
    return match.group(1)


# --- health ------------------------------------------------------------------------------------

def test_health_reports_database_and_redis(client, app, demo):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["database"]["backend"] in ("sqlite", "postgresql")
    redis_configured = app.extensions.get("orion.redis") is not None
    assert body["checks"]["redis"] == {"ok": True, "configured": redis_configured}


def test_health_answers_on_platform_domains_without_a_session(client, demo):
    response = client.get("/health", headers={"Host": "orion.localhost"})
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert "orion_session=" not in " ".join(response.headers.getlist("Set-Cookie"))


# --- the language switcher ---------------------------------------------------------------------

def test_switching_language_redirects_and_sticks(client, demo):
    assert lang(client.get("/platforms/main/")) == "en"
    response = client.post("/i18n/language", data={"lang": "fr", "next": "/platforms/main/"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/platforms/main/"
    assert lang(client.get("/platforms/main/")) == "fr"
    assert lang(client.get("/auth/login")) == "fr"


@pytest.mark.parametrize("target", ["https://evil.example", "//evil.example/x", "/\\evil.example", ""])
def test_switching_language_never_leaves_the_site(client, demo, target):
    response = client.post("/i18n/language", data={"lang": "de", "next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("value", ["xx", "", "FR", "en-US", "../fr"])
def test_an_unsupported_language_is_ignored(client, demo, value):
    client.post("/i18n/language", data={"lang": "de", "next": "/"})
    response = client.post("/i18n/language", data={"lang": value, "next": "/platforms/main/"})
    assert response.status_code == 303
    assert lang(client.get("/platforms/main/")) == "de"


def test_the_switcher_works_on_a_store_host(client, demo):
    response = client.post("/i18n/language", data={"lang": "de", "next": "/"},
                           headers={"Host": "acme.orion.localhost"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    assert lang(client.get("/", headers={"Host": "acme.orion.localhost"})) == "de"


def test_the_switcher_form_points_back_to_the_page_as_the_browser_sees_it(client, demo):
    page = client.get("/", headers={"Host": "acme.orion.localhost"}).get_data(as_text=True)
    assert '<form class="language-switcher" method="post" action="/i18n/language">' in page
    assert '<input type="hidden" name="next" value="/">' in page


# --- locale selection order --------------------------------------------------------------------

def test_the_url_wins_over_the_session(client, demo):
    client.post("/i18n/language", data={"lang": "fr", "next": "/"})
    assert lang(client.get("/platforms/main/?lang=de")) == "de"
    assert lang(client.get("/platforms/main/")) == "fr"  # ?lang= does not change the session


def test_the_session_wins_over_accept_language(client, demo):
    client.post("/i18n/language", data={"lang": "fr", "next": "/"})
    assert lang(client.get("/platforms/main/", headers={"Accept-Language": "de"})) == "fr"


@pytest.mark.parametrize(("header", "expected"), [
    ("de-DE,de;q=0.9", "de"), ("fr-LU", "fr"), ("fr-LU,fr;q=0.9,en;q=0.5", "fr"), ("lb", "lb"),
    ("ja, de;q=0.1", "de"), ("ja", "en"),
])
def test_accept_language(client, demo, header, expected):
    assert lang(client.get("/platforms/main/", headers={"Accept-Language": header})) == expected


def test_the_users_preference_applies_in_dashboards(client, demo, login_as):
    demo.owner.locale = "de"
    db.session.commit()
    login_as(demo.owner)
    assert lang(client.get("/store/acme/")) == "de"
    assert lang(client.get("/store/acme/", headers={"Accept-Language": "fr"})) == "de"


@pytest.mark.parametrize("how", ["url", "session", "header"])
def test_a_store_never_renders_a_language_it_does_not_offer(client, demo, how):
    path, headers = "/platforms/loyalty/storefront/bistro/", {}
    if how == "url":
        path += "?lang=lb"
    elif how == "session":
        client.post("/i18n/language", data={"lang": "lb", "next": "/"})
    else:
        headers["Accept-Language"] = "lb"
    assert lang(client.get(path, headers=headers)) == "fr"  # bistro's default language
    assert lang(client.get("/", headers={"Host": "bistro.loyalty.localhost", **headers})) == "fr"


def test_the_language_menu_offers_only_the_store_languages(client, demo):
    page = client.get("/platforms/loyalty/storefront/bistro/").get_data(as_text=True)
    assert sorted(re.findall(r'<option value="([a-z]+)"', page)) == ["de", "en", "fr"]


@pytest.mark.parametrize("header", ["*;q=abc,,,", ";;;", "q=1", "de;q=", "x" * 3000, "en;q=2, fr;q=-1",
                                    "\u00e9\u00e8", "*"])
def test_junk_accept_language_headers_are_harmless(client, demo, header):
    response = client.get("/platforms/main/", headers={"Accept-Language": header.encode("utf-8").decode("latin-1")})
    assert lang(response) in LANGUAGES


# --- every page in every language --------------------------------------------------------------

PUBLIC_PAGES = [("localhost", "/platforms/main/"), ("localhost", "/platforms/loyalty/"),
                ("localhost", "/platforms/main/storefront/acme/"), ("acme.orion.localhost", "/"),
                ("bistro.loyalty.localhost", "/"), ("orion.localhost", "/"), ("localhost", "/auth/login")]
ADMIN_PAGES = ["/admin/", "/admin/platforms", "/admin/platforms/main/modules",
               "/admin/platforms/main/modules/preview?module=inventory&enable=0", "/admin/merchants",
               "/admin/stores", "/admin/stores?q=a", "/admin/audit", "/admin/search?q=acme", "/admin/support/bistro",
               "/auth/stores"]
# The super admin reaches store dashboards only through the support view; the owner's own pages:
STORE_PAGES = ["/store/acme/", "/store/acme/audit", "/store/acme/search?q=shirt"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("host", "path"), PUBLIC_PAGES)
def test_public_pages_render_in_every_language(client, demo, language, host, path):
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang={language}", headers={"Host": host})
    assert lang(response) in LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_admin_and_store_pages_render_in_every_language(client, demo, login_as, language):
    login_as(demo.admin)
    client.post("/i18n/language", data={"lang": language, "next": "/"})
    for path in ADMIN_PAGES:
        assert lang(client.get(path)) == language, path
    client.post("/admin/support/bistro")
    assert lang(client.get("/store/bistro/")) == language, "support view"
    login_as(demo.owner)
    client.post("/i18n/language", data={"lang": language, "next": "/"})
    for path in STORE_PAGES:
        assert lang(client.get(path)) == language, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages_render_in_every_language(client, demo, language):
    client.post("/i18n/language", data={"lang": language, "next": "/"})
    for path, status in (("/platforms/main/nope", 404), ("/auth/logout", 405), ("/platforms/main/storefront/x/",
                                                                                404)):
        response = client.get(path)
        assert response.status_code == status
        assert f'<html lang="{language}">' in response.get_data(as_text=True)
