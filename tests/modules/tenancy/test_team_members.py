"""Owners change roles, remove members and hand the store over; a store always keeps an owner."""

from __future__ import annotations

import pytest

from tests.modules.tenancy.team_helpers import TEAM, entries, make_role, membership
from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant, StoreMembership
from webapp.modules.tenancy.services import add_member, create_user


def member_id(store, email: str) -> int:
    return membership(store, email).id


def add(store, email: str, role: str, custom_role=None) -> StoreMembership:
    user = create_user(email, "orion-demo", name=email.split("@")[0].title())
    row = add_member(store.id, user.id, role)
    row.custom_role_id = custom_role.id if custom_role else None
    db.session.commit()
    return row


def test_the_team_page_lists_members_with_role_and_date(client, demo, login_as):
    login_as(demo.owner)
    page = client.get(TEAM).get_data(as_text=True)
    assert "owner@acme.test" in page and "staff@acme.test" in page
    assert "Owner" in page and "Staff" in page and "Member since" in page
    assert "owner@bistro.test" not in page  # another store's team


def test_the_owner_changes_a_role(client, demo, login_as):
    login_as(demo.owner)
    staff_id = member_id(demo.acme, demo.staff.email)
    response = client.post(f"{TEAM}/members/{staff_id}/role", data={"role": "manager"})
    assert response.status_code == 303
    assert membership(demo.acme, demo.staff.email).role == "manager"
    [entry] = entries("tenancy.member.role_changed")
    assert entry.before["role"] == "staff" and entry.after["role"] == "manager"
    assert entry.target_id == str(staff_id) and entry.store_id == demo.acme.id


def test_a_role_change_applies_at_once(client, demo, login_as):
    login_as(demo.staff)
    assert client.get("/store/acme/customers/export.csv").status_code == 403
    membership_row = membership(demo.acme, demo.staff.email)
    membership_row.role = "manager"
    db.session.commit()
    assert client.get("/store/acme/customers/export.csv").status_code == 200  # the next request has it


def test_the_owner_gives_a_custom_role(client, demo, login_as, htmx_headers):
    role = make_role(demo.acme, "Packer", ["orders.view", "orders.fulfil"])
    login_as(demo.owner)
    staff_id = member_id(demo.acme, demo.staff.email)
    response = client.post(f"{TEAM}/members/{staff_id}/role", data={"role": f"role-{role.id}"}, headers=htmx_headers)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "tenancy:member-changed"
    assert "Packer" in response.get_data(as_text=True)
    row = membership(demo.acme, demo.staff.email)
    assert (row.role, row.custom_role_id) == ("custom", role.id)
    assert entries("tenancy.member.role_changed")[0].after["custom_role"] == "Packer"


@pytest.mark.parametrize("role", ["", "admin", "super_admin", "custom", "role-", "role-abc", "role-99999999999"])
def test_an_unknown_role_is_refused(client, demo, login_as, role):
    login_as(demo.owner)
    staff_id = member_id(demo.acme, demo.staff.email)
    assert client.post(f"{TEAM}/members/{staff_id}/role", data={"role": role}).status_code == 422
    assert membership(demo.acme, demo.staff.email).role == "staff"


def test_the_last_owner_cannot_be_demoted_or_removed(client, demo, login_as):
    other = add(demo.acme, "second@acme.test", "manager")
    login_as(other.user)
    owner_id = member_id(demo.acme, demo.owner.email)
    # A second owner would be needed; the manager is not one, so both are refused (403).
    assert client.post(f"{TEAM}/members/{owner_id}/role", data={"role": "staff"}).status_code == 403
    client.post("/auth/logout")
    # The only owner acting on themselves: refused too (self change), the store keeps its owner.
    login_as(demo.owner)
    response = client.post(f"{TEAM}/members/{owner_id}/role", data={"role": "staff"})
    assert response.status_code == 422 and "your own role" in response.get_data(as_text=True)
    assert client.post(f"{TEAM}/members/{owner_id}/remove").status_code == 422
    assert membership(demo.acme, demo.owner.email).role == "owner"
    assert entries("tenancy.member.role_changed") == []


def test_the_last_owner_guard_holds_for_a_co_owner(client, demo, login_as):
    co_owner = add(demo.acme, "co@acme.test", "owner")
    login_as(co_owner.user)
    owner_id = member_id(demo.acme, demo.owner.email)
    assert client.post(f"{TEAM}/members/{owner_id}/role", data={"role": "manager"}).status_code == 303
    assert membership(demo.acme, demo.owner.email).role == "manager"
    client.post("/auth/logout")
    # Now co@ is the only owner; platform staff off the team reach no store dashboard to demote them
    # (only a read-only support view), so the store keeps its owner.
    login_as(demo.admin)
    assert client.post(f"{TEAM}/members/{co_owner.id}/remove").status_code == 404
    assert client.post(f"{TEAM}/members/{co_owner.id}/role", data={"role": "staff"}).status_code == 404
    assert membership(demo.acme, "co@acme.test").role == "owner"


def test_the_owner_removes_a_member(client, demo, login_as):
    login_as(demo.owner)
    staff_id = member_id(demo.acme, demo.staff.email)
    assert client.post(f"{TEAM}/members/{staff_id}/remove").status_code == 303
    assert membership(demo.acme, demo.staff.email) is None
    [entry] = entries("tenancy.member.removed")
    assert entry.before["email"] == demo.staff.email and entry.after is None
    client.post("/auth/logout")
    login_as(demo.staff)
    assert client.get("/store/acme/").status_code == 404  # no longer on the team


def test_nobody_changes_their_own_role(client, demo, login_as):
    role = make_role(demo.acme, "Lead", ["tenancy.team.view", "tenancy.team.manage", "orders.view"])
    lead = add(demo.acme, "lead@acme.test", "custom", role)
    login_as(lead.user)
    response = client.post(f"{TEAM}/members/{lead.id}/role", data={"role": "staff"})
    assert response.status_code == 422 and "your own role" in response.get_data(as_text=True)
    assert client.post(f"{TEAM}/members/{lead.id}/remove").status_code == 422
    assert membership(demo.acme, "lead@acme.test").custom_role_id == role.id


def test_a_delegate_cannot_touch_owners_or_give_more_than_they_hold(client, demo, login_as):
    role = make_role(demo.acme, "Lead", ["tenancy.team.view", "tenancy.team.manage", "orders.view"])
    lead = add(demo.acme, "lead@acme.test", "custom", role)
    login_as(lead.user)
    staff_id = member_id(demo.acme, demo.staff.email)
    owner_id = member_id(demo.acme, demo.owner.email)
    assert client.post(f"{TEAM}/members/{owner_id}/remove").status_code == 403
    assert client.post(f"{TEAM}/members/{staff_id}/role", data={"role": "owner"}).status_code == 403
    response = client.post(f"{TEAM}/members/{staff_id}/role", data={"role": "manager"})
    assert response.status_code == 422 and "permissions you do not have" in response.get_data(as_text=True)
    # staff holds permissions (e.g. catalog.products.view) the lead lacks: removing them is refused too
    assert client.post(f"{TEAM}/members/{staff_id}/remove").status_code == 422
    assert membership(demo.acme, demo.staff.email).role == "staff"
    assert membership(demo.acme, demo.owner.email).role == "owner"


@pytest.mark.parametrize("path", ["members/{id}/role", "members/{id}/remove"])
def test_staff_and_managers_get_403(client, demo, login_as, path):
    manager = add(demo.acme, "manager@acme.test", "manager")
    staff_id = member_id(demo.acme, demo.staff.email)
    for user in (demo.staff, manager.user):
        login_as(user)
        assert client.post(f"{TEAM}/{path.format(id=staff_id)}", data={"role": "manager"}).status_code == 403
        client.post("/auth/logout")
    assert membership(demo.acme, demo.staff.email).role == "staff"


def test_the_owner_transfers_ownership(client, demo, login_as):
    login_as(demo.owner)
    page = client.get(f"{TEAM}/ownership").get_data(as_text=True)
    assert "staff@acme.test" in page and "owner@acme.test" not in page.split("<select")[1].split("</select>")[0]
    staff_id = member_id(demo.acme, demo.staff.email)
    response = client.post(f"{TEAM}/ownership", data={"member": staff_id})
    assert response.status_code == 422 and "Tick this box" in response.get_data(as_text=True)
    assert membership(demo.acme, demo.staff.email).role == "staff"

    response = client.post(f"{TEAM}/ownership", data={"member": staff_id, "confirm": "y"})
    assert response.status_code == 303
    assert membership(demo.acme, demo.staff.email).role == "owner"
    assert membership(demo.acme, demo.owner.email).role == "manager"
    db.session.expire_all()
    assert db.session.get(Merchant, demo.acme.merchant_id).owner_id == demo.staff.id
    [entry] = entries("tenancy.ownership.transferred")
    assert entry.before == {"owner_user_id": demo.owner.id} and entry.after == {"owner_user_id": demo.staff.id}
    # The former owner is a manager now: no more team changes.
    assert client.post(f"{TEAM}/members/{staff_id}/role", data={"role": "staff"}).status_code == 403


def test_only_an_owner_transfers_ownership(client, demo, login_as):
    role = make_role(demo.acme, "Lead", ["tenancy.team.view", "tenancy.team.manage"])
    lead = add(demo.acme, "lead@acme.test", "custom", role)
    login_as(lead.user)
    assert client.get(f"{TEAM}/ownership").status_code == 403
    staff_id = member_id(demo.acme, demo.staff.email)
    assert client.post(f"{TEAM}/ownership", data={"member": staff_id, "confirm": "y"}).status_code == 403
    assert membership(demo.acme, demo.staff.email).role == "staff"


@pytest.mark.parametrize("member", ["", "abc", "999999", "-1"])
def test_a_bad_new_owner_is_refused(client, demo, login_as, member):
    login_as(demo.owner)
    response = client.post(f"{TEAM}/ownership", data={"member": member, "confirm": "y"})
    assert response.status_code == 422
    assert membership(demo.acme, demo.owner.email).role == "owner"
