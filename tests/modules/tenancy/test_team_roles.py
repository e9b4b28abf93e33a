"""Custom roles: built in an editor from the permissions of the platform's enabled modules, grouped by module."""

from __future__ import annotations

import pytest

from tests.modules.tenancy.team_helpers import TEAM, entries, fresh, make_role, membership
from webapp.extensions import db
from webapp.modules.tenancy.models import PlatformModule, StoreRole
from webapp.modules.tenancy.services import add_member, create_user

ROLES = f"{TEAM}/roles"


def roles(store) -> list[StoreRole]:
    return fresh(StoreRole, store_id=store.id)


def member_with(store, role: StoreRole, email: str = "viewer@acme.test"):
    user = create_user(email, "orion-demo")
    row = add_member(store.id, user.id, "custom")
    row.custom_role_id = role.id
    db.session.commit()
    return user


def test_the_editor_groups_permissions_by_module(client, demo, login_as):
    login_as(demo.owner)
    page = client.get(f"{ROLES}/new").get_data(as_text=True)
    assert '<fieldset class="field" id="module-catalog">' in page and 'id="module-orders"' in page
    assert 'value="catalog.products.view"' in page and 'value="tenancy.team.manage"' in page
    assert 'value="tenancy.platforms.view"' not in page  # platform staff permissions are not a store's to give
    assert 'value="core.store.dashboard"' not in page  # every role has it


def test_only_modules_enabled_on_the_platform_are_offered(client, demo, login_as):
    db.session.add(PlatformModule(platform_id=demo.main.id, module_code="loyalty", enabled=False))
    db.session.commit()
    login_as(demo.owner)
    page = client.get(f"{ROLES}/new").get_data(as_text=True)
    assert 'value="loyalty.view"' not in page and 'value="orders.view"' in page
    response = client.post(ROLES, data={"name": "Loyal", "permissions": ["loyalty.view"]})
    assert response.status_code == 422 and roles(demo.acme) == []


def test_the_owner_creates_a_role(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(ROLES, data={"name": "  Catalogue   viewer ", "permissions": ["catalog.products.view"]})
    assert response.status_code == 303
    [role] = roles(demo.acme)
    assert (role.name, role.permissions) == ("Catalogue viewer", ["catalog.products.view"])
    page = client.get(ROLES).get_data(as_text=True)
    assert "Catalogue viewer" in page and "View products" in page
    [entry] = entries("tenancy.role.created")
    assert entry.after == {"name": "Catalogue viewer", "permissions": ["catalog.products.view"]}
    assert entry.store_id == demo.acme.id and entry.actor_id == demo.owner.id
    assert f'value="role-{role.id}"' in client.get(TEAM).get_data(as_text=True)  # offered on the team page


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "", "permissions": ["orders.view"]}, "This field is required"),
    ({"name": "x" * 61, "permissions": ["orders.view"]}, "60 characters"),
    ({"name": "Owner", "permissions": ["orders.view"]}, "built-in roles"),
    ({"name": "Packer"}, "at least one permission"),
    ({"name": "\x00\x00", "permissions": ["orders.view"]}, "This field is required"),
    ({"name": "Packer", "permissions": ["tenancy.platforms.manage"]}, "not a valid choice"),
    ({"name": "Packer", "permissions": ["no.such.permission"]}, "not a valid choice"),
])
def test_bad_roles_are_refused_with_the_input_kept(client, demo, login_as, data, message):
    login_as(demo.owner)
    response = client.post(ROLES, data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    assert roles(demo.acme) == []
    if data.get("name", "").strip("\x00") and len(data["name"]) <= 60:
        assert f'value="{data["name"]}"' in body


def test_role_names_are_unique_per_store(client, demo, login_as):
    make_role(demo.bistro, "Packer", ["orders.view"])  # another store may use the name
    make_role(demo.acme, "Packer", ["orders.view"])
    login_as(demo.owner)
    response = client.post(ROLES, data={"name": "packer", "permissions": ["orders.view"]})
    assert response.status_code == 422 and "already has a role" in response.get_data(as_text=True)
    assert len(roles(demo.acme)) == 1


def test_a_custom_role_opens_only_what_it_permits(client, demo, login_as):
    role = make_role(demo.acme, "Catalogue viewer", ["catalog.products.view"])
    user = member_with(demo.acme, role)
    login_as(user)
    assert client.get("/store/acme/").status_code == 200  # the dashboard home
    assert client.get("/store/acme/catalog/products").status_code == 200
    assert client.get("/store/acme/catalog/products/new").status_code == 403
    assert client.get("/store/acme/orders/").status_code == 403
    assert client.get("/store/acme/customers/").status_code == 403
    assert client.get(TEAM).status_code == 403
    assert client.get("/store/bistro/catalog/products").status_code == 404  # a role in acme gives nothing in bistro
    menu = client.get("/store/acme/").get_data(as_text=True)
    assert "/store/acme/catalog/products" in menu and "/store/acme/orders/" not in menu


def test_editing_a_role_changes_its_members_permissions_at_once(client, demo, login_as):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    user = member_with(demo.acme, role)
    login_as(demo.owner)
    assert 'checked' in client.get(f"{ROLES}/{role.id}").get_data(as_text=True)
    response = client.post(f"{ROLES}/{role.id}", data={"name": "Order desk", "permissions": ["orders.view"]})
    assert response.status_code == 303
    [entry] = entries("tenancy.role.updated")
    assert entry.before == {"name": "Viewer", "permissions": ["catalog.products.view"]}
    assert entry.after == {"name": "Order desk", "permissions": ["orders.view"]}
    client.post("/auth/logout")
    login_as(user)
    assert client.get("/store/acme/orders/").status_code == 200
    assert client.get("/store/acme/catalog/products").status_code == 403


def test_a_role_in_use_cannot_be_deleted(client, demo, login_as):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    member_with(demo.acme, role)
    login_as(demo.owner)
    response = client.post(f"{ROLES}/{role.id}/delete")
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "cannot be deleted while 1 member(s)" in body
    assert len(roles(demo.acme)) == 1 and entries("tenancy.role.deleted") == []


def test_a_role_offered_by_a_pending_invitation_cannot_be_deleted(client, demo, login_as):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    login_as(demo.owner)
    client.post(f"{TEAM}/invitations", data={"email": "x@example.com", "role": f"role-{role.id}"})
    assert client.post(f"{ROLES}/{role.id}/delete").status_code == 422
    assert len(roles(demo.acme)) == 1


def test_an_unused_role_is_deleted(client, demo, login_as):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    login_as(demo.owner)
    assert client.post(f"{ROLES}/{role.id}/delete").status_code == 303
    assert roles(demo.acme) == []
    [entry] = entries("tenancy.role.deleted")
    assert entry.before["name"] == "Viewer" and entry.after is None


def test_a_delegate_cannot_build_a_role_beyond_their_own_permissions(client, demo, login_as):
    lead_role = make_role(demo.acme, "Lead", ["tenancy.team.view", "tenancy.team.manage", "orders.view"])
    lead = member_with(demo.acme, lead_role, "lead@acme.test")
    login_as(lead)
    response = client.post(ROLES, data={"name": "Refunder", "permissions": ["orders.refund"]})
    assert response.status_code == 422 and "permissions you do not have" in response.get_data(as_text=True)
    assert client.post(ROLES, data={"name": "Reader", "permissions": ["orders.view"]}).status_code == 303
    assert sorted(r.name for r in roles(demo.acme)) == ["Lead", "Reader"]


def test_staff_get_403_on_every_role_change(client, demo, login_as):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    login_as(demo.staff)
    assert client.get(ROLES).status_code == 403
    assert client.get(f"{ROLES}/new").status_code == 403
    assert client.post(ROLES, data={"name": "X", "permissions": ["orders.view"]}).status_code == 403
    assert client.post(f"{ROLES}/{role.id}", data={"name": "X", "permissions": ["orders.view"]}).status_code == 403
    assert client.post(f"{ROLES}/{role.id}/delete").status_code == 403
    assert [(r.name, r.permissions) for r in roles(demo.acme)] == [("Viewer", ["catalog.products.view"])]


def test_managers_see_roles_but_cannot_change_them(client, demo, login_as):
    manager = create_user("manager@acme.test", "orion-demo")
    add_member(demo.acme.id, manager.id, "manager")
    db.session.commit()
    make_role(demo.acme, "Viewer", ["catalog.products.view"])
    login_as(manager)
    page = client.get(ROLES).get_data(as_text=True)
    assert "Viewer" in page and "New role" not in page
    assert client.post(ROLES, data={"name": "X", "permissions": ["orders.view"]}).status_code == 403


def test_without_csrf_no_role_is_made(client, demo, login_as):
    login_as(demo.owner)
    assert client.post(ROLES, data={"name": "X", "permissions": ["orders.view"]}, csrf=False).status_code == 400
    assert roles(demo.acme) == []
    assert membership(demo.acme, demo.owner.email).role == "owner"


@pytest.mark.parametrize("language", ["en", "fr", "de", "lb"])
def test_the_team_pages_render_in_every_language(client, demo, login_as, language):
    role = make_role(demo.acme, "Viewer", ["catalog.products.view"])
    login_as(demo.owner)
    headers = {"Accept-Language": language}
    client.post(f"{TEAM}/invitations", data={"email": "x@example.com", "role": "staff"}, headers=headers)
    for path in (TEAM, ROLES, f"{ROLES}/new", f"{ROLES}/{role.id}", f"{TEAM}/ownership"):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert f'<html lang="{language}"' in response.get_data(as_text=True)
