"""Feature gates: every declared feature gates its pages, partials, menus, widgets and actions.

A gated dashboard page answers 403 with an explanation and the upgrade link (a fragment for htmx),
its menu entry and dashboard card disappear; the storefront answers 404; nobody off the team learns
what the plan lacks.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.modules.catalog.factories import make_product, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product
from webapp.modules.catalog.services import GroupInput, save_collection
from webapp.modules.inventory import services as inventory

pytestmark = pytest.mark.usefixtures("isolated_requests")

COLLECTIONS = "/store/acme/catalog/collections"


@pytest.fixture
def owner(client, demo, login_as, plans_url):
    login_as(demo.owner)
    return demo


def body(response) -> str:
    return response.get_data(as_text=True)


def test_a_gated_page_by_url_explains_and_links_to_the_upgrade(client, owner, subscribe, plans_url):
    subscribe(owner.acme, "essential")
    response = client.get(COLLECTIONS)
    page = body(response)
    assert response.status_code == 403
    assert "Not in your plan" in page and "Your plan does not include this feature." in page
    assert f'href="{plans_url(owner.acme)}"' in page and "Upgrade your plan" in page
    assert "<html" in page  # the dashboard's own error page


def test_a_gated_htmx_request_gets_the_refusal_as_a_fragment(client, owner, subscribe, plans_url, htmx_headers):
    subscribe(owner.acme, "essential")
    for method, url in (("get", COLLECTIONS), ("get", f"{COLLECTIONS}/new"), ("post", f"{COLLECTIONS}/new")):
        response = getattr(client, method)(url, headers=htmx_headers)
        fragment = body(response)
        assert response.status_code == 403, url
        assert fragment.lstrip().startswith('<div class="flash flash-error"') and "<html" not in fragment
        assert f'href="{plans_url(owner.acme)}"' in fragment


def test_the_gated_menu_entry_and_widget_disappear_on_a_lower_tier(client, owner, subscribe):
    subscribe(owner.acme, "essential")
    dashboard = body(client.get("/store/acme/"))
    assert f'href="{COLLECTIONS}"' not in dashboard
    assert "Low-stock items" not in dashboard


def test_on_a_tier_with_the_features_everything_is_there(client, owner, subscribe):
    subscribe(owner.acme, "professional")
    dashboard = body(client.get("/store/acme/"))
    assert f'href="{COLLECTIONS}"' in dashboard and "Low-stock items" in dashboard
    assert client.get(COLLECTIONS).status_code == 200
    assert client.get("/store/acme/inventory/low-stock").status_code == 200
    assert 'href="/store/acme/inventory/low-stock"' in body(client.get("/store/acme/inventory/"))


def test_without_a_subscription_nothing_is_gated(client, owner, tiers):
    assert client.get(COLLECTIONS).status_code == 200
    assert client.get("/store/acme/inventory/low-stock").status_code == 200


def test_someone_off_the_team_never_learns_what_the_plan_lacks(client, demo, subscribe, login_as):
    subscribe(demo.acme, "essential")
    anonymous = client.get(COLLECTIONS)
    assert anonymous.status_code in (302, 303) and "Not in your plan" not in body(anonymous)
    login_as(demo.bistro_owner)
    other = client.get(COLLECTIONS)
    assert other.status_code == 404 and "Not in your plan" not in body(other)


def test_the_storefront_collection_page_is_not_found_on_a_lower_tier(app, client, demo, subscribe):
    with store_scope(demo.acme.id):
        save_collection(demo.acme.id, None, GroupInput(texts=texts("Summer")))
        db.session.commit()
    subscribe(demo.acme, "essential")
    response = client.get("/platforms/main/storefront/acme/collections/summer")
    assert response.status_code == 404 and "Upgrade" not in body(response)


# --- inventory.low_stock_alerts -------------------------------------------------------------------

def test_low_stock_alerts_page_filter_and_link_are_gated(client, owner, subscribe, htmx_headers):
    subscribe(owner.acme, "essential")
    assert client.get("/store/acme/inventory/low-stock").status_code == 403
    assert client.get("/store/acme/inventory/low-stock", headers=htmx_headers).status_code == 403
    stock = body(client.get("/store/acme/inventory/"))
    assert 'href="/store/acme/inventory/low-stock"' not in stock and 'name="low"' not in stock


# --- inventory.multi_location ----------------------------------------------------------------------

def locations(store) -> int:
    db.session.expire_all()
    with store_scope(store.id):
        return len(inventory.list_locations(store.id))


def test_a_second_location_needs_multi_location(client, owner, subscribe, plans_url, htmx_headers):
    subscribe(owner.acme, "professional")  # stock alerts, but one location
    if not locations(owner.acme):
        assert client.post("/store/acme/inventory/locations", data={"name": "Warehouse"}).status_code == 303
    count = locations(owner.acme)
    page = body(client.get("/store/acme/inventory/locations"))
    assert "Your plan includes one stock location." in page and f'href="{plans_url(owner.acme)}"' in page
    response = client.post("/store/acme/inventory/locations", data={"name": "Shop"}, headers=htmx_headers)
    assert response.status_code == 403 and f'href="{plans_url(owner.acme)}"' in body(response)
    assert locations(owner.acme) == count


def test_business_adds_locations(client, owner, subscribe):
    subscribe(owner.acme, "business")
    assert client.post("/store/acme/inventory/locations", data={"name": "Shop two"}).status_code == 303


# --- catalog.bulk_actions and catalog.collections in the product form ------------------------------

def statuses(store) -> list[str]:
    db.session.expire_all()
    with store_scope(store.id):
        return list(db.session.scalars(select(Product.status).where(Product.store_id == store.id)
                                       .order_by(Product.id)))


def test_bulk_actions_on_several_products_need_the_feature(client, owner, subscribe, plans_url, htmx_headers):
    subscribe(owner.acme, "essential")
    first, second = make_product(owner.acme, "A", sku="A-1"), make_product(owner.acme, "B", sku="B-1")
    assert 'name="ids"' not in body(client.get("/store/acme/catalog/products"))  # no bulk checkboxes
    data = {"action": "archive", "ids": [str(first.id), str(second.id)]}
    response = client.post("/store/acme/catalog/products/bulk", data=data, headers=htmx_headers)
    assert response.status_code == 403 and f'href="{plans_url(owner.acme)}"' in body(response)
    assert statuses(owner.acme) == ["active", "active"]
    one = client.post("/store/acme/catalog/products/bulk", data={"action": "archive", "ids": [str(first.id)]})
    assert one.status_code == 303 and statuses(owner.acme) == ["archived", "active"]


def test_without_collections_the_product_form_keeps_them_as_they_were(client, owner, subscribe):
    with store_scope(owner.acme.id):
        summer = save_collection(owner.acme.id, None, GroupInput(texts=texts("Summer")))
        db.session.commit()
    subscribe(owner.acme, "essential")
    data = {"translations-en-name": "Shirt", "translations-fr-name": "", "translations-de-name": "",
            "status": "active", "variants-0-sku": "SH-1", "variants-0-price": "9.00", "variants-0-stock": "1",
            "collections": [str(summer.id)]}
    response = client.post("/store/acme/catalog/products/new", data=data)
    assert response.status_code == 303
    db.session.expire_all()
    with store_scope(owner.acme.id):
        product = db.session.scalar(select(Product).where(Product.store_id == owner.acme.id))
        assert product.collections == []


# --- the refusals are valid HTML -------------------------------------------------------------------

def test_refusal_pages_and_notices_are_valid_html(app, client, owner, subscribe, set_limit, tmp_path):
    from tests.fixtures.tools import VNU_JAR, require_file, require_java
    from tests.integration.test_html_validity import run_vnu

    java, _ = require_java(), require_file(VNU_JAR, "the Nu HTML Checker (vnu-jar)")
    subscribe(owner.acme, "essential")
    set_limit(owner.acme, "essential", "products", 0)
    pages = {"gated": (COLLECTIONS, 403), "product limit": ("/store/acme/catalog/products/new", 200),
             "one location": ("/store/acme/inventory/locations", 200), "stock": ("/store/acme/inventory/", 200)}
    for index, (path, status) in enumerate(pages.values()):
        response = client.get(path)
        assert response.status_code == status, path
        (tmp_path / f"page-{index}.html").write_bytes(response.get_data())
    messages = run_vnu(java, sorted(tmp_path.glob("*.html")))
    errors = [f"{m.get('url', '?')}: {m['message']}" for m in messages
              if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(errors)
