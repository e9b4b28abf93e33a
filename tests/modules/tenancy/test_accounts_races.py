"""On PostgreSQL: one TOTP code or one recovery code submitted many times at once signs in once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pyotp

from tests.modules.tenancy.accounts import NOW, freeze
from webapp.extensions import db
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidCode

ATTEMPTS = 8


def _with_two_factor(user_id: int) -> tuple[str, list[str]]:
    secret = services.begin_enrolment(user_id)
    codes = services.confirm_enrolment(user_id, pyotp.TOTP(secret).at(NOW - 30))
    db.session.commit()
    return secret, codes


def _submit_together(app, user_id: int, code: str) -> list[str | None]:
    barrier = threading.Barrier(ATTEMPTS)

    def attempt(_index):
        with app.app_context():
            barrier.wait(timeout=30)
            try:
                method = services.verify_second_factor(user_id, code)
            except InvalidCode:
                db.session.rollback()
                return None
            db.session.commit()
            return method

    with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
        return list(pool.map(attempt, range(ATTEMPTS)))


def test_one_totp_code_at_once_is_accepted_once(app, demo, postgres_required, monkeypatch):
    freeze(monkeypatch)
    secret, _codes = _with_two_factor(demo.owner.id)
    results = _submit_together(app, demo.owner.id, pyotp.TOTP(secret).at(NOW))
    assert results.count("totp") == 1 and results.count(None) == ATTEMPTS - 1


def test_one_recovery_code_at_once_is_accepted_once(app, demo, postgres_required, monkeypatch):
    freeze(monkeypatch)
    _secret, codes = _with_two_factor(demo.owner.id)
    results = _submit_together(app, demo.owner.id, codes[0])
    assert results.count("recovery") == 1 and results.count(None) == ATTEMPTS - 1
    db.session.expire_all()
    assert services.unused_recovery_codes(demo.owner.id) == 9
