"""The audit log: one helper records who did what; entries are append-only."""

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from webapp.extensions import db
from webapp.framework.audit import audit, changes
from webapp.modules.core.models import AuditEntry
from webapp.modules.core.services import AuditFilters, audit_entries


def entries(action: str | None = None) -> list[AuditEntry]:
    db.session.expire_all()
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(db.session.scalars(query))


def test_a_suspension_is_recorded_with_actor_tenant_ip_and_request_id(client, demo, login_as):
    login_as(demo.admin)
    client.post("/admin/stores/acme/status", data={"status": "suspended"},
                headers={"X-Request-ID": "req-audit-1"}, environ_base={"REMOTE_ADDR": "203.0.113.9"})

    [entry] = entries("tenancy.store.suspended")
    assert entry.actor_id == demo.admin.id and entry.actor_email == "admin@orion.test"
    assert (entry.store_id, entry.platform_id) == (demo.acme.id, demo.main.id)
    assert (entry.target_type, entry.target_id) == ("store", str(demo.acme.id))
    assert entry.before == {"status": "active"} and entry.after == {"status": "suspended"}
    assert entry.ip == "203.0.113.9"
    assert entry.request_id == "req-audit-1"


def test_a_refused_change_leaves_no_entry(client, demo, login_as):
    login_as(demo.admin)
    assert client.post("/admin/stores/acme/status", data={"status": "deleted"}).status_code == 422
    assert entries() == []


def test_outside_a_request_the_caller_names_everything(app, demo):
    audit("tenancy.cli.test", actor_id=None, store_id=demo.bistro.id, platform_id=demo.loyalty.id,
          target_type="store", target_id=demo.bistro.id, after={"when": demo.bistro.created_at})
    db.session.commit()
    [entry] = entries()
    assert entry.actor_id is None and entry.ip == "" and entry.store_id == demo.bistro.id
    assert isinstance(entry.after["when"], str)  # dates are kept as text: the log never refuses an entry


def test_changes_keeps_only_what_differs():
    assert changes({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == ({"b": 2, "c": None}, {"b": 3, "c": 4})


def test_filters_by_store_platform_actor_action_and_date(app, demo):
    audit("tenancy.store.suspended", actor_id=demo.admin.id, store_id=demo.acme.id, platform_id=demo.main.id)
    audit("tenancy.store.reopened", actor_id=demo.owner.id, store_id=demo.acme.id, platform_id=demo.main.id)
    audit("tenancy.store.suspended", actor_id=demo.admin.id, store_id=demo.bistro.id, platform_id=demo.loyalty.id)
    db.session.commit()

    def actions(**kwargs):
        return [e.action for e in audit_entries(AuditFilters(**kwargs)).items]

    assert len(actions()) == 3
    assert actions(store_id=demo.bistro.id) == ["tenancy.store.suspended"]
    assert actions(platform_ids=(demo.main.id,)) == ["tenancy.store.reopened", "tenancy.store.suspended"]
    assert actions(actor="owner@acme") == ["tenancy.store.reopened"]
    assert len(actions(action="tenancy.store.")) == 3
    assert actions(action="tenancy.store") == []  # exact unless it ends with a dot
    assert actions(actor="%") == []  # wildcards are plain characters
    today = entries()[0].created_at.date()
    assert len(actions(since=today, until=today)) == 3


@pytest.mark.usefixtures("postgres_required")
def test_postgresql_refuses_update_and_delete_for_the_app(app, demo):
    audit("tenancy.store.suspended", actor_id=demo.admin.id, store_id=demo.acme.id, platform_id=demo.main.id)
    db.session.commit()
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(update(AuditEntry).values(action="tampered"))
    db.session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):
        db.session.execute(text("DELETE FROM core_audit_entries"))
    db.session.rollback()
    assert [e.action for e in entries()] == ["tenancy.store.suspended"]
