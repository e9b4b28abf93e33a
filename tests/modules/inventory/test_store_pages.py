"""Merchant dashboard pages: stock list, search, low stock, item page, widget, who may see what."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.inventory import views, widgets
from webapp.modules.inventory.services import adjust, ensure_item, reserve

BASE = "/store/acme/inventory"


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def owner(client, demo, login_as):
    login_as(demo.owner)
    return client


def test_stock_list_shows_each_item_with_its_figures_and_status(owner, demo, make_item):
    hot = make_item("HOT-1", 10)
    make_item("LOW-1", 2)
    make_item("ZERO-1")
    make_item("GIFT-1", track_stock=False)
    with store_scope(demo.acme.id):
        reserve(demo.acme.id, "checkout-1", {hot: 3})
        db.session.commit()
    page = text(owner.get(f"{BASE}/"))
    assert "HOT-1" in page and "GIFT-1" in page
    assert '<td class="num">10</td>' in page and '<td class="num">3</td>' in page and '<td class="num">7</td>' in page
    for badge in ("In stock", "Low stock", "Out of stock", "Not tracked"):
        assert badge in page
    assert f'href="{BASE}/items/{hot}"' in page


def test_live_search_by_sku_returns_only_the_table_fragment(owner, htmx_headers, make_item):
    make_item("MUG-RED", 10)
    make_item("TEE-BLUE", 10)
    response = owner.get(f"{BASE}/?q=mug", headers=htmx_headers)
    assert response.status_code == 200
    fragment = text(response)
    assert fragment.lstrip().startswith('<div id="stock-table">')
    assert "MUG-RED" in fragment and "TEE-BLUE" not in fragment and "<html" not in fragment
    assert "No matching items" in text(owner.get(f"{BASE}/?q=nothing-like-this"))


def test_low_stock_filter_and_page(owner, make_item):
    make_item("PLENTY", 50)
    make_item("SCARCE", 1)
    filtered = text(owner.get(f"{BASE}/?low=y"))
    assert "SCARCE" in filtered and "PLENTY" not in filtered
    low_page = text(owner.get(f"{BASE}/low-stock"))
    assert "SCARCE" in low_page and "PLENTY" not in low_page


def test_stock_list_paginates_by_fifty(owner, demo):
    with store_scope(demo.acme.id):
        for number in range(51):
            ensure_item(demo.acme.id, f"SKU-{number:03d}")
        db.session.commit()
    first, second = text(owner.get(f"{BASE}/")), text(owner.get(f"{BASE}/?page=2"))
    assert "SKU-049" in first and "SKU-050" not in first
    assert "SKU-050" in second and "SKU-000" not in second
    assert f'href="{BASE}/?page=2"' in first
    assert owner.get(f"{BASE}/?page=abc").status_code == 200


def test_stock_list_queries_do_not_grow_with_the_number_of_items(owner, make_item, count_queries):
    for number in range(3):
        make_item(f"FEW-{number}", number)
    owner.get(f"{BASE}/")  # warm the tenant caches
    with count_queries() as few:
        assert owner.get(f"{BASE}/").status_code == 200
    for number in range(30):
        make_item(f"MORE-{number}", number)
    with count_queries() as many:
        assert owner.get(f"{BASE}/").status_code == 200
    assert len(many) == len(few)


def test_item_page_shows_levels_and_the_ledger_with_who_and_why(owner, demo, make_item):
    item = make_item("MUG-1", 4)
    with store_scope(demo.acme.id):
        adjust(demo.acme.id, item, -1, reason="adjustment", note="dropped one", actor_id=demo.owner.id)
        db.session.commit()
    page = text(owner.get(f"{BASE}/items/{item}"))
    assert "Main warehouse" in page and "dropped one" in page and "Adjustment" in page
    assert demo.owner.display_name in page and "System" in page  # the first receipt had no actor
    assert 'id="item-panel"' in page and 'id="movements"' in page


def test_ledger_pages_are_fragments_for_htmx(owner, demo, make_item, htmx_headers):
    item = make_item("MUG-1", 1)
    with store_scope(demo.acme.id):
        for _ in range(30):
            adjust(demo.acme.id, item, 1, reason="received")
        db.session.commit()
    response = owner.get(f"{BASE}/items/{item}?page=2", headers=htmx_headers)
    fragment = text(response)
    assert fragment.lstrip().startswith('<div id="movements"')
    assert fragment.count("<tr>") == 1 + 6  # header + the 31st..26th oldest movements


def test_staff_may_look_but_not_adjust_or_manage_locations(client, demo, login_as, make_item):
    item = make_item("MUG-1", 4)
    login_as(demo.staff)
    assert client.get(f"{BASE}/").status_code == 200
    page = text(client.get(f"{BASE}/items/{item}"))
    assert "Adjust stock" not in page
    assert "Locations" not in text(client.get(f"{BASE}/"))
    response = client.post(f"{BASE}/items/{item}/adjust", data={"location": "1", "change": "5",
                                                                  "reason": "received"})
    assert response.status_code == 403
    assert client.post(f"{BASE}/items/{item}/settings", data={"track_stock": ""}).status_code == 403
    assert client.get(f"{BASE}/locations").status_code == 403


def test_another_merchant_sees_nothing_of_this_stock(client, demo, login_as, make_item):
    acme_item = make_item("SECRET-SKU", 4)
    login_as(demo.bistro_owner)
    for url in (f"{BASE}/", f"{BASE}/items/{acme_item}", f"{BASE}/locations"):
        response = client.get(url)
        assert response.status_code == 404
        assert "SECRET-SKU" not in text(response)
    # Acme's item id under bistro's own dashboard: not found either.
    assert client.get(f"/store/bistro/inventory/items/{acme_item}").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, demo):
    response = client.get(f"{BASE}/")
    assert response.status_code in (302, 303)
    assert "/auth/login" in response.headers["Location"]


def test_dashboard_widget_and_menu_entry(owner, make_item):
    make_item("SCARCE-1", 1)
    make_item("SCARCE-2", 0)
    page = text(owner.get("/store/acme/"))
    assert "Low-stock items" in page
    assert '<p class="stat-value">2</p>' in page
    assert f'href="{BASE}/"' in page  # the "Inventory" menu item


def test_the_widget_needs_the_low_stock_alerts_feature(owner, make_item, monkeypatch):
    make_item("SCARCE-1", 1)
    monkeypatch.setattr(widgets, "feature_enabled", lambda feature: feature != "inventory.low_stock_alerts")
    assert "Low-stock items" not in text(owner.get("/store/acme/"))


def test_item_names_come_from_the_module_that_knows_them(owner, make_item, monkeypatch):
    item = make_item("MUG-1", 4)
    with monkeypatch.context() as patch:
        patch.setattr(views, "implementation", lambda contract: None)
        assert ">Item<" not in text(owner.get(f"{BASE}/"))  # nobody names items: no empty column

    def labels(_store_id, item_ids):
        return {item_id: "Blue mug" for item_id in item_ids}

    monkeypatch.setattr(views, "implementation", lambda contract: labels if contract == views.ITEM_LABELS else None)
    page = text(owner.get(f"{BASE}/"))
    assert ">Item<" in page and "Blue mug" in page
    assert "Blue mug" in text(owner.get(f"{BASE}/items/{item}"))

    def broken(_store_id, _item_ids):
        raise RuntimeError("catalog is down")

    monkeypatch.setattr(views, "implementation", lambda contract: broken)
    assert owner.get(f"{BASE}/").status_code == 200
