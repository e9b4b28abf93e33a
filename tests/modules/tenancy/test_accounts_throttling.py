"""Sign-in attempts beyond the rate limit are refused and recorded in the audit log."""

from __future__ import annotations

import json

from tests.modules.tenancy.accounts import audit_entries, enable_two_factor


def attempt(client, email: str, password: str = "wrong-password"):
    return client.post("/auth/login", data={"email": email, "password": password},
                       environ_base={"REMOTE_ADDR": "203.0.113.7"})


def test_attempts_beyond_the_limit_are_audited_with_the_email_not_the_password(client, demo):
    statuses = [attempt(client, "Owner@Acme.test").status_code for _ in range(10)]
    assert statuses == [422] * 10
    assert audit_entries("tenancy.sign_in.throttled") == []  # failures within the limit are not

    assert attempt(client, "owner@acme.test", "orion-demo").status_code == 429
    assert attempt(client, "intruder@example.com", "secret-guess-1").status_code == 429

    first, second = audit_entries("tenancy.sign_in.throttled")
    assert first.details["email"] == "owner@acme.test" and second.details["email"] == "intruder@example.com"
    assert first.ip == "203.0.113.7" and first.actor_id is None
    stored = json.dumps([first.details, first.before, first.after, second.details])
    assert "orion-demo" not in stored and "secret-guess-1" not in stored


def test_the_code_step_beyond_its_limit_is_audited_too(client, demo):
    for _ in range(6):
        client.post("/auth/login/code", data={"code": "123456"})
    [entry] = audit_entries("tenancy.sign_in.throttled")
    assert entry.details == {"email": "", "endpoint": "tenancy_auth.login_second_factor"}


def test_a_throttled_code_step_names_whose_password_was_right(client, demo, login_as, monkeypatch, app):
    login_as(demo.owner)
    enable_two_factor(client, monkeypatch)
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": demo.owner.email, "password": "orion-demo"})
    monkeypatch.setitem(app.config, "TENANCY_ACCOUNT_RATE_LIMIT", "2 per minute")
    statuses = [client.post("/auth/login/code", data={"code": "000000"}).status_code for _ in range(3)]
    assert statuses == [422, 422, 429]
    [entry] = audit_entries("tenancy.sign_in.throttled")
    assert entry.details["email"] == "owner@acme.test"
