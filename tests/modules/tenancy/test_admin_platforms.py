"""Admins create (super admins only), edit and open platforms; every change is audited."""

from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin
from webapp.extensions import db
from webapp.modules.tenancy.models import Platform

NEW = {"code": "market", "name": "Market", "domain": "market.example", "default_language": "en",
       "languages": ["en", "fr"], "primary": "#1D4ED8", "accent": "", "signup_policy": "approval",
       "require_two_factor": "y"}


def platform(code: str) -> Platform | None:
    db.session.expire_all()
    return db.session.scalar(select(Platform).where(Platform.code == code))


def test_super_admin_creates_a_platform(client, demo, login_as):
    login_as(demo.admin)
    assert "New platform" in client.get("/admin/platforms").get_data(as_text=True)
    assert client.get("/admin/platforms/new").status_code == 200

    response = client.post("/admin/platforms", data=NEW)

    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/platforms/market")
    created = platform("market")
    assert (created.name, created.domain, created.languages, created.signup_policy) == (
        "Market", "market.example", ["en", "fr"], "approval")
    assert created.require_two_factor is True and created.theme == {"primary": "#1d4ed8"}
    [entry] = audit_entries("tenancy.platform.created")
    assert entry.target_id == str(created.id) and entry.after["domain"] == "market.example"
    # The tenant directory serves the new domain at once.
    assert client.get("/", headers={"Host": "market.example"}).status_code != 404


def test_platform_admin_may_not_create_platforms(client, demo, login_as):
    login_as(loyalty_admin(demo))
    assert "New platform" not in client.get("/admin/platforms").get_data(as_text=True)
    assert client.get("/admin/platforms/new").status_code == 403
    assert client.post("/admin/platforms", data=NEW).status_code == 403
    assert platform("market") is None


def test_invalid_platforms_are_refused_with_field_errors(client, demo, login_as):
    login_as(demo.admin)
    cases = [({"code": "main"}, "already taken"), ({"domain": "orion.localhost"}, "already taken"),
             ({"domain": "not a domain"}, "host name"), ({"primary": "blue"}, "hex colour"),
             ({"primary": "#ffff00"}, "hard to read"), ({"languages": ["en", "xx"]}, "not a valid choice"),
             ({"default_language": "de"}, "Choose from the list"), ({"code": "Bad Code"}, "lowercase")]
    for change, message in cases:
        response = client.post("/admin/platforms", data={**NEW, **change})
        body = response.get_data(as_text=True)
        assert response.status_code == 422, change
        assert message in body, change
        assert 'value="Market"' in body  # the input is kept
    assert platform("market") is None


def test_admin_edits_a_platform_and_the_code_stays(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/admin/platforms/loyalty/edit").status_code == 200
    data = {**NEW, "code": "changed", "name": "Loyalty Club", "domain": "club.example", "languages": ["en", "de"]}
    data.pop("require_two_factor")

    assert client.post("/admin/platforms/loyalty/edit", data=data).status_code == 303

    changed = platform("loyalty")
    assert (changed.code, changed.name, changed.domain, changed.languages) == (
        "loyalty", "Loyalty Club", "club.example", ["en", "de"])
    [entry] = audit_entries("tenancy.platform.updated")
    assert entry.before["domain"] == "loyalty.localhost" and entry.after["domain"] == "club.example"
    assert entry.before["name"] != "Loyalty Club" and entry.after["name"] == "Loyalty Club"
    # Routing follows the new domain after the commit; the old one is gone.
    assert client.get("/", headers={"Host": "loyalty.localhost"}).status_code == 404
    assert client.get("/", headers={"Host": "club.example"}).status_code == 200


def test_platform_detail_shows_counts(client, demo, login_as):
    login_as(demo.admin)
    body = client.get("/admin/platforms/main").get_data(as_text=True)
    assert demo.main.name in body
    assert "Awaiting approval" in body and "Modules" in body
    assert client.get("/admin/platforms/nowhere").status_code == 404


def test_platform_admin_sees_and_edits_only_their_platforms(client, demo, login_as):
    login_as(loyalty_admin(demo))
    listing = client.get("/admin/platforms").get_data(as_text=True)
    assert "/admin/platforms/loyalty" in listing and "/admin/platforms/main" not in listing
    for path in ("/admin/platforms/main", "/admin/platforms/main/edit", "/admin/platforms/main/modules"):
        assert client.get(path).status_code == 404, path
    assert client.post("/admin/platforms/main/edit", data={**NEW, "name": "Taken"}).status_code == 404
    assert platform("main").name != "Taken"
    assert client.get("/admin/platforms/loyalty").status_code == 200
