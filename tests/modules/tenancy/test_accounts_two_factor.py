"""TOTP second factor: set-up with a QR code, sign-in in two steps, recovery codes, turning it off."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.modules.tenancy.accounts import (
    NOW,
    PASSWORD,
    audit_entries,
    code,
    enable_two_factor,
    freeze,
    reload,
    signed_in_user_id,
    text,
)
from webapp.extensions import db
from webapp.modules.tenancy.models import RecoveryCode

PAGE = "/auth/account/two-factor"
STEP = 30


def sign_in(client, user, password: str = PASSWORD, query: str = ""):
    return client.post(f"/auth/login{query}", data={"email": user.email, "password": password})


def enter(client, value: str):
    return client.post("/auth/login/code", data={"code": value})


def test_setting_up_shows_a_server_drawn_qr_code_and_keeps_the_secret_encrypted(client, demo, login_as,
                                                                                monkeypatch):
    login_as(demo.owner)
    page = text(client.get(PAGE))
    assert "Set up two-factor authentication" in page
    freeze(monkeypatch)
    client.post(f"{PAGE}/start")
    page = text(client.get(PAGE))
    assert 'src="data:image/svg+xml' in page and "<script" not in page.split("</header>", 1)[1]
    user = reload(demo.owner.id)
    assert user.two_factor_secret and user.two_factor_enabled_at is None
    secret = page.split('<code class="secret-key">')[1].split("</code>")[0].replace(" ", "")
    assert secret not in user.two_factor_secret  # encrypted at rest


def test_a_wrong_code_does_not_turn_it_on(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    freeze(monkeypatch)
    client.post(f"{PAGE}/start")
    response = client.post(f"{PAGE}/confirm", data={"code": "000000"})
    assert response.status_code == 422 and "This code is not valid." in text(response)
    assert reload(demo.owner.id).two_factor_enabled_at is None
    assert client.post(f"{PAGE}/confirm", data={"code": ""}).status_code == 422
    assert audit_entries("tenancy.two_factor.enabled") == []


def test_confirming_turns_it_on_with_ten_hashed_recovery_codes(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    _secret, codes = enable_two_factor(client, monkeypatch)
    user = reload(demo.owner.id)
    assert user.has_two_factor
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == user.id)).all()
    assert len(stored) == 10 and not set(stored) & set(codes)
    assert len(audit_entries("tenancy.two_factor.enabled")) == 1
    assert "10 recovery codes left." in text(client.get(PAGE))


def test_sign_in_needs_the_code_after_the_password(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    secret, _codes = enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")

    first = sign_in(client, demo.owner, query="?next=/store/acme/orders/")
    assert first.status_code == 303 and first.headers["Location"] == "/auth/login/code"
    assert signed_in_user_id(client) is None
    assert client.get("/store/acme/").status_code == 302  # not signed in until the code
    assert client.get("/auth/login/code").status_code == 200

    wrong = enter(client, "123456")
    assert wrong.status_code == 422 and "This code is not valid." in text(wrong)
    assert signed_in_user_id(client) is None

    done = enter(client, code(secret, NOW + STEP))
    assert done.status_code == 303 and done.headers["Location"] == "/store/acme/orders/"
    assert client.get("/store/acme/").status_code == 200


def test_a_code_works_once_within_its_window(client, demo, login_as, monkeypatch, app):
    login_as(demo.owner)
    secret, _codes = enable_two_factor(client, monkeypatch)  # used the code of step NOW
    client.post("/auth/logout")
    sign_in(client, demo.owner)
    assert enter(client, code(secret, NOW)).status_code == 422  # spent at set-up
    assert enter(client, code(secret, NOW - STEP)).status_code == 422  # older than the last one used
    assert enter(client, code(secret, NOW + 2 * STEP)).status_code == 422  # outside the ±1 window
    assert enter(client, code(secret, NOW + STEP)).status_code == 303

    other = app.test_client()
    other.post("/auth/login", data={"email": demo.owner.email, "password": PASSWORD},
               headers={"X-CSRFToken": other.csrf_token()})
    reused = other.post("/auth/login/code", data={"code": code(secret, NOW + STEP)},
                        headers={"X-CSRFToken": other.csrf_token()})
    assert reused.status_code == 422


def test_a_recovery_code_works_once(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    _secret, codes = enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")

    sign_in(client, demo.owner)
    done = enter(client, codes[3].upper().replace("-", " "))  # typed loosely
    assert done.status_code == 303
    assert "Codes left: 9." in text(client.get("/store/acme/"))
    [entry] = audit_entries("tenancy.two_factor.recovery_code_used")
    assert entry.actor_id == demo.owner.id and entry.after == {"recovery_codes_left": 9}
    client.post("/auth/logout")

    sign_in(client, demo.owner)
    assert enter(client, codes[3]).status_code == 422
    assert signed_in_user_id(client) is None
    assert enter(client, codes[4]).status_code == 303


def test_too_many_wrong_codes_ask_for_the_password_again(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    secret, _codes = enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")
    sign_in(client, demo.owner)
    statuses = [enter(client, "000000").status_code for _ in range(5)]
    assert statuses == [422] * 4 + [303]
    with client.session_transaction() as session:
        assert "tenancy.second_factor" not in session  # the password step is forgotten
    assert client.get("/auth/login/code").headers["Location"] == "/auth/login"
    assert signed_in_user_id(client) is None
    assert enter(client, code(secret, NOW + STEP)).status_code == 429  # and the step is rate limited


def test_the_pending_step_expires(client, demo, login_as, monkeypatch, app):
    login_as(demo.owner)
    secret, _codes = enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")
    sign_in(client, demo.owner)
    monkeypatch.setitem(app.config, "TENANCY_TWO_FACTOR_PENDING_MAX_AGE", -1)
    response = enter(client, code(secret, NOW + STEP))
    assert response.status_code == 303 and response.headers["Location"] == "/auth/login"
    assert signed_in_user_id(client) is None


def test_the_code_step_without_a_password_goes_back_to_sign_in(client, demo):
    response = client.get("/auth/login/code")
    assert response.status_code == 303 and response.headers["Location"] == "/auth/login"
    assert enter(client, "123456").status_code == 303


def test_regenerating_recovery_codes_needs_the_password_and_replaces_them(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    _secret, old = enable_two_factor(client, monkeypatch)
    wrong = client.post(f"{PAGE}/recovery-codes", data={"codes-password": "not-my-password"})
    assert wrong.status_code == 422 and "This is not your password." in text(wrong)
    response = client.post(f"{PAGE}/recovery-codes", data={"codes-password": PASSWORD})
    assert response.status_code == 200
    new = [c for c in text(response).split("<code>")[1:]]
    assert len(new) == 10 and old[0] not in text(response)
    assert len(audit_entries("tenancy.two_factor.recovery_codes_regenerated")) == 1
    client.post("/auth/logout")
    sign_in(client, demo.owner)
    assert enter(client, old[0]).status_code == 422  # the old codes are gone


def test_disabling_needs_the_password_and_a_code(client, demo, login_as, monkeypatch):
    login_as(demo.owner)
    secret, _codes = enable_two_factor(client, monkeypatch)
    valid = code(secret, NOW + STEP)
    bad_password = client.post(f"{PAGE}/disable", data={"disable-password": "nope-nope-nope", "disable-code": valid})
    assert bad_password.status_code == 422
    bad_code = client.post(f"{PAGE}/disable", data={"disable-password": PASSWORD, "disable-code": "000000"})
    assert bad_code.status_code == 422
    assert reload(demo.owner.id).has_two_factor

    done = client.post(f"{PAGE}/disable", data={"disable-password": PASSWORD, "disable-code": valid})
    assert done.status_code == 303
    user = reload(demo.owner.id)
    assert not user.has_two_factor and user.two_factor_secret is None
    assert db.session.scalar(select(func.count()).select_from(RecoveryCode)) == 0
    [entry] = audit_entries("tenancy.two_factor.disabled")
    assert entry.before == {"two_factor": True} and entry.after == {"two_factor": False}
    client.post("/auth/logout")
    assert sign_in(client, demo.owner).headers["Location"] != "/auth/login/code"


def test_actions_on_a_factor_that_is_off_are_refused(client, demo, login_as):
    login_as(demo.owner)
    assert client.post(f"{PAGE}/disable", data={"disable-password": PASSWORD,
                                                "disable-code": "123456"}).status_code == 422
    assert client.post(f"{PAGE}/recovery-codes", data={"codes-password": PASSWORD}).status_code == 422
    assert client.post(f"{PAGE}/confirm", data={"code": "123456"}).status_code == 422


def test_the_pages_need_a_signed_in_user_and_csrf(client, demo, login_as):
    assert client.get(PAGE).status_code == 302
    assert client.post(f"{PAGE}/start").status_code == 302
    login_as(demo.owner)
    assert client.post(f"{PAGE}/start", csrf=False).status_code == 400
    assert reload(demo.owner.id).two_factor_secret is None
