"""Dashboards: tiles link only where the user may go; a failing widget provider leaves an error card."""

import re

import pytest
from flask import g
from flask_login import login_user

from webapp.framework import navigation
from webapp.framework.ports import tenant_directory
from webapp.framework.providers import Widget


def text(response) -> str:
    return response.get_data(as_text=True)


def cards(page: str) -> str:
    return page[page.index('class="stat-cards"'):page.index("</section>", page.index('class="stat-cards"'))]


def test_admin_tiles_link_to_their_pages_for_the_super_admin(client, demo, login_as):
    login_as(demo.admin)
    tiles = cards(text(client.get("/admin/")))
    assert 'href="/admin/stores"' in tiles and 'href="/admin/merchants"' in tiles


def test_tiles_lose_their_link_when_the_user_may_not_open_the_page(client, demo, login_as):
    login_as(demo.translator)  # sees the dashboard, may not list stores
    response = client.get("/admin/")
    tiles = cards(text(response))
    assert response.status_code == 200
    assert "Stores" in tiles and 'href="/admin/stores"' not in tiles


@pytest.fixture
def failing_widgets(app, monkeypatch):
    """Plant a widget provider that raises, in place of the orders module's."""
    registry = app.extensions["orion.modules"]

    def broken(frontend, **context):
        raise RuntimeError("the figures service is down")

    registry.resolve("orders", registry.get("orders").widget_provider)  # fill the cache, then replace it
    monkeypatch.setitem(registry._refs, ("orders", registry.get("orders").widget_provider), broken)


def test_a_failing_widget_provider_shows_an_error_card_and_the_page_renders(client, demo, login_as,
                                                                           failing_widgets):
    login_as(demo.owner)
    response = client.get("/store/acme/")
    page = text(response)
    assert response.status_code == 200
    assert "This card could not be loaded." in page
    assert re.search(r'stat-card-error[^>]*>\s*<p class="stat-label">Orders</p>', page)
    assert "Orders today" not in page  # the broken module's cards are gone, the others stay
    assert cards(page).count('<div class="stat-card">') >= 1  # other modules' cards still render


def test_without_a_failure_there_is_no_error_card(client, demo, login_as):
    login_as(demo.owner)
    page = text(client.get("/store/acme/"))
    assert "This card could not be loaded." not in page and "Orders today" in page


def test_a_tile_to_a_page_outside_the_plan_has_no_link(app, demo, monkeypatch):
    widget = Widget("Collections", "3", endpoint="catalog_store.collection_list")
    with app.test_request_context("/store/acme/"):
        g.store = tenant_directory().store("acme")
        g.platform = tenant_directory().platform_by_id(g.store.platform_id)
        login_user(demo.owner)
        assert widget.linked().url == "/store/acme/catalog/collections"
        monkeypatch.setattr(navigation, "feature_enabled", lambda feature: feature != "catalog.collections")
        assert widget.linked().url is None


def test_a_platform_admin_counts_only_their_platforms(client, demo, login_as):
    from webapp.extensions import db
    from webapp.modules.tenancy.services import create_user

    admin = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                        platform_id=demo.loyalty.id)
    db.session.commit()
    login_as(admin)
    tiles = cards(text(client.get("/admin/")))
    stores = re.search(r'<p class="stat-label">Stores</p>\s*<p class="stat-value">(\d+)</p>', tiles)
    assert stores and stores.group(1) == "1"  # bistro, not acme
    login_as(demo.admin)
    tiles = cards(text(client.get("/admin/")))
    assert re.search(r'<p class="stat-label">Stores</p>\s*<p class="stat-value">2</p>', tiles)
