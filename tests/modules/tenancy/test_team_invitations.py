"""Owners invite people by email; the signed, expiring, single-use link lets them sign up or sign in to join."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.modules.tenancy.team_helpers import (
    TEAM,
    emails_to,
    entries,
    fresh,
    invitation_path,
    invitations,
    make_role,
    membership,
)
from webapp.extensions import db
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import Invitation, User, utcnow
from webapp.modules.tenancy.services import create_user

NEW = "new.person@example.com"


def invite(client, email=NEW, role="staff", **kwargs):
    return client.post(f"{TEAM}/invitations", data={"email": email, "role": role}, **kwargs)


def test_the_owner_invites_and_the_email_carries_a_link(client, demo, login_as):
    login_as(demo.owner)
    response = invite(client, "New.Person@Example.com", "manager")
    assert response.status_code == 303
    [invitation] = invitations(demo.acme)
    assert (invitation.email, invitation.role, invitation.invited_by_id) == (NEW, "manager", demo.owner.id)
    assert invitation.accepted_at is None and invitation.revoked_at is None
    assert len(invitation.token_hash) == 64  # only the hash is kept
    [email] = emails_to(NEW)
    assert email.store_id == demo.acme.id and "Acme" in email.subject
    assert "as a manager" in email.body_text and "within 7 days" in email.body_text
    assert invitation.token_hash not in email.body_text
    page = client.get(TEAM).get_data(as_text=True)
    assert NEW in page and "Pending invitations" in page
    [entry] = entries("tenancy.invitation.sent")
    assert entry.actor_id == demo.owner.id and entry.store_id == demo.acme.id
    assert entry.after == {"email": NEW, "role": "manager", "custom_role_id": None}


@pytest.mark.parametrize(("language", "subject", "role_text"), [
    ("en", "invites you to join", "as a manager"), ("fr", "vous invite", "en tant que responsable"),
    ("de", "lädt Sie", "als Manager"), ("lb", "invitéiert Iech", "als Manager"),
])
def test_the_email_is_in_the_stores_language(client, demo, login_as, language, subject, role_text):
    demo.acme.default_language = language
    db.session.commit()
    login_as(demo.owner)
    invite(client, role="manager")
    [email] = emails_to(NEW)
    assert email.locale == language and subject in email.subject
    assert role_text in email.body_text and "/auth/invitations/" in email.body_text


def test_an_existing_account_is_told_to_sign_in_in_its_own_language(client, demo, login_as):
    demo.bistro_owner.locale = "de"
    db.session.commit()
    login_as(demo.owner)
    invite(client, demo.bistro_owner.email)
    [email] = emails_to(demo.bistro_owner.email)
    assert email.locale == "de" and "bestehenden Konto" in email.body_text


def test_htmx_gets_the_team_partial(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    response = invite(client, headers=htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<div id="team">')
    assert response.headers["HX-Trigger"] == "tenancy:invitation-sent" and NEW in body


def test_a_newcomer_signs_up_through_the_link_and_joins(client, demo):
    from tests.fixtures.clients import OrionClient  # noqa: F401  (the client fixture's class)
    owner_client = client
    owner_client.post("/auth/login", data={"email": demo.owner.email, "password": "orion-demo"})
    invite(owner_client)
    path = invitation_path(NEW)
    owner_client.post("/auth/logout")

    page = client.get(path)
    assert page.status_code == 200 and "Create your account" in page.get_data(as_text=True)
    response = client.post(path, data={"name": "New Person", "password": "a-long-secret-1",
                                       "password_confirm": "a-long-secret-1"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/")
    member = membership(demo.acme, NEW)
    assert member is not None and member.role == "staff"
    assert member.user.name == "New Person"
    [invitation] = invitations(demo.acme)
    assert invitation.accepted_at is not None and invitation.accepted_by_id == member.user_id
    assert client.get("/store/acme/orders/").status_code == 200  # signed in as the new member
    [entry] = entries("tenancy.invitation.accepted")
    assert entry.actor_id == member.user_id and entry.store_id == demo.acme.id


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "N", "password": "short", "password_confirm": "short"}, "at least 10 characters"),
    ({"name": "N", "password": "password123", "password_confirm": "password123"}, "too common"),
    ({"name": "N", "password": "a-long-secret-1", "password_confirm": "another-one-22"}, "do not match"),
    ({"name": "", "password": "a-long-secret-1", "password_confirm": "a-long-secret-1"}, "This field is required"),
    ({"name": "\x00", "password": "a-long-secret-1", "password_confirm": "a-long-secret-1"}, "This field is required"),
    ({"name": "x" * 121, "password": "a-long-secret-1", "password_confirm": "a-long-secret-1"}, "120 characters"),
])
def test_a_bad_sign_up_keeps_the_link_usable(client, demo, login_as, data, message):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    client.post("/auth/logout")
    response = client.post(path, data=data)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert db.session.scalar(select(User.id).where(User.email == NEW)) is None
    assert invitations(demo.acme)[0].accepted_at is None


def test_someone_with_an_account_signs_in_on_the_invitation_page(client, demo, login_as):
    login_as(demo.owner)
    invite(client, demo.bistro_owner.email, "manager")
    path = invitation_path(demo.bistro_owner.email)
    client.post("/auth/logout")
    page = client.get(path).get_data(as_text=True)
    assert "enter its password" in page
    assert client.post(path, data={"password": "wrong-password"}).status_code == 422
    assert membership(demo.acme, demo.bistro_owner.email) is None
    response = client.post(path, data={"password": "orion-demo"})
    assert response.status_code == 303
    assert membership(demo.acme, demo.bistro_owner.email).role == "manager"
    assert membership(demo.bistro, demo.bistro_owner.email).role == "owner"  # the other store is untouched


def test_the_signed_in_invitee_accepts_with_one_click(client, demo, login_as):
    login_as(demo.owner)
    invite(client, demo.bistro_owner.email)
    path = invitation_path(demo.bistro_owner.email)
    client.post("/auth/logout")
    login_as(demo.bistro_owner)
    assert "Accept the invitation" in client.get(path).get_data(as_text=True)
    assert client.post(path).status_code == 303
    assert membership(demo.acme, demo.bistro_owner.email).role == "staff"


def test_another_signed_in_user_is_refused(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    page = client.get(path).get_data(as_text=True)
    assert "this invitation is for new.person@example.com" in page
    response = client.post(path)
    assert response.status_code == 403 and "for another email address" in response.get_data(as_text=True)
    assert invitations(demo.acme)[0].accepted_at is None
    assert membership(demo.acme, NEW) is None


def _accept_as_new(client, path):
    return client.post(path, data={"name": "N", "password": "a-long-secret-1", "password_confirm": "a-long-secret-1"})


def test_a_used_link_does_not_work_twice(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    client.post("/auth/logout")
    assert _accept_as_new(client, path).status_code == 303
    client.post("/auth/logout")
    for response in (client.get(path), _accept_as_new(client, path)):
        assert response.status_code == 410 and "already accepted" in response.get_data(as_text=True)


def test_a_tampered_link_is_refused(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    client.post("/auth/logout")
    for bad in (path[:-3] + "abc", "/auth/invitations/nonsense", path + "x"):
        response = _accept_as_new(client, bad)
        assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    assert membership(demo.acme, NEW) is None


def test_an_expired_link_is_refused(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    client.post("/auth/logout")
    invitation = invitations(demo.acme)[0]
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = _accept_as_new(client, path)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)
    assert membership(demo.acme, NEW) is None


def test_the_signature_expires_too(app, client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    monkeypatch.setitem(app.config, "TENANCY_INVITATION_MAX_AGE", -1)
    response = client.get(path)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)


def test_a_revoked_invitation_is_dead(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    invitation = invitations(demo.acme)[0]
    assert client.post(f"{TEAM}/invitations/{invitation.id}/revoke").status_code == 303
    assert invitations(demo.acme)[0].revoked_at is not None
    assert f'id="invitation-{invitation.id}"' not in client.get(TEAM).get_data(as_text=True)
    client.post("/auth/logout")
    response = _accept_as_new(client, path)
    assert response.status_code == 410 and "withdrawn" in response.get_data(as_text=True)
    assert membership(demo.acme, NEW) is None
    [entry] = entries("tenancy.invitation.revoked")
    assert entry.before["email"] == NEW and entry.after == {"status": "revoked"}


def test_resending_replaces_the_link(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    old = invitation_path(NEW)
    invitation = invitations(demo.acme)[0]
    invitation.expires_at = utcnow() - timedelta(days=1)  # even an expired one can be sent again
    db.session.commit()
    assert client.post(f"{TEAM}/invitations/{invitation.id}/resend").status_code == 303
    new = invitation_path(NEW)
    assert new != old and len(emails_to(NEW)) == 2
    client.post("/auth/logout")
    response = _accept_as_new(client, old)
    assert response.status_code == 410 and "newer invitation" in response.get_data(as_text=True)
    assert _accept_as_new(client, new).status_code == 303
    assert len(entries("tenancy.invitation.resent")) == 1


@pytest.mark.parametrize(("email", "role"), [
    ("not-an-email", "staff"), ("", "staff"), ("a@b.example", ""), ("a@b.example", "admin"),
    ("a@b.example", "role-999999"), ("x" * 250 + "@b.example", "staff"), ("a b@example.com", "staff"),
    ("a@b.example", "role-1\x00"),
])
def test_bad_invitations_are_refused(client, demo, login_as, email, role):
    login_as(demo.owner)
    response = invite(client, email, role)
    assert response.status_code == 422
    assert invitations(demo.acme) == [] and fresh(OutboxMessage) == []


def test_members_and_pending_invitees_cannot_be_invited_again(client, demo, login_as):
    login_as(demo.owner)
    response = invite(client, demo.staff.email)
    assert response.status_code == 422 and "already on the team" in response.get_data(as_text=True)
    invite(client)
    response = invite(client, NEW.upper())
    assert response.status_code == 422 and "pending invitation" in response.get_data(as_text=True)
    assert len(invitations(demo.acme)) == 1
    assert f'value="{NEW.upper()}"' in response.get_data(as_text=True)  # the input is kept


def test_an_invitation_with_a_custom_role(client, demo, login_as):
    role = make_role(demo.acme, "Catalogue viewer", ["catalog.products.view"])
    login_as(demo.owner)
    assert invite(client, role=f"role-{role.id}").status_code == 303
    assert "as Catalogue viewer" in emails_to(NEW)[0].body_text
    client.post("/auth/logout")
    _accept_as_new(client, invitation_path(NEW))
    member = membership(demo.acme, NEW)
    assert (member.role, member.custom_role_id) == ("custom", role.id)


def test_another_stores_custom_role_cannot_be_offered(client, demo, login_as):
    foreign = make_role(demo.bistro, "Bistro role", ["catalog.products.view"])
    login_as(demo.owner)
    assert invite(client, role=f"role-{foreign.id}").status_code == 422
    assert invitations(demo.acme) == []


def test_staff_and_managers_cannot_invite(client, demo, login_as):
    login_as(demo.staff)
    assert client.get(TEAM).status_code == 403
    assert invite(client).status_code == 403
    manager = create_user("manager@acme.test", "orion-demo")
    from webapp.modules.tenancy.services import add_member
    add_member(demo.acme.id, manager.id, "manager")
    db.session.commit()
    client.post("/auth/logout")
    login_as(manager)
    assert client.get(TEAM).status_code == 200  # managers see the team
    assert "Send invitation" not in client.get(TEAM).get_data(as_text=True)
    assert invite(client).status_code == 403
    assert invitations(demo.acme) == []


def test_only_owners_invite_owners(client, demo, login_as):
    delegate = make_role(demo.acme, "Team lead", ["tenancy.team.view", "tenancy.team.manage"])
    user = create_user("lead@acme.test", "orion-demo")
    from webapp.modules.tenancy.services import add_member
    membership_row = add_member(demo.acme.id, user.id, "custom")
    membership_row.custom_role_id = delegate.id
    db.session.commit()
    login_as(user)
    assert invite(client, role="owner").status_code == 422  # not among the choices
    assert invite(client, role="manager").status_code == 422  # more than the lead holds
    assert "give permissions you do not have" in invite(client, role="manager").get_data(as_text=True)
    assert invite(client, role=f"role-{delegate.id}").status_code == 303  # within what the lead holds
    assert [i.role for i in invitations(demo.acme)] == ["custom"]


def test_without_csrf_nothing_is_sent(client, demo, login_as):
    login_as(demo.owner)
    assert invite(client, csrf=False).status_code == 400
    assert invitations(demo.acme) == []


def test_an_invitation_row_is_single_use_even_if_the_store_reinvites(client, demo, login_as):
    login_as(demo.owner)
    invite(client)
    path = invitation_path(NEW)
    client.post("/auth/logout")
    _accept_as_new(client, path)
    assert db.session.scalar(select(Invitation.accepted_at)) is not None


def test_accepting_with_a_password_never_signs_in_a_user_who_has_a_second_factor(client, demo, login_as, monkeypatch):
    from tests.modules.tenancy.accounts import enable_two_factor, signed_in_user_id

    login_as(demo.bistro_owner)
    enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")
    login_as(demo.owner)
    invite(client, demo.bistro_owner.email, "manager")
    path = invitation_path(demo.bistro_owner.email)
    client.post("/auth/logout")

    response = client.post(path, data={"password": "orion-demo"})
    assert response.status_code == 303 and response.headers["Location"].startswith("/auth/login?next=")
    assert membership(demo.acme, demo.bistro_owner.email).role == "manager"  # joined
    assert signed_in_user_id(client) is None  # but the code is still asked at sign-in
    assert client.get("/store/acme/").status_code == 302
