"""Junk in every staff-account form: a clear 4xx (or the same answer as always), never a 500."""

from __future__ import annotations

import pytest

from tests.modules.tenancy.accounts import PASSWORD, emails, enable_two_factor, reload

JUNK = ["\x00", "a\x00b@example.com", "x" * 100_000, "\u202e" * 300, " "]


@pytest.mark.parametrize("value", JUNK)
def test_the_forgotten_password_form(client, demo, value):
    response = client.post("/auth/password/forgot", data={"email": value})
    assert response.status_code == 422
    assert emails() == []


@pytest.mark.parametrize("value", JUNK)
def test_the_profile_and_password_forms(client, demo, login_as, value):
    login_as(demo.owner)
    assert client.post("/auth/account", data={"name": value, "locale": value}).status_code == 422
    response = client.post("/auth/account/password", data={"current_password": value, "password": value,
                                                            "confirm": value})
    assert response.status_code == 422
    assert reload(demo.owner.id).session_version == 1


def test_a_name_with_a_nul_is_refused(client, demo, login_as):
    login_as(demo.owner)
    assert client.post("/auth/account", data={"name": "Olivia\x00", "locale": "en"}).status_code == 422
    assert reload(demo.owner.id).name != "Olivia\x00"


@pytest.mark.parametrize("value", JUNK)
def test_the_code_forms(client, demo, login_as, monkeypatch, value):
    login_as(demo.owner)
    enable_two_factor(client, monkeypatch)
    assert client.post("/auth/account/two-factor/disable",
                       data={"disable-password": PASSWORD, "disable-code": value}).status_code == 422
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": demo.owner.email, "password": PASSWORD})
    assert client.post("/auth/login/code", data={"code": value}).status_code == 422


def test_sign_in_with_a_nul_in_the_email_is_a_422(client, demo):
    response = client.post("/auth/login", data={"email": "admin@orion.test\x00", "password": PASSWORD})
    assert response.status_code == 422
