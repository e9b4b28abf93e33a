"""A store with a primary domain is served there only: its other hosts redirect, keeping path and query;
every process sees a domain change on its next request."""

from __future__ import annotations

import pytest

from tests.fixtures.app import close_app
from webapp import create_app
from webapp.extensions import db
from webapp.modules.tenancy.models import StoreDomain
from webapp.modules.tenancy.services import add_store_domain, remove_domain, set_primary_domain

pytestmark = pytest.mark.usefixtures("isolated_requests")

ACME_HOME = "<title>Welcome · Acme</title>"


def get(client, path: str, host: str):
    return client.get(path, headers={"Host": host})


@pytest.fixture
def primary(demo) -> StoreDomain:
    """acme has two verified domains; the first is its primary one."""
    record = add_store_domain(demo.acme.id, "www.acme-shop.example", verified=True)
    add_store_domain(demo.acme.id, "acme-shop.example", verified=True)
    set_primary_domain(demo.acme.id, record.id)
    db.session.commit()
    return record


def test_the_primary_domain_serves_the_store(client, primary):
    response = get(client, "/products?page=2", "www.acme-shop.example")
    assert response.status_code == 200
    assert ACME_HOME in get(client, "/", "www.acme-shop.example").get_data(as_text=True)


@pytest.mark.parametrize("host", ["acme.orion.localhost", "acme-shop.example", "ACME.orion.localhost:5000"])
def test_other_hosts_redirect_to_it_keeping_path_and_query(client, primary, host):
    response = get(client, "/products?sort=price&page=2", host)
    assert response.status_code == 308
    port = ":5000" if host.endswith(":5000") else ""
    assert response.headers["Location"] == f"http://www.acme-shop.example{port}/products?sort=price&page=2"


def test_a_post_is_redirected_with_its_method_kept(client, primary):
    response = client.post("/cart/add", headers={"Host": "acme.orion.localhost"}, csrf=False)
    assert response.status_code == 308 and response.headers["Location"] == "http://www.acme-shop.example/cart/add"


def test_a_path_with_non_ascii_characters_stays_a_valid_url(client, primary):
    response = get(client, "/p/caf%C3%A9", "acme.orion.localhost")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://www.acme-shop.example/p/caf%C3%A9"


def test_the_dev_path_keeps_working_without_redirect(client, primary):
    response = get(client, "/platforms/main/storefront/acme/", "localhost")
    assert response.status_code == 200 and ACME_HOME in response.get_data(as_text=True)


def test_static_files_are_served_on_every_host(client, primary):
    response = get(client, "/static/css/orion.css", "acme.orion.localhost")
    response.close()
    assert response.status_code == 200


def test_other_stores_are_not_affected(client, primary):
    assert get(client, "/", "bistro.loyalty.localhost").status_code == 200


def test_without_a_primary_domain_every_host_serves_the_store(client, demo, primary):
    remove_domain(demo.acme.id, primary.id)
    db.session.commit()
    assert get(client, "/", "acme.orion.localhost").status_code == 200
    assert get(client, "/", "acme-shop.example").status_code == 200
    assert get(client, "/", "www.acme-shop.example").status_code == 404  # removed: no longer served


def test_storefront_links_on_the_primary_domain_stay_on_it(client, primary):
    page = get(client, "/", "www.acme-shop.example").get_data(as_text=True)
    assert 'href="/products"' in page and "acme.orion.localhost" not in page


def test_another_process_sees_a_new_primary_domain_on_its_next_request(app, demo):
    """Two apps sharing the database and the versions folder stand for two web processes."""
    other = create_app({key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "REDIS_URL", "RATELIMIT_STORAGE_URI", "MEDIA_ROOT",
        "SESSION_FILE_DIR", "VERSIONS_DIR")})
    try:
        theirs = other.test_client()
        assert get(theirs, "/", "acme.orion.localhost").status_code == 200  # its directory now caches acme
        assert get(theirs, "/", "www.acme-shop.example").status_code == 404
        record = add_store_domain(demo.acme.id, "www.acme-shop.example", verified=True)
        set_primary_domain(demo.acme.id, record.id)
        db.session.commit()  # this process changes the domains
        response = get(theirs, "/", "acme.orion.localhost")
        assert response.status_code == 308 and response.headers["Location"] == "http://www.acme-shop.example/"
        assert get(theirs, "/", "www.acme-shop.example").status_code == 200
        remove_domain(demo.acme.id, record.id)
        db.session.commit()
        assert get(theirs, "/", "acme.orion.localhost").status_code == 200
        assert get(theirs, "/", "www.acme-shop.example").status_code == 404
    finally:
        with other.app_context():
            db.session.remove()
        close_app(other)
