"""Error pages keep the frontend's shell: a signed-in admin or merchant still has their menu."""

from __future__ import annotations


def text(response) -> str:
    return response.get_data(as_text=True)


def test_an_unknown_admin_page_keeps_the_admin_sidebar(client, demo, login_as):
    login_as(demo.admin)
    response = client.get("/admin/no-such-page")
    assert response.status_code == 404
    page = text(response)
    assert 'class="sidebar"' in page and "Page not found" in page
    assert 'href="/admin/platforms' in page  # a menu entry, not an empty nav
    assert 'href="/admin/"' in page  # the way back goes to the dashboard, not another frontend


def test_an_unknown_store_page_keeps_the_store_menu_for_its_team(client, demo, login_as):
    login_as(demo.owner)
    response = client.get("/store/acme/no-such-page")
    assert response.status_code == 404
    page = text(response)
    assert 'class="sidebar"' in page and 'href="/store/acme/"' in page


def test_another_merchants_store_error_page_shows_no_store_shell(client, demo, login_as):
    login_as(demo.bistro_owner)
    response = client.get("/store/acme/no-such-page")
    assert response.status_code in (403, 404)
    assert 'class="sidebar"' not in text(response) and "Acme" not in text(response)


def test_an_anonymous_visitor_gets_no_admin_shell(client, demo):
    response = client.get("/admin/no-such-page")
    assert response.status_code in (302, 303, 401, 404)
    assert 'class="sidebar"' not in text(response)
