"""Admins create stores for merchants, edit, approve, suspend and reopen them; lists filter."""

from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin
from webapp.extensions import db
from webapp.modules.tenancy import services
from webapp.modules.tenancy.models import Merchant, Store
from webapp.modules.tenancy.services import create_store, store_code_problem, suggest_store_code

NEW = {"name": "Acme Outlet", "code": "acme-outlet", "subdomain": "outlet", "default_language": "en",
       "languages": ["en", "fr"], "currency": "EUR"}
EDIT = {"name": "Acme Shop", "subdomain": "acmeshop", "default_language": "fr", "languages": ["en", "fr"],
        "currency": "CHF"}


def store(code: str) -> Store | None:
    db.session.expire_all()
    return db.session.scalar(select(Store).where(Store.code == code))


def acme_merchant_id() -> int:
    return db.session.scalar(select(Merchant.id).where(Merchant.legal_name == "Acme Trading"))


def pending_store(demo) -> Store:
    created = create_store(demo.main.id, acme_merchant_id(), "acme-new", "Acme New", status="pending")
    db.session.commit()
    return created


def test_code_rules():
    assert store_code_problem("admin") == "reserved" and store_code_problem("www") == "reserved"
    assert store_code_problem("ab") == "length" and store_code_problem("a" * 41) == "length"
    assert store_code_problem("Acme Shop") == "characters" and store_code_problem("-acme") == "characters"
    assert store_code_problem("ac--me") == "characters" and store_code_problem("acme-shop") is None


def test_taken_codes_and_suggestions(demo):
    assert store_code_problem("acme") == "taken" and store_code_problem("ACME") == "taken"
    assert suggest_store_code("acme") == "acme-2"


def test_admin_creates_a_store_for_a_merchant(client, demo, login_as):
    login_as(demo.admin)
    merchant_id = acme_merchant_id()
    assert client.get(f"/admin/merchants/{merchant_id}/stores/new").status_code == 200
    response = client.post(f"/admin/merchants/{merchant_id}/stores", data={**NEW, "platform": "main"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/stores/acme-outlet")
    created = store("acme-outlet")
    assert (created.merchant_id, created.subdomain, created.languages, created.currency) == (
        merchant_id, "outlet", ["en", "fr"], "EUR")
    assert [(m.user.email, m.role) for m in services.store_team(created.id)] == [("owner@acme.test", "owner")]
    [entry] = audit_entries("tenancy.store.created")
    assert entry.store_id == created.id and entry.after["code"] == "acme-outlet"


def test_invalid_stores_are_refused(client, demo, login_as):
    login_as(demo.admin)
    url = f"/admin/merchants/{acme_merchant_id()}/stores"
    cases = [({"code": "acme"}, "already taken"), ({"code": "static"}, "reserved"),
             ({"subdomain": "acme"}, "already taken"), ({"code": "no_way"}, "lowercase letters"),
             ({"languages": ["en", "xx"]}, "not a valid choice"), ({"currency": "XXXX"}, "not a valid choice"),
             ({"default_language": "de", "languages": ["en"]}, "Choose from the list")]
    for change, message in cases:
        response = client.post(url, data={**NEW, "platform": "main", **change})
        assert response.status_code == 422, change
        assert message.lower() in response.get_data(as_text=True).lower(), change
    assert store("acme-outlet") is None


def test_admin_edits_a_store(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/admin/stores/acme/edit").status_code == 200
    assert client.post("/admin/stores/acme/edit", data=EDIT).status_code == 303
    changed = store("acme")
    assert (changed.name, changed.subdomain, changed.default_language, changed.currency) == (
        "Acme Shop", "acmeshop", "fr", "CHF")
    [entry] = audit_entries("tenancy.store.updated")
    assert entry.before["subdomain"] == "acme" and entry.after["subdomain"] == "acmeshop"
    # The directory follows: the new subdomain serves the storefront.
    assert client.get("/", headers={"Host": "acmeshop.orion.localhost"}).status_code == 200

    bad = client.post("/admin/stores/acme/edit", data={**EDIT, "subdomain": "www"})
    assert bad.status_code == 422 and "reserved" in bad.get_data(as_text=True)
    assert store("acme").subdomain == "acmeshop"


def test_admin_approves_a_pending_store(client, demo, login_as):
    pending_store(demo)
    login_as(demo.admin)
    listing = client.get("/admin/stores?status=pending").get_data(as_text=True)
    assert "Acme New" in listing and ">Acme</a>" not in listing and "Approve" in listing
    # A pending store is not reopened through the status switch: it is approved.
    assert client.post("/admin/stores/acme-new/status", data={"status": "active"}).status_code == 422

    response = client.post("/admin/stores/acme-new/approve", data={"back": "detail"})

    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/stores/acme-new")
    assert store("acme-new").status == "active"
    [entry] = audit_entries("tenancy.store.approved")
    assert entry.before == {"status": "pending"} and entry.after == {"status": "active"}
    assert client.post("/admin/stores/acme-new/approve").status_code == 422  # approved once only


def test_store_detail(client, demo, login_as):
    login_as(demo.admin)
    body = client.get("/admin/stores/acme").get_data(as_text=True)
    assert "acme.orion.localhost" in body and "owner@acme.test" in body and "Catalog" in body
    # Off the store's team, the dashboard opens through the (audited, read-only) support view.
    assert "/admin/support/acme" in body and "/platforms/main/storefront/acme/" in body
    assert client.get("/admin/stores/nowhere").status_code == 404


def test_store_list_filters_by_platform_and_status(client, demo, login_as):
    login_as(demo.admin)
    by_platform = client.get("/admin/stores?platform=loyalty").get_data(as_text=True)
    assert "Bistro Luxembourg" in by_platform and "/admin/stores/acme\"" not in by_platform
    suspended = client.get("/admin/stores?status=suspended").get_data(as_text=True)
    assert "No stores found" in suspended
    junk = client.get("/admin/stores?status=%00&platform=x&page=-1")
    assert junk.status_code == 200 and "/admin/stores/acme" in junk.get_data(as_text=True)


def test_platform_admin_of_loyalty_reaches_no_store_of_main(client, demo, login_as):
    pending_store(demo)
    login_as(loyalty_admin(demo))
    listing = client.get("/admin/stores").get_data(as_text=True)
    assert "/admin/stores/bistro" in listing and "/admin/stores/acme" not in listing
    assert "/admin/stores/acme" not in client.get("/admin/stores?platform=main").get_data(as_text=True)
    for path in ("/admin/stores/acme", "/admin/stores/acme/edit"):
        assert client.get(path).status_code == 404, path
    for path, data in (("/admin/stores/acme/edit", EDIT), ("/admin/stores/acme-new/approve", {}),
                       ("/admin/stores/acme/status", {"status": "suspended"})):
        assert client.post(path, data=data).status_code == 404, path
    assert store("acme").name == "Acme" and store("acme-new").status == "pending"
    assert store("acme").status == "active"
    assert client.get("/admin/stores/bistro").status_code == 200


def test_store_owner_gets_403_on_admin_store_pages(client, demo, login_as):
    login_as(demo.owner)
    for path in ("/admin/stores", "/admin/stores/acme", "/admin/stores/acme/edit"):
        assert client.get(path).status_code == 403, path
    assert client.post("/admin/stores/acme/edit", data=EDIT).status_code == 403
    assert store("acme").name == "Acme"
