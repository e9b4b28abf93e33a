"""Teams are per store: acme's people reach nothing of bistro's members, invitations or roles."""

from __future__ import annotations

import pytest

from tests.modules.tenancy.team_helpers import fresh, make_role, membership
from webapp.extensions import db
from webapp.modules.tenancy.models import Invitation, StoreMembership, StoreRole, utcnow
from webapp.modules.tenancy.services import create_user


@pytest.fixture
def bistro_things(demo):
    role = make_role(demo.bistro, "Bistro role", ["orders.view"])
    guest = create_user("waiter@bistro.test", "orion-demo")
    db.session.commit()
    row = StoreMembership(store_id=demo.bistro.id, user_id=guest.id, role="staff")
    invitation = Invitation(store_id=demo.bistro.id, email="cook@bistro.test", role="staff", token_hash="0" * 64,
                            expires_at=utcnow(), invited_by_id=demo.bistro_owner.id)
    db.session.add_all([row, invitation])
    db.session.commit()
    return {"role": role.id, "member": row.id, "invitation": invitation.id}


def foreign_requests(ids) -> list[tuple[str, str, dict]]:
    base = "/store/acme/team"
    return [
        ("POST", f"{base}/members/{ids['member']}/role", {"role": "manager"}),
        ("POST", f"{base}/members/{ids['member']}/remove", {}),
        ("POST", f"{base}/invitations/{ids['invitation']}/resend", {}),
        ("POST", f"{base}/invitations/{ids['invitation']}/revoke", {}),
        ("GET", f"{base}/roles/{ids['role']}", {}),
        ("POST", f"{base}/roles/{ids['role']}", {"name": "Mine", "permissions": ["orders.view"]}),
        ("POST", f"{base}/roles/{ids['role']}/delete", {}),
        ("POST", f"{base}/ownership", {"member": ids["member"], "confirm": "y"}),
    ]


def state(demo):
    db.session.expire_all()
    return ([(m.user_id, m.role) for m in fresh(StoreMembership, store_id=demo.bistro.id)],
            [(i.id, i.revoked_at, i.token_hash) for i in fresh(Invitation, store_id=demo.bistro.id)],
            [(r.name, r.permissions) for r in fresh(StoreRole, store_id=demo.bistro.id)])


def test_acmes_owner_gets_404_for_bistros_ids(client, demo, login_as, bistro_things, htmx_headers):
    before = state(demo)
    login_as(demo.owner)
    for headers in ({}, htmx_headers):
        for method, path, data in foreign_requests(bistro_things):
            response = client.open(path, method=method, data=data, headers=headers)
            expected = 422 if path.endswith("/ownership") else 404  # not among acme's members to choose
            assert response.status_code == expected, (method, path, response.status_code)
    assert state(demo) == before


def test_acmes_owner_cannot_open_bistros_team(client, demo, login_as, bistro_things):
    login_as(demo.owner)
    for path in ("/store/bistro/team", "/store/bistro/team/roles", "/store/bistro/team/roles/new"):
        assert client.get(path).status_code == 404
    response = client.post("/store/bistro/team/invitations", data={"email": "x@example.com", "role": "staff"})
    assert response.status_code == 404
    assert client.post(f"/store/bistro/team/members/{bistro_things['member']}/remove").status_code == 404
    assert len(fresh(Invitation, store_id=demo.bistro.id)) == 1


def test_acmes_staff_get_403_on_team_changes_and_404_on_bistro(client, demo, login_as, bistro_things):
    login_as(demo.staff)
    for method, path, data in foreign_requests(bistro_things):
        assert client.open(path, method=method, data=data).status_code == 403, path
    assert client.get("/store/bistro/team").status_code == 404
    assert membership(demo.bistro, "waiter@bistro.test").role == "staff"


def test_a_custom_role_in_acme_gives_nothing_in_bistro(client, demo, login_as):
    role = make_role(demo.acme, "Team lead", ["tenancy.team.view", "tenancy.team.manage"])
    user = create_user("lead@acme.test", "orion-demo")
    db.session.add(StoreMembership(store_id=demo.acme.id, user_id=user.id, role="custom", custom_role_id=role.id))
    db.session.commit()
    login_as(user)
    assert client.get("/store/acme/team").status_code == 200
    assert client.get("/store/bistro/team").status_code == 404


def test_bistros_members_are_not_listed_in_acme(client, demo, login_as, bistro_things):
    login_as(demo.owner)
    page = client.get("/store/acme/team").get_data(as_text=True)
    assert "waiter@bistro.test" not in page and "cook@bistro.test" not in page
    assert "Bistro role" not in client.get("/store/acme/team/roles").get_data(as_text=True)
