"""Platform users: invite with a signed single-use link, roles scoped to platforms, deactivation, guards."""

import re

import pytest
from sqlalchemy import select

from tests.modules.tenancy.admin_helpers import audit_entries, loyalty_admin, outbox_to
from webapp.extensions import db
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import StaffGuard
from webapp.modules.tenancy.models import User

LINK = re.compile(r"https?://[^/\s]+(/auth/staff-invitation/\S+)")


def user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def invite(client, **data):
    return client.post("/admin/users", data={"email": "new@orion.test", "name": "New Admin",
                                             "role": "platform_admin", **data})


def invitation_link(email: str) -> str:
    [message] = outbox_to(email)
    return LINK.search(message.body_text).group(1)


def test_super_admin_invites_a_platform_admin_for_two_platforms(client, demo, login_as):
    login_as(demo.admin)
    assert client.get("/admin/users/new").status_code == 200

    response = invite(client, platforms=[str(demo.main.id), str(demo.loyalty.id)])

    invited = user("new@orion.test")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/admin/users/{invited.id}")
    assert invited.platform_role == "platform_admin" and invited.platform_ids == {demo.main.id, demo.loyalty.id}
    [entry] = audit_entries("tenancy.user.invited")
    assert entry.after["platforms"] == ["loyalty", "main"]
    assert "/auth/staff-invitation/" in outbox_to("new@orion.test")[0].body_text
    assert "new@orion.test" in client.get("/admin/users").get_data(as_text=True)


def test_the_invitation_link_sets_a_password_once(client, demo, login_as):
    login_as(demo.admin)
    invite(client, platforms=[str(demo.loyalty.id)])
    link = invitation_link("new@orion.test")
    client.post("/auth/logout")

    assert client.get(link).status_code == 200
    short = client.post(link, data={"password": "short", "confirm": "short"})
    assert short.status_code == 422 and "at least" in short.get_data(as_text=True)
    response = client.post(link, data={"password": "a long new password", "confirm": "a long new password"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/admin/")
    assert client.get("/admin/stores").status_code == 200  # signed in as the new platform admin
    assert services.authenticate("new@orion.test", "a long new password") is not None
    assert audit_entries("tenancy.user.invitation_accepted")

    client.post("/auth/logout")
    reused = client.get(link)
    assert reused.status_code == 410 and "already been used" in reused.get_data(as_text=True)
    assert client.post(link, data={"password": "another password!", "confirm": "another password!"}
                       ).status_code == 410


def test_an_expired_or_forged_invitation_is_refused(app, client, demo, login_as):
    login_as(demo.admin)
    invite(client, platforms=[str(demo.loyalty.id)])
    link = invitation_link("new@orion.test")
    client.post("/auth/logout")
    app.config["TENANCY_INVITATION_MAX_AGE"] = -1
    try:
        expired = client.get(link)
    finally:
        app.config["TENANCY_INVITATION_MAX_AGE"] = 7 * 24 * 3600
    assert expired.status_code == 410 and "expired" in expired.get_data(as_text=True)
    assert client.get(link[:-3] + "xyz").status_code == 410
    assert client.get("/auth/staff-invitation/nonsense").status_code == 410


@pytest.mark.parametrize(("data", "message"), [
    ({"email": "admin@orion.test"}, "already taken"), ({"email": "no"}, "Enter an email address"),
    ({"role": "owner"}, "not a valid choice"), ({"platforms": []}, "You may not grant this"),
    ({"platforms": ["99999"]}, "You may not grant this"),
])
def test_invalid_invitations_are_refused(client, demo, login_as, data, message):
    login_as(demo.admin)
    response = invite(client, **{"platforms": [str(demo.main.id)], **data})
    assert response.status_code == 422
    assert message.lower() in response.get_data(as_text=True).lower()
    assert outbox_to("new@orion.test") == [] and user("new@orion.test") is None


def test_platform_admin_can_invite_only_for_their_platforms_and_never_a_super_admin(client, demo, login_as):
    login_as(loyalty_admin(demo))
    assert "Super admin" not in client.get("/admin/users/new").get_data(as_text=True)
    assert invite(client, role="super_admin").status_code == 422
    assert invite(client, platforms=[str(demo.main.id)]).status_code == 422
    assert user("new@orion.test") is None
    assert invite(client, role="translator", platforms=[str(demo.loyalty.id)]).status_code == 303
    assert user("new@orion.test").platform_ids == {demo.loyalty.id}


def test_admin_changes_roles_and_platforms(client, demo, login_as):
    login_as(demo.admin)
    translator = demo.translator
    data = {"role": "platform_admin", "platforms": [str(demo.loyalty.id)]}
    assert client.post(f"/admin/users/{translator.id}/role", data=data).status_code == 303
    changed = user("translator@orion.test")
    assert changed.platform_role == "platform_admin" and changed.platform_ids == {demo.loyalty.id}
    [entry] = audit_entries("tenancy.user.role_changed")
    assert entry.before == {"role": "translator", "platforms": ["main"], "active": True}
    assert entry.after == {"role": "platform_admin", "platforms": ["loyalty"], "active": True}
    # Promoted to super admin: no platform scope any more.
    assert client.post(f"/admin/users/{translator.id}/role", data={"role": "super_admin"}).status_code == 303
    assert user("translator@orion.test").is_super_admin and user("translator@orion.test").platform_ids == set()


def test_nobody_demotes_or_deactivates_themselves_or_the_last_super_admin(client, demo, login_as):
    login_as(demo.admin)
    own = client.post(f"/admin/users/{demo.admin.id}/role", data={"role": "translator",
                                                                  "platforms": [str(demo.main.id)]})
    assert own.status_code == 422
    assert client.post(f"/admin/users/{demo.admin.id}/active", data={"active": "0"}).status_code == 422
    assert user("admin@orion.test").is_super_admin and user("admin@orion.test").active

    other = services.create_user("second@orion.test", "orion-demo", platform_role="super_admin")
    db.session.commit()
    login_as(other)
    # With two super admins one may go; the last one stays.
    assert client.post(f"/admin/users/{demo.admin.id}/active", data={"active": "0"}).status_code == 303
    assert user("admin@orion.test").active is False
    login_as(other)
    assert client.post(f"/admin/users/{demo.admin.id}/active", data={"active": "1"}).status_code == 303
    demo_admin = user("admin@orion.test")
    demo_admin.platform_role = "translator"
    db.session.commit()
    other_again = user("second@orion.test")
    login_as(demo_admin)
    assert client.post(f"/admin/users/{other_again.id}/role", data={"role": "translator",
                                                                    "platforms": [str(demo.main.id)]}
                       ).status_code == 403  # translators manage no users


def test_the_last_super_admin_stays_whoever_asks(demo):
    # Only super admins see super admins in the pages; the services guard every other door (CLI, jobs) too.
    actor = services.create_user("acting@orion.test", "orion-demo", platform_role="platform_admin",
                                 platform_id=demo.main.id)
    db.session.commit()
    with pytest.raises(StaffGuard):
        services.set_staff_active(demo.admin.id, False, actor_id=actor.id)
    with pytest.raises(StaffGuard):
        services.update_staff_role(demo.admin.id, services.StaffRole("translator", (demo.main.id,)),
                                   actor_id=actor.id)
    assert user("admin@orion.test").active and user("admin@orion.test").is_super_admin


def test_deactivated_user_cannot_sign_in_and_is_signed_out(client, demo, login_as):
    login_as(demo.translator)
    assert client.get("/admin/").status_code == 200

    services.set_staff_active(demo.translator.id, False, actor_id=demo.admin.id)
    db.session.commit()

    assert client.get("/admin/").status_code in (302, 303)  # the old session ended
    assert services.authenticate("translator@orion.test", "orion-demo") is None
    login = client.post("/auth/login", data={"email": "translator@orion.test", "password": "orion-demo"})
    assert login.status_code == 422


def test_platform_admin_of_loyalty_reaches_no_user_of_main(client, demo, login_as):
    main_admin = services.create_user("mainadmin@orion.test", "orion-demo", platform_role="platform_admin",
                                      platform_id=demo.main.id)
    db.session.commit()
    login_as(loyalty_admin(demo))
    listing = client.get("/admin/users").get_data(as_text=True)
    assert "padmin@loyalty.test" in listing
    assert "mainadmin@orion.test" not in listing and "translator@orion.test" not in listing
    assert "admin@orion.test<" not in listing
    for target in (main_admin, demo.translator, demo.admin):
        assert client.get(f"/admin/users/{target.id}").status_code == 404
        assert client.post(f"/admin/users/{target.id}/role", data={"role": "translator",
                                                                   "platforms": [str(demo.loyalty.id)]}
                           ).status_code == 404
        assert client.post(f"/admin/users/{target.id}/active", data={"active": "0"}).status_code == 404
    assert user("mainadmin@orion.test").active and user("translator@orion.test").platform_role == "translator"


def test_store_owner_gets_403_on_user_pages(client, demo, login_as):
    login_as(demo.owner)
    assert client.get("/admin/users").status_code == 403
    assert invite(client, platforms=[str(demo.main.id)]).status_code == 403
    assert user("new@orion.test") is None


def test_an_invitation_can_be_sent_again_until_it_is_accepted(client, demo, login_as):
    login_as(demo.admin)
    invite(client, platforms=[str(demo.loyalty.id)])
    invited = user("new@orion.test")
    assert "Send the invitation again" in client.get(f"/admin/users/{invited.id}").get_data(as_text=True)

    assert client.post(f"/admin/users/{invited.id}/invitation").status_code == 303

    assert len(outbox_to("new@orion.test")) == 2 and audit_entries("tenancy.user.invitation_resent")
    # Someone who has signed in has nothing to accept.
    services.authenticate("translator@orion.test", "orion-demo")
    db.session.commit()
    refused = client.post(f"/admin/users/{demo.translator.id}/invitation")
    assert refused.status_code == 422 and "already signed in" in refused.get_data(as_text=True)
    assert outbox_to("translator@orion.test") == []
