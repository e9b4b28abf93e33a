"""Host and path → platform/store, on both URL schemes, and nothing for hosts nobody owns."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.services import add_store_domain

pytestmark = pytest.mark.usefixtures("isolated_requests")

ACME_HOME = "<title>Welcome · Acme</title>"


def get(client, path: str, host: str = "localhost", **headers):
    return client.get(path, headers={"Host": host, **headers})


def text(response) -> str:
    return response.get_data(as_text=True)


# --- both URL schemes --------------------------------------------------------------------------

def test_storefront_on_the_dev_path(client, demo):
    response = get(client, "/platforms/main/storefront/acme/")
    assert response.status_code == 200
    assert ACME_HOME in text(response)


@pytest.mark.parametrize("host", ["acme.orion.localhost", "acme.orion.localhost:5000", "ACME.Orion.Localhost",
                                  "acme.orion.localhost.", "acme.orion.localhost.:5000"])
def test_storefront_at_the_root_of_its_subdomain(client, demo, host):
    response = get(client, "/", host)
    assert response.status_code == 200
    assert ACME_HOME in text(response)


def test_platform_domains_show_their_platform_home(client, demo):
    main = get(client, "/", "orion.localhost")
    loyalty = get(client, "/", "loyalty.localhost:5000")
    assert main.status_code == loyalty.status_code == 200
    assert "<title>Orion · Orion</title>" in text(main)
    assert "<title>Orion Loyalty · Orion Loyalty</title>" in text(loyalty)
    assert "Acme" in text(main) and "Bistro" not in text(main)  # the shops of that platform
    assert "Bistro Luxembourg" in text(loyalty) and "Acme" not in text(loyalty)


def test_store_subdomain_of_the_second_platform(client, demo):
    response = get(client, "/", "bistro.loyalty.localhost")
    assert response.status_code == 200
    assert "· Bistro Luxembourg</title>" in text(response)
    assert "<h1>Bistro Luxembourg</h1>" in text(response)


@pytest.mark.parametrize("host", ["acme.loyalty.localhost", "bistro.orion.localhost", "nope.orion.localhost",
                                  "acme.orion.localhost.evil.example", "acme", "orion.localhost.evil.example"])
def test_store_under_the_wrong_or_no_platform_domain_is_404(client, demo, host):
    response = get(client, "/", host)
    assert response.status_code == 404
    assert "Acme" not in text(response) and "Bistro" not in text(response)


# --- hosts nobody owns -------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/admin/", "/admin", "/health", "/auth/login", "/static/css/orion.css",
                                  "/platforms/main/", "/platforms/main/storefront/acme/", "/store/acme/"])
def test_unknown_host_gets_404_everywhere(client, demo, path):
    response = get(client, path, "evil.example")
    assert response.status_code == 404
    assert "Acme" not in text(response)


def test_unknown_host_cannot_sign_in(client, demo):
    response = client.post("/auth/login", data={"email": demo.admin.email, "password": "orion-demo"},
                           headers={"Host": "evil.example", "X-CSRFToken": client.csrf_token()})
    assert response.status_code in (400, 404)
    db.session.expire_all()
    assert demo.admin.last_login_at is None


@pytest.mark.parametrize("header", ["X-Forwarded-Host", "Forwarded"])
def test_proxy_host_headers_are_not_trusted_by_default(client, demo, header):
    value = "acme.orion.localhost" if header == "X-Forwarded-Host" else "host=acme.orion.localhost"
    response = get(client, "/", "evil.example", **{header: value})
    assert response.status_code == 404
    assert ACME_HOME not in text(response)


# --- custom domains ----------------------------------------------------------------------------

def test_a_verified_custom_domain_serves_its_store(client, demo):
    add_store_domain(demo.acme.id, "Shop.Acme.test", verified=True)
    db.session.commit()
    response = get(client, "/", "shop.acme.test")
    assert response.status_code == 200
    assert ACME_HOME in text(response)


def test_an_unverified_custom_domain_is_not_served(client, demo):
    add_store_domain(demo.acme.id, "shop.acme.test", verified=False)
    db.session.commit()
    assert get(client, "/", "shop.acme.test").status_code == 404


def test_adding_a_domain_invalidates_the_cached_miss(client, demo):
    assert get(client, "/", "shop.acme.test").status_code == 404  # the miss is now cached
    add_store_domain(demo.acme.id, "shop.acme.test", verified=True)
    db.session.commit()
    response = get(client, "/", "shop.acme.test")
    assert response.status_code == 200
    assert ACME_HOME in text(response)


# --- generated links follow the scheme of the request ------------------------------------------

def test_links_on_a_store_host_are_relative_to_its_root(client, demo):
    page = text(get(client, "/", "acme.orion.localhost:5000"))
    assert '<a class="brand" href="/">Acme</a>' in page
    assert "/platforms/main/storefront/acme" not in page


def test_links_on_a_custom_domain_are_relative_to_its_root(client, demo):
    add_store_domain(demo.acme.id, "shop.acme.test", verified=True)
    db.session.commit()
    page = text(get(client, "/", "shop.acme.test"))
    assert '<a class="brand" href="/">Acme</a>' in page
    assert "/platforms/main/storefront/acme" not in page


def test_links_on_the_dev_path_keep_the_mount(client, demo):
    page = text(get(client, "/platforms/main/storefront/acme/"))
    assert '<a class="brand" href="/platforms/main/storefront/acme/">Acme</a>' in page


def test_links_on_a_platform_domain_drop_the_platform_mount(client, demo):
    page = text(get(client, "/", "orion.localhost"))
    assert '<a class="brand" href="/">Orion</a>' in page
    assert 'href="/auth/login"' in page


@pytest.mark.parametrize("path", ["/admin/", "/admin", "/admin/stores", "/store/acme/", "/auth/login",
                                  "/platforms/main/"])
def test_a_store_host_serves_only_its_storefront(client, demo, login_as, path):
    login_as(demo.admin)
    response = client.get(path, headers={"Host": "acme.orion.localhost"}, follow_redirects=True)
    assert response.status_code == 404
    assert "Orion Admin" not in text(response)


def test_a_store_host_serves_static_files_and_health(client, demo):
    response = get(client, "/static/css/orion.css", "acme.orion.localhost")
    response.close()
    assert response.status_code == 200
    assert get(client, "/health", "acme.orion.localhost").status_code == 200


# --- dev paths ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/platforms/main/storefront/nope/", "/platforms/loyalty/storefront/acme/",
                                  "/platforms/main/storefront/bistro/", "/platforms/nope/storefront/acme/",
                                  "/platforms/nope/"])
def test_unknown_or_foreign_tenants_in_the_path_are_404(client, demo, path):
    response = get(client, path)
    assert response.status_code == 404
    assert "Welcome to our shop." not in text(response)


def test_the_bare_development_host_redirects_to_the_main_platform(client, demo):
    response = get(client, "/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/platforms/main/"
    assert "<title>Orion · Orion</title>" in text(get(client, "/platforms/main/"))


def test_a_suspended_store_shows_a_closed_page(client, app, demo):
    demo.acme.status = "suspended"
    db.session.commit()
    app.extensions["orion.ports"]["tenant_directory"].invalidate()
    for response in (get(client, "/", "acme.orion.localhost"), get(client, "/platforms/main/storefront/acme/")):
        assert response.status_code == 503
        assert "Temporarily closed" in text(response)
        assert "Welcome to our shop." not in text(response)


# --- O(1) tenant resolution --------------------------------------------------------------------

def test_resolving_a_store_host_again_issues_no_lookup_queries(client, demo, count_queries, make_store):
    with count_queries() as first:
        assert get(client, "/", "acme.orion.localhost").status_code == 200
    with count_queries() as second:
        assert get(client, "/", "acme.orion.localhost").status_code == 200
    assert len(second) < len(first)
    assert not [s for s in second if "tenancy_stores" in s or "tenancy_platforms" in s]

    for _ in range(20):
        make_store(demo.main)
    db.session.commit()
    assert get(client, "/", "acme.orion.localhost").status_code == 200  # warm the cache again
    with count_queries() as later:
        assert get(client, "/", "acme.orion.localhost").status_code == 200
    assert len(later) == len(second)
