"""Signing platform users in and out: messages, redirects, cookies, rate limit, session ending."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.services import add_member, set_password

pytestmark = pytest.mark.usefixtures("isolated_requests")

WRONG = "Email or password is incorrect."


def post_login(client, email: str, password: str, query: str = "", **data):
    return client.post(f"/auth/login{query}", data={"email": email, "password": password, **data})


def signed_in_user_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def cookie_header(response, name: str) -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")]
    assert len(headers) == 1, response.headers.getlist("Set-Cookie")
    return headers[0]


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens (fields, meta, htmx headers) and CSP nonce."""
    page = re.sub(r'nonce="[A-Za-z0-9_-]+"', "NONCE", page)
    page = re.sub(r'"X-CSRFToken": "[A-Za-z0-9._-]{40,}"', "TOKEN", page)
    return re.sub(r'(content|value)="[A-Za-z0-9._-]{40,}"', "TOKEN", page)


def test_login_page_renders(client, demo):
    response = client.get("/auth/login")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Sign in to Orion</h1>" in page
    assert 'name="email"' in page and 'name="password"' in page and 'name="csrf_token"' in page


def test_wrong_password_is_refused_without_a_session(client, demo):
    response = post_login(client, demo.admin.email, "not-the-password")
    assert response.status_code == 422
    assert WRONG in response.get_data(as_text=True)
    assert signed_in_user_id(client) is None
    assert client.get("/admin/").status_code == 302
    db.session.expire_all()
    assert demo.admin.last_login_at is None


def test_unknown_email_gets_the_same_answer(client, demo):
    known = post_login(client, "admin@orion.test", "not-the-password")
    unknown = post_login(client, "nobody@orion.test", "not-the-password")
    assert known.status_code == unknown.status_code == 422
    known_page = without_tokens(known.get_data(as_text=True)).replace("admin@orion.test", "EMAIL")
    unknown_page = without_tokens(unknown.get_data(as_text=True)).replace("nobody@orion.test", "EMAIL")
    assert known_page == unknown_page
    assert WRONG in unknown_page


def test_the_typed_email_is_kept_after_a_failure(client, demo):
    page = post_login(client, "admin@orion.test", "nope-nope-nope").get_data(as_text=True)
    assert 'value="admin@orion.test"' in page
    assert "nope-nope-nope" not in page


def test_admin_lands_on_the_admin_dashboard(client, demo):
    response = post_login(client, "Admin@Orion.test", "orion-demo")
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/"
    assert signed_in_user_id(client) == f"{demo.admin.id}:1"
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Welcome, Orion Admin" in dashboard.get_data(as_text=True)
    db.session.expire_all()
    assert demo.admin.last_login_at is not None


def test_store_owner_lands_on_their_store_dashboard(client, demo):
    response = post_login(client, demo.owner.email, "orion-demo")
    assert response.status_code == 303
    assert response.headers["Location"] == "/store/acme/"
    assert client.get("/store/acme/").status_code == 200


def test_a_same_site_next_is_followed(client, demo):
    response = post_login(client, demo.admin.email, "orion-demo", query="?next=/admin/stores?page=2")
    assert response.headers["Location"] == "/admin/stores?page=2"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example",
                                    "javascript:alert(1)"])
def test_an_external_next_is_ignored(client, demo, target):
    response = client.post("/auth/login", query_string={"next": target},
                           data={"email": demo.admin.email, "password": "orion-demo"})
    assert response.status_code == 303
    assert response.headers["Location"] == "/admin/"


def test_the_session_cookie_is_host_only_httponly_and_lax(client, demo):
    response = post_login(client, demo.admin.email, "orion-demo", remember="y")
    for name in ("orion_session", "remember_token"):
        header = cookie_header(response, name)
        attributes = [part.strip().lower() for part in header.split(";")[1:]]
        assert "httponly" in attributes, header
        assert "samesite=lax" in attributes, header
        assert not any(a.startswith("domain=") for a in attributes), header


def test_logout_is_post_only(client, demo, login_as):
    login_as(demo.admin)
    response = client.get("/auth/logout")
    assert response.status_code == 405
    assert client.get("/admin/").status_code == 200  # still signed in


def test_logout_ends_the_session(client, demo, login_as):
    login_as(demo.admin)
    response = client.post("/auth/logout")
    assert response.status_code == 303
    assert response.headers["Location"] == "/auth/login"
    assert signed_in_user_id(client) is None
    after = client.get("/admin/")
    assert after.status_code == 302
    assert after.headers["Location"].startswith("/auth/login")
    assert "You have been signed out." in client.get("/auth/login").get_data(as_text=True)


def test_a_copied_session_cookie_is_dead_after_logout(client, demo, login_as):
    login_as(demo.admin)
    stolen = client.get_cookie("orion_session").value
    client.post("/auth/logout")
    client.set_cookie("orion_session", stolen)
    assert client.get("/admin/").status_code == 302


def test_login_is_rate_limited(client, demo):
    statuses = [post_login(client, demo.admin.email, "wrong-password").status_code for _ in range(11)]
    assert statuses == [422] * 10 + [429]
    blocked = post_login(client, demo.admin.email, "orion-demo")
    assert blocked.status_code == 429
    assert signed_in_user_id(client) is None
    assert client.get("/auth/login").status_code == 200  # only attempts are limited


def test_anonymous_htmx_request_gets_401_with_hx_redirect(client, demo, htmx_headers):
    response = client.get("/admin/", headers=htmx_headers)
    assert response.status_code == 401
    target = urlsplit(response.headers["HX-Redirect"])
    assert target.path == "/auth/login"
    assert parse_qs(target.query)["next"] == ["/admin/"]


def test_anonymous_page_request_redirects_to_login_with_next(client, demo):
    response = client.get("/admin/stores?q=acme")
    assert response.status_code == 302
    target = urlsplit(response.headers["Location"])
    assert target.path == "/auth/login"
    assert parse_qs(target.query)["next"] == ["/admin/stores?q=acme"]


def test_a_password_change_ends_existing_sessions(client, demo, login_as):
    login_as(demo.owner)
    assert client.get("/store/acme/").status_code == 200
    set_password(demo.owner.id, "a-brand-new-password")
    db.session.commit()
    response = client.get("/store/acme/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")
    assert post_login(client, demo.owner.email, "orion-demo").status_code == 422
    assert post_login(client, demo.owner.email, "a-brand-new-password").status_code == 303


def test_a_deactivated_user_cannot_sign_in(client, demo):
    demo.owner.active = False
    db.session.commit()
    response = post_login(client, demo.owner.email, "orion-demo")
    assert response.status_code == 422
    assert WRONG in response.get_data(as_text=True)
    assert signed_in_user_id(client) is None


def test_deactivating_a_user_ends_their_session(client, demo, login_as):
    login_as(demo.owner)
    demo.owner.active = False
    db.session.commit()
    assert client.get("/store/acme/").status_code == 302


def test_a_member_of_several_stores_chooses_one(client, demo, login_as):
    add_member(demo.bistro.id, demo.owner.id, "staff")
    db.session.commit()
    response = login_as(demo.owner)
    assert response.headers["Location"] == "/auth/stores"
    page = client.get("/auth/stores").get_data(as_text=True)
    assert 'href="/store/acme/"' in page and 'href="/store/bistro/"' in page
