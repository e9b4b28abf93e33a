"""The support view: platform staff open a store's dashboard read-only, audited, for a limited time.

Every test here tries to get around it: writes during the visit, another store, an expired visit,
an admin of another platform, no visit at all.
"""

import re
import time
from html.parser import HTMLParser

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.auth.support import SESSION_KEY
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import create_user


def entries(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


@pytest.fixture
def main_admin(demo):
    user = create_user("padmin@main.test", "orion-demo", platform_role="platform_admin", platform_id=demo.main.id)
    db.session.commit()
    return user


@pytest.fixture
def loyalty_admin(demo):
    user = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


def open_support(client, code="acme", **data):
    return client.post(f"/admin/support/{code}", data=data)


def test_staff_off_the_team_do_not_reach_a_store_dashboard_without_a_support_view(client, demo, main_admin,
                                                                                  login_as):
    login_as(demo.admin)  # super admins too: every visit goes through the audited support view
    assert client.get("/store/acme/").status_code == 404
    login_as(main_admin)
    assert client.get("/store/acme/").status_code == 404
    assert client.get("/store/acme/orders/").status_code == 404


def test_opening_records_an_entry_and_shows_the_banner(client, demo, main_admin, login_as):
    login_as(main_admin)
    response = open_support(client, reason="Ticket 4711: checkout question")
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/store/acme/")

    [entry] = entries("core.support_view.opened")
    assert entry.actor_id == main_admin.id and entry.store_id == demo.acme.id
    assert entry.platform_id == demo.main.id
    assert (entry.target_type, entry.target_id) == ("store", str(demo.acme.id))
    assert entry.details["reason"] == "Ticket 4711: checkout question"

    page = client.get("/store/acme/").get_data(as_text=True)
    assert "Support view of Acme — read only" in page
    assert 'action="/admin/support/exit"' in page
    # Every page of the store opens, read only: menus are those of the store.
    assert client.get("/store/acme/orders/").status_code == 200
    assert client.get("/store/acme/customers/").status_code == 200
    assert client.head("/store/acme/").status_code == 200


def legal_name() -> str:
    db.session.expire_all()
    return db.session.scalar(select(Store).where(Store.code == "acme")).merchant.legal_name


@pytest.mark.parametrize("path", ["/store/acme/business", "/store/acme/payments/settings",
                                  "/store/acme/catalog/products/new", "/store/acme/orders/1/notes"])
def test_every_write_is_refused(client, demo, main_admin, login_as, path):
    login_as(main_admin)
    open_support(client)
    before = legal_name()
    response = client.post(path, data={"legal_name": "Hijacked", "country": "LU", "text": "x"})
    assert response.status_code == 403
    assert "read-only support view" in response.get_data(as_text=True)
    assert legal_name() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_unsafe_methods_are_refused(client, demo, main_admin, login_as, method):
    login_as(main_admin)
    open_support(client)
    before = legal_name()
    response = getattr(client, method)("/store/acme/business", data={"legal_name": "Hijacked"})
    assert response.status_code in (403, 405)
    assert legal_name() == before


def test_htmx_writes_get_the_refusal_as_a_fragment(client, demo, main_admin, login_as, htmx_headers):
    login_as(main_admin)
    open_support(client)
    response = client.post("/store/acme/orders/1/notes", data={"text": "x"}, headers=htmx_headers)
    assert response.status_code == 403
    body = response.get_data(as_text=True)
    assert "read-only support view" in body and "<html" not in body


def test_a_support_view_opens_one_store_only(client, demo, login_as):
    login_as(demo.admin)
    open_support(client, "acme")
    assert client.get("/store/acme/").status_code == 200
    response = client.get("/store/bistro/")
    assert response.status_code == 404 and "Bistro" not in response.get_data(as_text=True)


def test_an_expired_support_view_opens_nothing(client, demo, main_admin, login_as):
    login_as(main_admin)
    open_support(client)
    with client.session_transaction() as session:
        session[SESSION_KEY] = dict(session[SESSION_KEY], expires_at=time.time() - 1)
    assert client.get("/store/acme/").status_code == 404


def test_a_forged_session_for_another_user_opens_nothing(client, demo, main_admin, login_as):
    login_as(main_admin)
    open_support(client)
    with client.session_transaction() as session:
        session[SESSION_KEY] = dict(session[SESSION_KEY], user_id=demo.admin.id)
    assert client.get("/store/acme/").status_code == 404


def test_a_platform_admin_of_another_platform_cannot_open_it(client, demo, loyalty_admin, login_as):
    login_as(loyalty_admin)
    assert open_support(client, "acme").status_code == 404
    assert entries("core.support_view.opened") == []
    # Nor by planting the visit in the session: the guard checks the platform again.
    with client.session_transaction() as session:
        session[SESSION_KEY] = {"store_id": demo.acme.id, "store_code": "acme", "store_name": "Acme",
                                "user_id": loyalty_admin.id, "expires_at": time.time() + 600}
    assert client.get("/store/acme/").status_code == 404
    assert open_support(client, "bistro").status_code == 303
    assert client.get("/store/bistro/").status_code == 200


def test_store_team_and_translators_cannot_open_a_support_view(client, demo, login_as):
    login_as(demo.owner)
    assert open_support(client, "bistro").status_code == 403
    login_as(demo.translator)
    assert open_support(client, "acme").status_code == 403
    assert entries("core.support_view.opened") == []


def test_opening_needs_the_csrf_token(client, demo, main_admin, login_as):
    login_as(main_admin)
    assert client.post("/admin/support/acme", csrf=False).status_code == 400
    assert entries("core.support_view.opened") == []


def test_exit_ends_the_visit_and_is_recorded(client, demo, main_admin, login_as):
    login_as(main_admin)
    open_support(client)
    response = client.post("/admin/support/exit")
    assert response.status_code == 303
    [entry] = entries("core.support_view.closed")
    assert entry.store_id == demo.acme.id and entry.actor_id == main_admin.id
    assert client.get("/store/acme/").status_code == 404


def test_store_members_keep_their_rights(client, demo, login_as):
    login_as(demo.owner)
    page = client.get("/store/acme/").get_data(as_text=True)
    assert "Support view of" not in page


def test_the_stores_list_offers_the_support_view(client, demo, main_admin, login_as):
    login_as(main_admin)
    page = client.get("/admin/stores").get_data(as_text=True)
    assert 'action="/admin/support/acme"' in page
    assert 'action="/admin/support/bistro"' not in page  # another platform's store is not even listed


def test_the_start_page_asks_for_a_reason_and_refuses_an_overlong_one(client, demo, main_admin, login_as):
    login_as(main_admin)
    page = client.get("/admin/support/acme").get_data(as_text=True)
    assert "Support view of Acme" in page and 'name="reason"' in page
    response = open_support(client, reason="x" * 300)
    assert response.status_code == 422
    assert "Field cannot be longer than 200 characters." in response.get_data(as_text=True)
    assert entries("core.support_view.opened") == []
    assert client.get("/store/acme/").status_code == 404  # nothing half-started
    assert client.get("/admin/support/bistro").status_code == 404  # another platform's store


class WriteControls(HTMLParser):
    """The enabled controls of a page that would send a write: submit buttons of POST forms (other
    than `allowed` actions) and elements that post through htmx on their own."""

    def __init__(self, allowed):
        super().__init__()
        self.allowed, self.form, self.found = allowed, None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        posting = next((attrs[a] for a in attrs if re.fullmatch(r"(data-)?hx-(post|put|patch|delete)", a)), None)
        if tag == "form":
            writes = (attrs.get("method") or "get").lower() == "post" and attrs.get("action") not in self.allowed
            self.form = attrs.get("action") if writes else None
            if writes and "trigger" in " ".join(attrs):
                self.found.append(f"form posting on its own: {self.form}")
            return
        if posting and tag != "form":
            self.found.append(f"<{tag}> posting to {posting}")
        submits = (tag == "button" and attrs.get("type", "submit") == "submit") or (
            tag == "input" and attrs.get("type") == "submit")
        if self.form and submits and "disabled" not in attrs:
            self.found.append(f"submit button of {self.form}")

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None


# The visitor sees every page with its data, and no control that would change the store is enabled.
ALLOWED_ACTIONS = {"/admin/support/exit", "/i18n/language", "/auth/logout"}
# The visitor's own account pages, and the owner-only transfer page (403 for anyone else).
NOT_THE_STORES = {"account", "two-factor", "transfer ownership"}


def test_the_visitor_is_offered_no_control_that_would_change_the_store(client, main_pages, main_admin, login_as):
    login_as(main_admin)
    open_support(client)
    offered = {}
    for name, path in main_pages["store"].pages:
        if name in NOT_THE_STORES:
            continue
        response = client.get(path)
        assert response.status_code == 200, name
        parser = WriteControls(ALLOWED_ACTIONS)
        parser.feed(response.get_data(as_text=True))
        if parser.found:
            offered[name] = parser.found
    assert offered == {}, "\n".join(f"{k}: {v}" for k, v in offered.items())
