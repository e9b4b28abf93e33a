"""CSRF on every state change, and the headers every response carries."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.tenancy.models import PlatformModule

pytestmark = pytest.mark.usefixtures("isolated_requests")


def signed_in_user_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def stored_module_rows() -> int:
    return db.session.scalar(select(func.count(PlatformModule.id)))


# --- CSRF --------------------------------------------------------------------------------------

def test_login_without_a_token_is_refused(client, demo):
    response = client.post("/auth/login", data={"email": demo.admin.email, "password": "orion-demo"}, csrf=False)
    assert response.status_code == 400
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302


def test_login_with_a_forged_token_is_refused(client, demo):
    client.get("/auth/login")
    response = client.post("/auth/login", data={"email": demo.admin.email, "password": "orion-demo"},
                           headers={"X-CSRFToken": "forged"})
    assert response.status_code == 400
    assert signed_in_user_id(client) is None


def test_a_token_in_the_form_field_works_like_the_header(client, demo):
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'<meta name="csrf-token" content="([^"]+)"', page)
    response = client.post("/auth/login", csrf=False,
                           data={"email": demo.admin.email, "password": "orion-demo", "csrf_token": token.group(1)})
    assert response.status_code == 303


def test_htmx_module_change_without_a_token_changes_nothing(client, demo, login_as, htmx_headers):
    login_as(demo.admin)
    response = client.post("/admin/platforms/main/modules", data={"module": "inventory", "enable": "0"},
                           headers=htmx_headers, csrf=False)
    assert response.status_code == 400
    assert "<html" not in response.get_data(as_text=True)  # htmx gets a fragment, not a page
    assert stored_module_rows() == 0
    page = client.get("/platforms/main/storefront/acme/")
    assert page.status_code == 200


def test_a_token_of_another_session_is_refused(client, app, demo, login_as, htmx_headers):
    other = app.test_client()
    foreign = other.csrf_token()
    login_as(demo.admin)
    response = client.post("/admin/platforms/main/modules", data={"module": "inventory", "enable": "0"},
                           headers={**htmx_headers, "X-CSRFToken": foreign})
    assert response.status_code == 400
    assert stored_module_rows() == 0


def test_language_switch_needs_a_token(client, demo):
    response = client.post("/i18n/language", data={"lang": "fr", "next": "/platforms/main/"}, csrf=False)
    assert response.status_code == 400
    with client.session_transaction() as session:
        assert "lang" not in session


def test_logout_needs_a_token(client, demo, login_as):
    login_as(demo.admin)
    assert client.post("/auth/logout", csrf=False).status_code == 400
    assert client.get("/admin/").status_code == 200


# --- security headers --------------------------------------------------------------------------

PAGES = [("localhost", "/platforms/main/"), ("localhost", "/platforms/main/storefront/acme/"),
         ("acme.orion.localhost", "/"), ("localhost", "/auth/login"), ("localhost", "/platforms/main/nope")]


def csp(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize(("host", "path"), PAGES)
def test_html_responses_carry_the_security_headers(client, demo, host, path):
    response = client.get(path, headers={"Host": host})
    assert response.status_code in (200, 404)
    assert response.mimetype == "text/html"
    policy = csp(response)
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy.get("script-src", []) + policy.get("default-src", [])
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_inline_style_nonce_matches_the_policy_and_changes(client, demo):
    first = client.get("/platforms/main/")
    second = client.get("/platforms/main/")
    nonces = []
    for response in (first, second):
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
        assert f'<style nonce="{nonce}">' in response.get_data(as_text=True)
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_pages_have_no_inline_scripts(client, demo, login_as):
    login_as(demo.admin)
    for path in ("/admin/", "/admin/platforms/main/modules", "/platforms/main/storefront/acme/"):
        page = client.get(path).get_data(as_text=True)
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert scripts, path
        assert all('src="' in attributes and not body.strip() for attributes, body in scripts), path
        assert not re.search(r"\son[a-z]+=\"", page), path  # no inline event handlers either


def test_json_responses_get_nosniff(client, demo):
    response = client.get("/health")
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_authenticated_pages_are_not_stored(client, demo, login_as):
    login_as(demo.owner)
    for path in ("/store/acme/", "/auth/login", "/platforms/main/storefront/acme/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_anonymous_pages_may_be_cached(client, demo):
    response = client.get("/platforms/main/storefront/acme/")
    assert "no-store" not in response.headers.get("Cache-Control", "")


def test_no_hsts_over_plain_http_in_development(client, demo):
    assert "Strict-Transport-Security" not in client.get("/platforms/main/").headers


def max_age(response) -> int:
    response.close()
    assert response.status_code == 200
    return response.cache_control.max_age or 0


def test_versioned_static_files_are_cached_for_a_long_time(client, demo):
    page = client.get("/platforms/main/").get_data(as_text=True)
    url = re.search(r'href="(/static/css/orion\.css\?v=[0-9a-f]+)"', page).group(1)
    assert max_age(client.get(url)) >= 30 * 24 * 3600
    assert max_age(client.get(url, headers={"Host": "acme.orion.localhost"})) >= 30 * 24 * 3600


def test_static_urls_carry_the_content_version(client, demo):
    page = client.get("/platforms/main/").get_data(as_text=True)
    for asset in ("css/orion.css", "js/orion.js", "vendor/htmx-2.0.11.min.js"):
        assert re.search(rf'"/static/{re.escape(asset)}\?v=[0-9a-f]{{12}}"', page), asset
