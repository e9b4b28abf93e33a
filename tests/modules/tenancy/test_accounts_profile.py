"""A platform user's profile (name, language) and password change."""

from __future__ import annotations

from tests.modules.tenancy.accounts import NEW_PASSWORD, PASSWORD, audit_entries, reload, signed_in_user_id, text
from webapp.framework.auth.passwords import verify_password

ACCOUNT = "/auth/account"


def change(client, current: str = PASSWORD, new: str = NEW_PASSWORD, confirm: str | None = None):
    return client.post(f"{ACCOUNT}/password", data={"current_password": current, "password": new,
                                                    "confirm": confirm or new})


def second_client(app, user):
    other = app.test_client()
    response = other.post("/auth/login", data={"email": user.email, "password": PASSWORD},
                          headers={"X-CSRFToken": other.csrf_token()})
    assert response.status_code == 303
    return other


def test_the_dashboards_link_to_the_profile(client, demo, login_as):
    login_as(demo.owner)
    assert f'href="{ACCOUNT}"' in text(client.get("/store/acme/"))
    login_as(demo.admin)
    assert f'href="{ACCOUNT}"' in text(client.get("/admin/"))


def test_the_profile_needs_a_signed_in_user(client, demo):
    response = client.get(ACCOUNT)
    assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")
    assert client.post(ACCOUNT, data={"name": "X", "locale": ""}).status_code == 302


def test_name_and_language_are_saved_and_the_language_applies(client, demo, login_as):
    login_as(demo.owner)
    page = client.get(ACCOUNT)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    response = client.post(ACCOUNT, data={"name": "Olivia Owner", "locale": "fr"})
    assert response.status_code == 303 and response.headers["Location"] == ACCOUNT
    user = reload(demo.owner.id)
    assert (user.name, user.locale) == ("Olivia Owner", "fr")
    assert '<html lang="fr">' in text(client.get("/store/acme/"))
    assert "Olivia Owner" in text(client.get("/store/acme/"))


def test_the_saved_language_follows_the_user_into_a_new_session(client, demo, login_as, app):
    login_as(demo.owner)
    client.post(ACCOUNT, data={"name": "", "locale": "de"})
    other = second_client(app, demo.owner)
    assert '<html lang="de">' in text(other.get("/store/acme/", headers={"Accept-Language": "en"}))
    assert '<html lang="de">' in text(other.get(ACCOUNT))


def test_no_preference_follows_the_browser(client, demo, login_as):
    login_as(demo.owner)
    client.post(ACCOUNT, data={"name": "", "locale": "fr"})
    client.post(ACCOUNT, data={"name": "", "locale": ""})
    assert reload(demo.owner.id).locale is None
    assert '<html lang="de">' in text(client.get("/store/acme/", headers={"Accept-Language": "de"}))


def test_an_unknown_language_or_a_long_name_is_refused(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(ACCOUNT, data={"name": "Olivia", "locale": "xx"})
    assert response.status_code == 422 and 'value="Olivia"' in text(response)
    assert client.post(ACCOUNT, data={"name": "n" * 121, "locale": "en"}).status_code == 422
    user = reload(demo.owner.id)
    assert user.locale is None and user.name != "Olivia"


def test_a_profile_change_touches_only_the_signed_in_user(client, demo, login_as):
    login_as(demo.staff)
    client.post(ACCOUNT, data={"name": "Sam Staff", "user_id": demo.owner.id, "locale": "lb"})
    assert reload(demo.staff.id).name == "Sam Staff"
    assert reload(demo.owner.id).name != "Sam Staff" and reload(demo.owner.id).locale is None


def test_changing_the_password_ends_other_sessions_but_keeps_this_one(client, demo, login_as, app):
    login_as(demo.owner)
    other = second_client(app, demo.owner)
    response = change(client)
    assert response.status_code == 303 and response.headers["Location"] == ACCOUNT
    user = reload(demo.owner.id)
    assert verify_password(user.password_hash, NEW_PASSWORD) and user.session_version == 2
    assert client.get("/store/acme/").status_code == 200  # this session goes on
    assert signed_in_user_id(client) == f"{demo.owner.id}:2"
    assert other.get("/store/acme/").status_code == 302  # the other one ended
    [entry] = audit_entries("tenancy.password.changed")
    assert entry.actor_id == demo.owner.id and entry.target_id == str(demo.owner.id)


def test_a_wrong_current_password_is_a_422(client, demo, login_as):
    login_as(demo.owner)
    response = change(client, current="not-my-password")
    assert response.status_code == 422 and "This is not your current password." in text(response)
    assert verify_password(reload(demo.owner.id).password_hash, PASSWORD)
    assert audit_entries("tenancy.password.changed") == []


def test_a_weak_or_mismatched_new_password_is_a_422(client, demo, login_as):
    login_as(demo.owner)
    short = change(client, new="short")
    assert short.status_code == 422 and "Use at least 10 characters." in text(short)
    common = change(client, new="qwertyuiop")
    assert common.status_code == 422 and "too common" in text(common)
    assert change(client, confirm="not-the-same-password").status_code == 422
    user = reload(demo.owner.id)
    assert verify_password(user.password_hash, PASSWORD) and user.session_version == 1


def test_password_change_needs_csrf(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(f"{ACCOUNT}/password", data={"current_password": PASSWORD, "password": NEW_PASSWORD,
                                                         "confirm": NEW_PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert verify_password(reload(demo.owner.id).password_hash, PASSWORD)
