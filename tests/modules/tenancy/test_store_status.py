"""Admins suspend and reopen stores; a suspended storefront shows the closed page."""

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import create_user

STOREFRONT = "/platforms/main/storefront/acme/"


def status_of(code: str) -> str:
    db.session.expire_all()
    return db.session.scalar(select(Store.status).where(Store.code == code))


def test_admin_suspends_and_reopens_a_store(client, demo, login_as):
    login_as(demo.admin)
    assert "Suspend" in client.get("/admin/stores").get_data(as_text=True)

    response = client.post("/admin/stores/acme/status", data={"status": "suspended"})
    assert response.status_code == 303
    assert status_of("acme") == "suspended"
    assert client.get(STOREFRONT).status_code == 503  # the cache followed the commit

    client.post("/admin/stores/acme/status", data={"status": "active"})
    assert status_of("acme") == "active"
    assert client.get(STOREFRONT).status_code == 200


def test_unknown_status_is_refused(client, demo, login_as):
    login_as(demo.admin)
    assert client.post("/admin/stores/acme/status", data={"status": "deleted"}).status_code == 422
    assert status_of("acme") == "active"


def test_platform_admin_cannot_touch_another_platforms_store(client, demo, login_as):
    other = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                        platform_id=demo.loyalty.id)
    db.session.commit()
    login_as(other)
    assert client.post("/admin/stores/acme/status", data={"status": "suspended"}).status_code == 404
    assert client.post("/admin/stores/bistro/status", data={"status": "suspended"}).status_code == 303
    assert status_of("acme") == "active" and status_of("bistro") == "suspended"


def test_store_owner_cannot_suspend(client, demo, login_as):
    login_as(demo.owner)
    assert client.post("/admin/stores/acme/status", data={"status": "suspended"}).status_code == 403
    assert status_of("acme") == "active"


def test_without_csrf_nothing_changes(client, demo, login_as):
    login_as(demo.admin)
    response = client.post("/admin/stores/acme/status", data={"status": "suspended"}, csrf=False)
    assert response.status_code == 400
    assert status_of("acme") == "active"


def storefront_urls(app) -> list[tuple[str, str]]:
    """(method, path) for every storefront route of every module, on acme's development path."""
    registry = app.extensions["orion.modules"]
    dummies = {"IntegerConverter": 1}  # any other converter takes a word
    found = []
    for rule in app.url_map.iter_rules():
        if registry.frontend_of(rule.endpoint.rpartition(".")[0]) != "storefront":
            continue
        values = {name: dummies.get(type(conv).__name__, "x") for name, conv in rule._converters.items()}
        values.update(platform_code="main", store_code="acme")
        _domain, path = rule.build(values, append_unknown=False)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((method, path))
    return found


def test_every_storefront_route_of_a_suspended_store_answers_the_closed_page(app, client, demo, htmx_headers):
    demo.acme.status = "suspended"
    db.session.commit()
    urls = storefront_urls(app)
    assert len({path for _method, path in urls}) > 20  # catalog, cart, checkout, customers, orders, core
    assert any("/account/orders" in path for _method, path in urls)  # the orders pages are among them
    wrong = []
    for method, path in urls:
        for headers in ({}, htmx_headers):
            response = client.open(path, method=method, headers=headers)
            page = response.get_data(as_text=True)
            if response.status_code != 503 or "closed for the moment" not in page:
                wrong.append(f"{method} {path} {headers}: {response.status_code}")
    assert wrong == []
    # The same on the store's own host.
    response = client.get("/p/x", headers={"Host": "acme.orion.localhost"})
    assert response.status_code == 503 and "closed for the moment" in response.get_data(as_text=True)
