"""The admin's lists, dashboard and audit logs, and the store's team page, run the same number of
queries for a few rows as for a full page: nothing is loaded row by row."""

import pytest

from webapp.extensions import db
from webapp.framework.audit import AuditRecord
from webapp.modules.core.services.audit import record_entry
from webapp.modules.tenancy.services import add_member, create_merchant, create_store, create_user

PAGES = ["/admin/", "/admin/stores", "/admin/merchants", "/admin/users", "/admin/platforms", "/admin/audit",
         "/admin/stores/acme", "/admin/search?q=shop"]


def grow(demo, start: int, count: int) -> None:
    """`count` more merchants with a store, staff users on the platform, team members and audit entries."""
    for number in range(start, start + count):
        merchant = create_merchant(f"Shop {number} SARL", city="Luxembourg")
        store = create_store(demo.main.id, merchant.id, f"shop{number:03d}", f"Shop {number}")
        create_user(f"padmin{number}@main.test", "orion-demo", platform_role="platform_admin",
                    platform_id=demo.main.id)
        member = create_user(f"member{number}@acme.test", "orion-demo")
        db.session.flush()
        add_member(demo.acme.id, member.id, "staff")
        add_member(store.id, member.id, "manager")
        for target in (demo.acme.id, store.id):
            record_entry(AuditRecord("tenancy.store.updated", actor_id=demo.admin.id, platform_id=demo.main.id,
                                     store_id=target, target_type="store", target_id=str(target),
                                     before={"name": "Old"}, after={"name": "New"}))
    db.session.commit()


@pytest.fixture
def counted(client, demo, login_as, count_queries):
    def run(paths, user):
        login_as(user)
        for path in paths:
            assert client.get(path).status_code == 200, path  # warm the tenant and menu caches
        counts = {}
        for path in paths:
            with count_queries() as statements:
                client.get(path)
            counts[path] = len(statements)
        return counts

    return run


def test_admin_pages_do_not_grow_with_their_rows(client, demo, counted):
    grow(demo, 1, 2)
    few = counted(PAGES, demo.admin)
    grow(demo, 3, 30)
    assert counted(PAGES, demo.admin) == few
    shown = {path: client.get(path).get_data(as_text=True) for path in ("/admin/stores", "/admin/merchants",
                                                                       "/admin/users", "/admin/audit")}
    for path in shown:  # a full page of rows was counted
        assert shown[path].count("<tr") > 20, path
    assert "34 stores" in shown["/admin/stores"] and "34 merchants" in shown["/admin/merchants"]


def test_store_team_and_audit_pages_do_not_grow_with_their_rows(client, demo, counted):
    pages = ["/store/acme/team", "/store/acme/audit", "/store/acme/team/roles"]
    grow(demo, 1, 2)
    few = counted(pages, demo.owner)
    grow(demo, 3, 30)
    assert counted(pages, demo.owner) == few
    assert client.get("/store/acme/team").get_data(as_text=True).count("@acme.test") > 30
