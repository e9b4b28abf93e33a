"""The dashboards' search box: results from enabled modules, scoped to the tenant, filtered by permission."""

import pytest

from webapp.extensions import db
from webapp.framework.search import PER_KIND
from webapp.modules.tenancy.services import apply_module_plan, create_user, plan_module_change, search_users


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def loyalty_admin(demo):
    user = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


def test_store_search_covers_products_orders_and_customers_of_this_store_only(client, demo_shop, login_as,
                                                                             htmx_headers):
    login_as(demo_shop.staff)
    page = text(client.get("/store/acme/search?q=linen"))
    assert "<h2 class=\"search-kind\">Products</h2>" in page and "Linen shirt" in page
    assert 'href="/store/acme/catalog/products/' in page
    page = text(client.get("/store/acme/search?q=%231001"))
    assert "#1001" in page and 'href="/store/acme/orders/' in page
    page = text(client.get("/store/acme/search?q=lea.muller"))
    assert "<h2 class=\"search-kind\">Customers</h2>" in page and 'href="/store/acme/customers/' in page
    # Bistro's dishes and customers never show in Acme's box.
    assert "Nothing found" in text(client.get("/store/acme/search?q=soup"))
    assert "Nothing found" in text(client.get("/store/acme/search?q=marc.hansen"))
    # As you type: htmx gets the list of results only.
    response = client.get("/store/acme/search?q=shirt", headers=htmx_headers)
    assert response.status_code == 200 and "<html" not in text(response) and "Linen shirt" in text(response)

    login_as(demo_shop.bistro_owner)
    page = text(client.get("/store/bistro/search?q=soup"))  # shown in the owner's language (French)
    assert 'href="/store/bistro/catalog/products/' in page
    assert "Aucun résultat" in text(client.get("/store/bistro/search?q=linen"))
    assert "Aucun résultat" in text(client.get("/store/bistro/search?q=1001"))
    assert client.get("/store/acme/search?q=linen").status_code == 404

    # A module switched off on the platform contributes nothing.
    plan = plan_module_change(demo_shop.acme.platform_id, "catalog", False)
    apply_module_plan(demo_shop.acme.platform_id, plan)
    db.session.commit()
    login_as(demo_shop.staff)
    page = text(client.get("/store/acme/search?q=linen"))
    assert "Linen shirt" not in page and "Nothing found" in page
    assert "#1001" in text(client.get("/store/acme/search?q=1001"))


def test_admin_search_is_limited_to_the_admins_platforms(client, demo_shop, login_as, loyalty_admin):
    login_as(demo_shop.admin)
    page = text(client.get("/admin/search?q=acme"))
    assert "<h2 class=\"search-kind\">Stores</h2>" in page and "Acme" in page
    assert "<h2 class=\"search-kind\">Merchants</h2>" in page
    page = text(client.get("/admin/search?q=1001"))
    assert "<h2 class=\"search-kind\">Orders</h2>" in page and "#1001 · Acme" in page
    assert 'href="/admin/stores?q=acme"' in page

    login_as(loyalty_admin)
    assert "Nothing found" in text(client.get("/admin/search?q=acme"))
    assert "Nothing found" in text(client.get("/admin/search?q=1001"))
    page = text(client.get("/admin/search?q=bistro"))
    assert "Bistro" in page and 'href="/admin/stores?q=bistro"' in page


def test_admin_search_skips_the_platforms_where_a_module_is_off(client, demo_shop, login_as):
    login_as(demo_shop.admin)
    apply_module_plan(demo_shop.acme.platform_id, plan_module_change(demo_shop.acme.platform_id, "orders", False))
    db.session.commit()
    page = text(client.get("/admin/search?q=1001"))
    assert "#1001" not in page and "Nothing found" in page
    assert "Acme" in text(client.get("/admin/search?q=acme"))  # tenancy itself is always on


def test_results_are_only_links_the_user_may_open(client, demo, login_as):
    login_as(demo.translator)  # the admin dashboard, but no merchants or stores pages
    assert "Nothing found" in text(client.get("/admin/search?q=acme"))


def test_store_staff_never_reach_the_admin_search(client, demo, login_as):
    login_as(demo.staff)
    assert client.get("/admin/search?q=acme").status_code == 403


def test_an_empty_or_overlong_term_searches_nothing(client, demo, login_as):
    login_as(demo.admin)
    page = text(client.get("/admin/search?q="))
    assert "Nothing found" not in page and 'class="search-kind"' not in page
    response = client.get("/admin/search?q=" + "a" * 5000)
    assert response.status_code == 200 and 'class="search-kind"' not in text(response)


def test_each_kind_keeps_to_a_few_results(client, demo, login_as):
    for number in range(PER_KIND + 3):
        create_user(f"many{number}@orion.test", "orion-demo")
    db.session.commit()
    assert len(search_users("many", limit=PER_KIND)) == PER_KIND


def test_user_search_keeps_to_the_platforms(demo, loyalty_admin):
    emails = {user.email for user in search_users("test", platform_ids=(demo.loyalty.id,), limit=20)}
    assert "owner@bistro.test" in emails and "padmin@loyalty.test" in emails
    assert "owner@acme.test" not in emails and "admin@orion.test" not in emails
    assert "owner@acme.test" in {user.email for user in search_users("acme", limit=20)}


def test_a_failing_provider_leaves_the_others_answering(app, client, demo, login_as, monkeypatch):
    registry = app.extensions["orion.modules"]
    ref = registry.get("orders").search_providers["admin"]
    registry.resolve("orders", ref)

    def broken(term, **scope):
        raise RuntimeError("orders search is down")

    monkeypatch.setitem(registry._refs, ("orders", ref), broken)
    login_as(demo.admin)
    response = client.get("/admin/search?q=acme")
    assert response.status_code == 200 and "Acme" in text(response)


def test_the_search_box_is_in_both_dashboards_headers(client, demo, login_as):
    login_as(demo.admin)
    page = text(client.get("/admin/"))
    assert 'data-hx-get="/admin/search"' in page and 'data-hx-trigger="input changed delay:250ms, search"' in page
    assert '<label for="global-search"' in page
    login_as(demo.owner)
    assert 'action="/store/acme/search"' in text(client.get("/store/acme/"))
