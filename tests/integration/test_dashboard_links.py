"""Dashboard cards and menus link only to pages the signed-in user may open (never a 403)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.usefixtures("isolated_requests")

LINK = re.compile(r'<a\b[^>]*\bhref="(/[^"#]*)"')


def links(page: str) -> list[str]:
    return sorted({href.replace("&amp;", "&") for href in LINK.findall(page)})


def assert_every_link_opens(client, page_url: str) -> list[str]:
    response = client.get(page_url)
    assert response.status_code == 200
    found = links(response.get_data(as_text=True))
    for href in found:
        answer = client.get(href)
        answer.close()
        assert answer.status_code == 200, href
    return found


def test_translator_sees_no_tile_leading_to_a_403(client, demo, login_as):
    login_as(demo.translator)
    page = client.get("/admin/").get_data(as_text=True)
    assert "Platforms" in page and "Stores" in page  # the figures stay, without the links
    assert 'href="/admin/platforms"' not in page and 'href="/admin/stores"' not in page
    assert_every_link_opens(client, "/admin/")


def test_platform_admin_keeps_the_tile_links(client, demo, login_as):
    login_as(demo.admin)
    found = assert_every_link_opens(client, "/admin/")
    assert "/admin/platforms" in found and "/admin/stores" in found


@pytest.mark.parametrize("who", ["owner", "staff"])
def test_store_dashboard_links_open_for_owner_and_staff(client, demo, login_as, who):
    login_as(getattr(demo, who))
    found = assert_every_link_opens(client, "/store/acme/")
    assert "/store/acme/catalog/products" in found
