"""Forgotten password of platform users: same answer for every email, signed single-use expiring links."""

from __future__ import annotations

import pytest
from itsdangerous import URLSafeTimedSerializer

from tests.modules.tenancy.accounts import (
    NEW_PASSWORD,
    PASSWORD,
    audit_entries,
    emails,
    link_in,
    path_of,
    reload,
    signed_in_user_id,
    text,
)
from webapp.extensions import db
from webapp.framework.auth.passwords import verify_password
from webapp.modules.tenancy.services import accounts

FORGOT = "/auth/password/forgot"


def forgot(client, email: str):
    return client.post(FORGOT, data={"email": email})


def reset_path(client, email: str) -> str:
    forgot(client, email)
    return path_of(link_in(emails()[-1].body_text))


def choose(client, path: str, password: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post(path, data={"password": password, "confirm": confirm or password})


def test_the_login_page_links_to_the_forgotten_password_page(client, demo):
    assert f'href="{FORGOT}"' in text(client.get("/auth/login"))
    assert client.get(FORGOT).status_code == 200


def test_known_and_unknown_emails_get_the_same_answer(client, demo):
    known = forgot(client, "owner@acme.test")
    unknown = forgot(client, "nobody@acme.test")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"] == FORGOT
    assert [email.to_address for email in emails()] == ["owner@acme.test"]
    page = text(client.get(FORGOT))
    assert "If an account exists for nobody@acme.test, we have sent it a link" in page


def test_a_deactivated_user_gets_no_email(client, demo):
    demo.staff.active = False
    db.session.commit()
    assert forgot(client, "staff@acme.test").status_code == 303
    assert emails() == []


def test_invalid_email_input_is_a_422_with_the_form(client, demo):
    response = client.post(FORGOT, data={"email": ""})
    assert response.status_code == 422
    assert 'name="email"' in text(response)
    assert emails() == []


def test_the_email_is_in_the_users_language(client, demo):
    demo.owner.locale = "fr"
    db.session.commit()
    forgot(client, "OWNER@acme.test")
    [email] = emails()
    assert email.template == "tenancy/emails/password_reset" and email.locale == "fr"
    assert email.subject.startswith("Choisissez un nouveau mot de passe")
    assert "60 minutes" in email.body_text


@pytest.mark.parametrize("language, subject", [("en", "Choose a new password"), ("de", "Neues Passwort"),
                                               ("lb", "Wielt en neit Passwuert")])
def test_every_language_has_real_text(client, demo, language, subject):
    demo.owner.locale = language
    db.session.commit()
    forgot(client, "owner@acme.test")
    [email] = emails()
    assert email.locale == language and email.subject.startswith(subject)
    assert link_in(email.body_text).startswith("http://localhost/auth/password/reset/")


def test_the_link_sets_the_password_once_and_ends_every_session(client, demo, login_as, app):
    other = app.test_client()
    other.post("/auth/login", data={"email": "owner@acme.test", "password": PASSWORD},
               headers={"X-CSRFToken": other.csrf_token()})
    assert other.get("/store/acme/").status_code == 200

    path = reset_path(client, "owner@acme.test")
    assert client.get(path).status_code == 200
    done = choose(client, path)
    assert done.status_code == 303 and done.headers["Location"] == "/auth/login"
    user = reload(demo.owner.id)
    assert verify_password(user.password_hash, NEW_PASSWORD) and user.session_version == 2
    assert other.get("/store/acme/").status_code == 302  # the other session ended
    assert signed_in_user_id(client) is None
    [entry] = audit_entries("tenancy.password.reset")
    assert entry.target_id == str(demo.owner.id) and entry.actor_id == demo.owner.id

    reused = choose(client, path, "yet-another-secret")
    assert reused.status_code == 400
    assert "This link no longer works" in text(reused)
    assert verify_password(reload(demo.owner.id).password_hash, NEW_PASSWORD)
    login_as(demo.owner, password=NEW_PASSWORD)


def test_an_expired_link_is_refused(client, demo, app, monkeypatch):
    path = reset_path(client, "owner@acme.test")
    monkeypatch.setitem(app.config, "TENANCY_PASSWORD_RESET_MAX_AGE", -1)
    assert client.get(path).status_code == 400
    assert choose(client, path).status_code == 400
    assert verify_password(reload(demo.owner.id).password_hash, PASSWORD)


def test_a_tampered_or_foreign_link_is_refused(client, demo, app):
    path = reset_path(client, "owner@acme.test")
    token = path.rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    assert client.get(f"/auth/password/reset/{tampered}").status_code == 400
    # Signed for another user id with a different key: refused too.
    forged = URLSafeTimedSerializer("another-key", salt=accounts.RESET_SALT).dumps({"u": demo.admin.id, "f": "x"})
    assert choose(client, f"/auth/password/reset/{forged}").status_code == 400
    # A shopper's reset link (another salt) is no staff link.
    shopper = URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="customers.password-reset").dumps(
        {"c": demo.admin.id, "s": demo.acme.id, "f": "x"})
    assert client.get(f"/auth/password/reset/{shopper}").status_code == 400
    assert verify_password(reload(demo.admin.id).password_hash, PASSWORD)


def test_a_link_dies_when_the_password_changes_otherwise(client, demo):
    path = reset_path(client, "owner@acme.test")
    from webapp.modules.tenancy.services import set_password

    set_password(demo.owner.id, "changed-elsewhere-1")
    db.session.commit()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("password, message", [("short", "Use at least 10 characters."),
                                               ("password123", "This password is too common.")])
def test_a_weak_password_is_refused_and_the_link_still_works(client, demo, password, message):
    path = reset_path(client, "owner@acme.test")
    response = choose(client, path, password)
    assert response.status_code == 422 and message in text(response)
    assert verify_password(reload(demo.owner.id).password_hash, PASSWORD)
    assert choose(client, path).status_code == 303


def test_mismatched_passwords_are_refused(client, demo):
    path = reset_path(client, "owner@acme.test")
    response = choose(client, path, NEW_PASSWORD, "something-else-entirely")
    assert response.status_code == 422 and "The passwords differ." in text(response)
    assert audit_entries("tenancy.password.reset") == []


def test_asking_is_rate_limited(client, demo):
    statuses = [forgot(client, f"nobody{i}@acme.test").status_code for i in range(6)]
    assert statuses == [303] * 5 + [429]


def test_without_csrf_nothing_is_sent(client, demo):
    assert client.post(FORGOT, data={"email": "owner@acme.test"}, csrf=False).status_code == 400
    assert emails() == []
