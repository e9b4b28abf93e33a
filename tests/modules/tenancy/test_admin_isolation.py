"""Every admin route: a store owner gets 403 everywhere; a platform admin of `loyalty` reaches nothing of `main`."""

from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import loyalty_admin
from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant, Store, User
from webapp.modules.tenancy.services import create_user


def admin_rules(app, module: str | None = None):
    registry = app.extensions["orion.modules"]
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.rpartition(".")[0]
        if registry.frontend_of(blueprint) != "admin" or (module and registry.module_of(blueprint) != module):
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield method, rule


def build(rule, values: dict) -> str:
    return rule.build({name: values.get(name, 1) for name in rule.arguments}, append_unknown=False)[1]


def snapshot():
    db.session.expire_all()
    return (sorted((s.code, s.name, s.status, s.subdomain) for s in db.session.scalars(select(Store))),
            sorted((m.legal_name, m.vat_number or "") for m in db.session.scalars(select(Merchant))),
            sorted((u.email, u.platform_role or "", u.active) for u in db.session.scalars(select(User))))


def test_a_store_owner_reaches_no_admin_route(app, client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    before = snapshot()
    values = {"code": "acme", "merchant_id": demo.acme.merchant_id, "user_id": demo.owner.id}
    rules = list(admin_rules(app))
    assert len(rules) > 25
    for method, rule in rules:
        path = build(rule, values)
        for headers in ({}, htmx_headers):
            response = client.open(path, method=method, headers=headers, data={"status": "suspended"})
            assert response.status_code == 403, (method, path)
    assert snapshot() == before


def test_a_loyalty_admin_reaches_nothing_of_main(app, client, demo, login_as):
    main_admin = create_user("mainadmin@orion.test", "orion-demo", platform_role="platform_admin",
                             platform_id=demo.main.id)
    db.session.commit()
    acme_merchant = demo.acme.merchant_id
    login_as(loyalty_admin(demo))
    before = snapshot()
    values = {"code": None, "merchant_id": acme_merchant, "user_id": main_admin.id}
    checked = 0
    for method, rule in admin_rules(app, "tenancy"):
        if not set(rule.arguments) & {"code", "merchant_id", "user_id"}:
            continue
        # `code` names a platform under /platforms, a store under /stores.
        code = "main" if rule.rule.startswith("/admin/platforms") else "acme"
        path = build(rule, {**values, "code": code})
        response = client.open(path, method=method, data={"status": "suspended", "name": "Taken", "role": "translator",
                                                          "active": "0", "module": "loyalty", "enable": "0"})
        assert response.status_code == 404, (method, path)
        checked += 1
    assert checked >= 18
    assert snapshot() == before
    # Lists and counts show nothing of main either.
    for path in ("/admin/stores", "/admin/merchants", "/admin/users", "/admin/platforms",
                 "/admin/stores?platform=main", "/admin/users?platform=main"):
        body = client.get(path).get_data(as_text=True)
        assert "Acme" not in body and "mainadmin@orion.test" not in body and "/admin/platforms/main" not in body, path


def test_the_admin_dashboard_counts_only_the_platform_admins_platforms(client, demo, login_as):
    from webapp.modules.tenancy.services import admin_counts, create_store

    create_store(demo.main.id, demo.acme.merchant_id, "acme-new", "Acme New", status="pending")
    db.session.commit()
    everything = admin_counts(None)
    assert (everything.platforms, everything.stores, everything.pending, everything.merchants) == (2, 3, 1, 2)
    loyalty = admin_counts([demo.loyalty.id])
    assert (loyalty.platforms, loyalty.stores, loyalty.pending, loyalty.merchants, loyalty.staff) == (1, 1, 0, 1, 0)

    login_as(loyalty_admin(demo))
    body = client.get("/admin/").get_data(as_text=True)
    assert "Awaiting approval" in body and "/admin/stores?status=pending" in body
