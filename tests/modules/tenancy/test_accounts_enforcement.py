"""A platform that requires a second factor holds its staff at the set-up page until it is on."""

from __future__ import annotations

from sqlalchemy import select

from tests.modules.tenancy.accounts import PASSWORD, enable_two_factor, text
from webapp.extensions import db
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import create_user

SETUP = "/auth/account/two-factor"


def require_on(platform) -> None:
    platform.require_two_factor = True
    db.session.commit()


def status_of(code: str) -> str:
    db.session.expire_all()
    return db.session.scalar(select(Store.status).where(Store.code == code))


def test_staff_without_a_second_factor_land_on_the_set_up_page(client, demo, login_as):
    require_on(demo.main)
    signed_in = login_as(demo.admin)
    landing = client.get(signed_in.headers["Location"])
    assert landing.status_code == 303 and landing.headers["Location"] == SETUP
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "Your platform requires two-factor authentication" in text(page)


def test_nothing_else_is_reachable_until_it_is_on(client, demo, login_as, htmx_headers):
    require_on(demo.main)
    login_as(demo.admin)
    for path in ("/admin/", "/admin/stores", "/admin/platforms/main/modules", "/auth/account", "/auth/stores"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"] == SETUP, path
    # A store off the admin's team stays hidden (404) as it is without the gate: the gate comes last.
    assert client.get("/store/acme/").status_code == 404

    htmx = client.get("/admin/stores", headers=htmx_headers)
    assert htmx.status_code == 403 and htmx.headers["HX-Redirect"] == SETUP

    post = client.post("/admin/stores/acme/status", data={"status": "suspended"})
    assert post.status_code == 303 and post.headers["Location"] == SETUP
    htmx_post = client.post("/admin/stores/acme/status", data={"status": "suspended"}, headers=htmx_headers)
    assert htmx_post.status_code == 403
    assert status_of("acme") == "active"

    password = client.post("/auth/account/password", data={"current_password": PASSWORD,
                                                           "password": "another-password-1",
                                                           "confirm": "another-password-1"})
    assert password.status_code == 303 and password.headers["Location"] == SETUP


def test_signing_out_still_works_while_held(client, demo, login_as):
    require_on(demo.main)
    login_as(demo.admin)
    assert client.post("/auth/logout").headers["Location"] == "/auth/login"
    assert client.get("/admin/").headers["Location"].startswith("/auth/login")


def test_once_it_is_on_the_dashboards_open_and_sign_in_asks_for_the_code(client, demo, login_as, monkeypatch):
    require_on(demo.main)
    login_as(demo.admin)
    enable_two_factor(client, monkeypatch)
    assert client.get("/admin/").status_code == 200
    client.post("/auth/logout")
    response = client.post("/auth/login", data={"email": demo.admin.email, "password": PASSWORD})
    assert response.headers["Location"] == "/auth/login/code"


def test_a_platform_admin_is_held_only_by_their_own_platform(client, demo, login_as):
    admin = create_user("padmin@loyalty.test", PASSWORD, platform_role="platform_admin", platform_id=demo.loyalty.id)
    db.session.commit()
    require_on(demo.main)
    login_as(admin)
    assert client.get("/admin/").status_code == 200  # loyalty does not require it
    require_on(demo.loyalty)
    assert client.get("/admin/").headers["Location"] == SETUP


def test_a_super_admin_is_held_when_any_platform_requires_it(client, demo, login_as):
    require_on(demo.loyalty)
    login_as(demo.admin)
    assert client.get("/admin/").headers["Location"] == SETUP


def test_merchant_teams_are_not_held(client, demo, login_as):
    require_on(demo.main)
    login_as(demo.owner)
    assert client.get("/store/acme/").status_code == 200
    assert client.get("/auth/account").status_code == 200


def test_without_the_requirement_nobody_is_held(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/admin/").status_code == 200
