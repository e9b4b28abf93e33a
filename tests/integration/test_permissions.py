"""Who may open which dashboard page, what menus show, and that every route is classified."""

from __future__ import annotations

import re

import pytest

from webapp.extensions import db
from webapp.framework.auth.access import access_of
from webapp.framework.checks import run_checks
from webapp.modules.tenancy.services import create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")


def text(response) -> str:
    return response.get_data(as_text=True)


def sidebar(page: str) -> str:
    match = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S)
    assert match, "no sidebar on this page"
    return match.group(1)


@pytest.fixture
def loyalty_admin(demo):
    user = create_user("admin@loyalty.test", "orion-demo", name="Loyalty Admin", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


# --- admin dashboard ---------------------------------------------------------------------------

def test_admin_dashboard_for_the_super_admin(client, demo, login_as):
    login_as(demo.admin)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Welcome, Orion Admin" in text(response)


def test_admin_dashboard_refuses_a_store_owner(client, demo, login_as):
    login_as(demo.owner)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Welcome," not in text(response)


def test_admin_dashboard_sends_anonymous_visitors_to_login(client, demo):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_translator_sees_the_admin_dashboard(client, demo, login_as):
    login_as(demo.translator)
    assert client.get("/admin/").status_code == 200


# --- store dashboard ---------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["owner", "staff"])
def test_store_dashboard_for_members(client, demo, login_as, who):
    login_as(getattr(demo, who))
    response = client.get("/store/acme/")
    assert response.status_code == 200
    assert "<h1>Acme</h1>" in text(response) or ">Acme<" in text(response)


def test_the_super_admin_reaches_a_store_dashboard_only_through_the_support_view(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/store/acme/").status_code == 404
    client.post("/admin/support/acme")
    assert ">Acme<" in text(client.get("/store/acme/"))


def test_store_dashboard_of_another_merchant_is_hidden(client, demo, login_as):
    login_as(demo.bistro_owner)
    response = client.get("/store/acme/")
    assert response.status_code == 404
    assert "Acme" not in text(response)
    assert client.get("/store/bistro/").status_code == 200


@pytest.mark.parametrize("who", ["translator", "owner"])
def test_platform_staff_without_membership_cannot_open_stores(client, demo, login_as, who):
    login_as(demo.translator if who == "translator" else demo.owner)
    assert client.get("/store/bistro/").status_code == 404


def test_unknown_store_is_404(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/store/nope/").status_code == 404


def test_anonymous_store_dashboard_redirects_to_login(client, demo):
    response = client.get("/store/acme/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


# --- platform admins and translators -----------------------------------------------------------

def test_platform_admin_sees_only_their_platform(client, demo, login_as, loyalty_admin):
    login_as(loyalty_admin)
    response = client.get("/admin/platforms")
    assert response.status_code == 200
    page = text(response)
    assert ">Orion Loyalty</a></td>" in page
    assert ">Orion</a></td>" not in page
    assert 'href="/admin/platforms/loyalty/modules"' in page
    assert 'href="/admin/platforms/main/modules"' not in page


def test_platform_admin_cannot_open_another_platform(client, demo, login_as, loyalty_admin):
    login_as(loyalty_admin)
    assert client.get("/admin/platforms/main/modules").status_code == 404
    assert client.get("/admin/platforms/main/modules/preview?module=loyalty&enable=0").status_code == 404
    assert client.post("/admin/platforms/main/modules", data={"module": "loyalty", "enable": "0"}).status_code == 404
    assert client.get("/admin/platforms/loyalty/modules").status_code == 200


def test_translator_cannot_list_platforms(client, demo, login_as):
    login_as(demo.translator)
    response = client.get("/admin/platforms")
    assert response.status_code == 403
    assert "Orion Loyalty" not in text(response)
    assert client.get("/admin/stores").status_code == 403
    assert client.get("/admin/platforms/main/modules").status_code == 403


# --- menus -------------------------------------------------------------------------------------

def test_admin_sidebar_shows_what_the_super_admin_may_use(client, demo, login_as):
    login_as(demo.admin)
    menu = sidebar(text(client.get("/admin/")))
    for label, url in (("Dashboard", "/admin/"), ("Platforms", "/admin/platforms"),
                       ("Merchants", "/admin/merchants"), ("Stores", "/admin/stores")):
        assert f'href="{url}"' in menu and f"<span>{label}</span>" in menu


def test_translator_sidebar_hides_what_they_may_not_use(client, demo, login_as):
    login_as(demo.translator)
    menu = sidebar(text(client.get("/admin/")))
    assert "<span>Dashboard</span>" in menu
    for label in ("Platforms", "Merchants", "Stores"):
        assert f"<span>{label}</span>" not in menu


def test_store_sidebar_links_stay_in_the_store(client, demo, login_as):
    login_as(demo.staff)
    menu = sidebar(text(client.get("/store/acme/")))
    assert 'href="/store/acme/"' in menu


def test_menu_marks_the_current_page(client, demo, login_as):
    login_as(demo.admin)
    menu = sidebar(text(client.get("/admin/stores")))
    assert re.search(r'href="/admin/stores" aria-current="page"', menu)
    assert not re.search(r'href="/admin/merchants" aria-current="page"', menu)


# --- classification ----------------------------------------------------------------------------

def test_every_endpoint_declares_who_may_call_it(app):
    unclassified = [endpoint for endpoint, view in app.view_functions.items()
                    if endpoint != "static" and not endpoint.endswith(".static") and access_of(view) is None]
    assert unclassified == []
    kinds = {access_of(view).kind for endpoint, view in app.view_functions.items() if access_of(view)}
    assert kinds <= {"public", "login", "permission"}


def test_permission_routes_name_known_permissions(app):
    registry = app.extensions["orion.modules"]
    for endpoint, view in app.view_functions.items():
        access = access_of(view)
        if access is not None and access.kind == "permission":
            assert access.permission in registry.permissions, endpoint


def test_dashboard_routes_are_never_public(app):
    registry = app.extensions["orion.modules"]
    for rule in app.url_map.iter_rules():
        frontend = registry.frontend_of(rule.endpoint.rpartition(".")[0])
        if frontend in ("admin", "store"):
            assert access_of(app.view_functions[rule.endpoint]).kind != "public", rule.rule


def test_the_architecture_check_passes(app):
    assert [str(finding) for finding in run_checks(app)] == []
