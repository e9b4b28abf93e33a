"""Password hashing and policy; host normalisation; the same-site `next` check."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.auth import passwords
from webapp.framework.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from webapp.framework.i18n_routes import safe_next
from webapp.framework.routing.hosts import normalise_host
from webapp.modules.tenancy.models import User
from webapp.modules.tenancy.services import authenticate, create_user

# --- passwords ---------------------------------------------------------------------------------


def test_hash_is_argon2id_and_verifies():
    stored = hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert "correct horse battery" not in stored
    assert verify_password(stored, "correct horse battery")
    assert not verify_password(stored, "correct horse batterY")


def test_the_same_password_hashes_differently_each_time():
    assert hash_password("correct horse battery") != hash_password("correct horse battery")


@pytest.mark.parametrize("stored", [None, "", "not-a-hash", "$argon2id$v=19$broken"])
def test_missing_or_malformed_hashes_never_verify(stored):
    assert verify_password(stored, "anything at all") is False


def test_needs_rehash_for_other_parameters():
    current = hash_password("correct horse battery")
    older = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1).hash("correct horse battery")
    assert not needs_rehash(current)
    assert needs_rehash(older)


def test_authenticate_upgrades_a_hash_made_with_other_parameters(app):
    user = create_user("rehash@orion.test", "correct horse battery")
    older = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1).hash("correct horse battery")
    user.password_hash = older
    db.session.commit()

    assert authenticate("REHASH@orion.test ", "correct horse battery") == user
    db.session.commit()
    db.session.expire_all()
    stored = db.session.scalar(select(User.password_hash).where(User.email == "rehash@orion.test"))
    assert stored != older
    assert not passwords.needs_rehash(stored)
    assert verify_password(stored, "correct horse battery")


def test_authenticate_keeps_a_current_hash(app):
    user = create_user("current@orion.test", "correct horse battery")
    db.session.commit()
    before = user.password_hash
    assert authenticate("current@orion.test", "correct horse battery") == user
    assert user.password_hash == before
    assert user.last_login_at is not None


def test_authenticate_refuses_wrong_password_unknown_email_and_inactive_user(app):
    user = create_user("someone@orion.test", "correct horse battery")
    db.session.commit()
    assert authenticate("someone@orion.test", "wrong horse battery") is None
    assert authenticate("nobody@orion.test", "correct horse battery") is None
    user.active = False
    db.session.commit()
    assert authenticate("someone@orion.test", "correct horse battery") is None


@pytest.mark.parametrize(("password", "problem"), [
    ("", "too_short"),
    ("short", "too_short"),
    ("123456789", "too_short"),
    ("password123", "too_common"),
    ("Password123", "too_common"),
    ("QWERTYUIOP", "too_common"),
    ("correct horse battery", None),
    ("0123456789x", None),
])
def test_password_policy(password, problem):
    assert password_problem(password) == problem


# --- hosts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "host"), [
    ("ACME.Orion.localhost:5000", "acme.orion.localhost"),
    ("acme.orion.localhost", "acme.orion.localhost"),
    ("acme.orion.localhost.", "acme.orion.localhost"),
    ("Acme.Orion.Localhost.:5000", "acme.orion.localhost"),
    ("  shop.acme.test  ", "shop.acme.test"),
    ("[::1]:5000", "[::1]"),
    ("[::1]", "[::1]"),
    ("127.0.0.1:8000", "127.0.0.1"),
    ("localhost", "localhost"),
])
def test_normalise_host(raw, host):
    assert normalise_host(raw) == host


# --- redirects ---------------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["/platforms/main/", "/admin/stores?page=2", "/", "/auth/login?next=/admin/"])
def test_safe_next_keeps_same_site_paths(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", [
    "//evil.example", "//evil.example/path", "https://evil.example/", "http://evil.example",
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,hi", "evil.example",
    "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\r\n/evil.example",
])
def test_safe_next_refuses_other_sites(target):
    assert safe_next(target) == "/"
    assert safe_next(target, "/admin/") == "/admin/"


@pytest.mark.parametrize("target", [None, ""])
def test_safe_next_falls_back_when_empty(target):
    assert safe_next(target, "/home") == "/home"
