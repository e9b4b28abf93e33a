"""Audit log pages: the admin's (their platforms only) and the store owner's (their store only)."""

from datetime import UTC, datetime, timedelta

import pytest

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.modules.core.services.audit import PER_PAGE
from webapp.modules.tenancy.services import create_user


@pytest.fixture
def log(demo):
    audit("tenancy.store.suspended", actor_id=demo.admin.id, store_id=demo.acme.id, platform_id=demo.main.id,
          target_type="store", target_id=demo.acme.id, before={"status": "active"}, after={"status": "suspended"})
    audit("tenancy.settings.changed", actor_id=demo.owner.id, store_id=demo.acme.id, platform_id=demo.main.id,
          before={"name": "Acme"}, after={"name": "Acme & Co"})
    audit("tenancy.store.suspended", actor_id=demo.admin.id, store_id=demo.bistro.id, platform_id=demo.loyalty.id,
          target_type="store", target_id=demo.bistro.id, before={"status": "active"},
          after={"status": "suspended", "note": "bistro-secret"})
    db.session.commit()


@pytest.fixture
def loyalty_admin(demo):
    user = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_super_admin_sees_every_entry_with_its_changes(client, demo, log, login_as):
    login_as(demo.admin)
    page = text(client.get("/admin/audit"))
    assert page.count("tenancy.store.suspended</code>") == 2
    assert "<dt>status</dt>" in page and "<del>active</del>" in page and "<ins>suspended</ins>" in page
    assert "<dt>name</dt>" in page and "<ins>Acme &amp; Co</ins>" in page
    assert "owner@acme.test" in page and "bistro-secret" in page
    assert 'href="/admin/audit"' in page  # the menu entry


def test_a_platform_admin_sees_only_their_platforms(client, demo, log, login_as, loyalty_admin):
    login_as(loyalty_admin)
    page = text(client.get("/admin/audit"))
    assert "bistro-secret" in page
    assert "owner@acme.test" not in page and "Acme" not in page
    assert "tenancy.settings.changed" not in page  # not even among the action choices
    # Naming a store of another platform finds nothing and says so.
    response = client.get("/admin/audit?store=acme")
    assert response.status_code == 422 and "No store with this code." in text(response)


def test_filters_by_actor_store_action_and_dates(client, demo, log, login_as):
    login_as(demo.admin)
    page = text(client.get("/admin/audit?actor=owner@acme"))
    assert "tenancy.settings.changed</code>" in page and "tenancy.store.suspended</code>" not in page
    page = text(client.get("/admin/audit?store=bistro"))
    assert "bistro-secret" in page and "owner@acme.test" not in page
    page = text(client.get("/admin/audit?action=tenancy.settings.changed"))
    assert "tenancy.settings.changed</code>" in page and "tenancy.store.suspended</code>" not in page
    page = text(client.get("/admin/audit?action=tenancy."))
    assert page.count("</code></td>") >= 3
    today = datetime.now(UTC).date()
    assert "bistro-secret" in text(client.get(f"/admin/audit?date_from={today}&date_to={today}"))
    tomorrow = today + timedelta(days=1)
    assert "No entries" in text(client.get(f"/admin/audit?date_from={tomorrow}"))


def test_the_action_filter_offers_the_recorded_actions_by_module(client, demo, log, login_as):
    login_as(demo.admin)
    page = text(client.get("/admin/audit"))
    assert '<option value="tenancy.">' in page
    assert '<option value="tenancy.settings.changed">' in page


@pytest.mark.parametrize("query, message", [
    ("date_from=2026-13-45", "Not a valid date value"),
    ("date_from=2026-05-02&date_to=2026-05-01", "The end date must not be before the start date."),
    ("action=tenancy.unknown.thing", "Not a valid choice"),
])
def test_bad_filters_answer_422_with_the_field_error_and_keep_the_input(client, demo, log, login_as, query, message):
    login_as(demo.admin)
    response = client.get(f"/admin/audit?{query}")
    assert response.status_code == 422
    assert message in text(response)
    assert "bistro-secret" not in text(response)


def test_htmx_gets_the_table_only(client, demo, log, login_as, htmx_headers):
    login_as(demo.admin)
    response = client.get("/admin/audit?actor=owner", headers=htmx_headers)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="audit-table">') and "<html" not in body
    response = client.get("/admin/audit?date_from=bad", headers=htmx_headers)
    assert response.status_code == 422 and "From: Not a valid date value" in text(response)


def test_pages_of_fifty(client, demo, login_as):
    for number in range(PER_PAGE + 3):
        audit("tenancy.test.paged", actor_id=demo.admin.id, platform_id=demo.main.id, target_id=f"t-{number}")
    db.session.commit()
    login_as(demo.admin)
    first = text(client.get("/admin/audit?action=tenancy.test.paged"))
    assert first.count("tenancy.test.paged</code>") == PER_PAGE
    assert "page=2" in first and "action=tenancy.test.paged" in first
    second = text(client.get("/admin/audit?action=tenancy.test.paged&page=2"))
    assert second.count("tenancy.test.paged</code>") == 3


def test_staff_and_translators_cannot_open_the_admin_log(client, demo, log, login_as):
    login_as(demo.translator)
    assert client.get("/admin/audit").status_code == 403
    login_as(demo.owner)
    assert client.get("/admin/audit").status_code == 403


def test_the_store_owner_sees_their_store_only(client, demo, log, login_as):
    login_as(demo.owner)
    response = client.get("/store/acme/audit")
    page = text(response)
    assert response.status_code == 200
    assert "tenancy.settings.changed</code>" in page and "tenancy.store.suspended</code>" in page
    assert "bistro-secret" not in page
    assert 'href="/store/acme/audit"' in page
    # A filter naming another store is not offered and not obeyed.
    assert "bistro-secret" not in text(client.get("/store/acme/audit?store=bistro"))
    assert client.get("/store/bistro/audit").status_code == 404


def test_store_staff_and_other_owners_are_refused(client, demo, log, login_as):
    login_as(demo.staff)
    assert client.get("/store/acme/audit").status_code == 403
    login_as(demo.bistro_owner)
    assert client.get("/store/acme/audit").status_code == 404
    page = text(client.get("/store/bistro/audit"))
    assert "bistro-secret" in page and "owner@acme.test" not in page


def test_the_store_log_validates_its_dates(client, demo, log, login_as):
    login_as(demo.owner)
    response = client.get("/store/acme/audit?date_to=31/02/2026")
    assert response.status_code == 422 and "Not a valid date value" in text(response)
    assert 'value="31/02/2026"' in text(response)


def test_the_detail_page_slots_show_the_latest_entries_of_their_target(app, demo, log):
    from webapp.framework.providers import render_slot

    with app.test_request_context("/admin/"):
        store = str(render_slot("admin.store.detail", store_id=demo.acme.id))
        platform = str(render_slot("admin.platform.detail", platform_id=demo.loyalty.id))
        merchant = str(render_slot("admin.merchant.detail", merchant_id=demo.acme.merchant_id))
    assert "tenancy.settings.changed" in store and "bistro-secret" not in store
    assert "bistro-secret" in platform and "tenancy.settings.changed" not in platform
    assert "Nothing recorded yet." in merchant


def test_the_store_slot_keeps_to_ten_entries(app, demo):
    from webapp.framework.providers import render_slot

    for number in range(12):
        audit("tenancy.test.many", store_id=demo.acme.id, platform_id=demo.main.id, actor_id=None,
              target_id=f"n{number}")
    db.session.commit()
    with app.test_request_context("/admin/"):
        html = str(render_slot("admin.store.detail", store_id=demo.acme.id))
    assert html.count("tenancy.test.many") == 10
