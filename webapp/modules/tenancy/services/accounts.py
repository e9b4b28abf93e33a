"""A platform user's own account: password reset by emailed link, profile, password change."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.auth.passwords import password_problem, verify_password
from webapp.modules.tenancy.exceptions import WeakPassword, WrongPassword
from webapp.modules.tenancy.models import User
from webapp.modules.tenancy.services.users import _dummy_hash, normalise_email, set_password

RESET_SALT = "tenancy.password-reset"


@dataclass(frozen=True)
class ResetRequest:
    """What the reset email needs: where it goes, in which language, and the signed token."""

    email: str
    name: str
    locale: str | None
    token: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def _fingerprint(user: User) -> str:
    # Changes with every new password and every "end all sessions": a used link, or one older
    # than the last password change, no longer matches.
    return hashlib.sha256(f"{user.password_hash}:{user.session_version}".encode()).hexdigest()[:24]


def reset_max_age() -> int:
    return int(current_app.config["TENANCY_PASSWORD_RESET_MAX_AGE"])


def request_password_reset(email: str) -> ResetRequest | None:
    """A reset token for the active user with this email, or None (the caller answers alike)."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None or not user.active:
        return None
    token = _serializer().dumps({"u": user.id, "f": _fingerprint(user)})
    return ResetRequest(email=user.email, name=user.name, locale=user.locale, token=token)


def user_from_reset_token(token: str) -> User | None:
    """The active user a still-valid, unused token was made for, or None."""
    try:
        payload = _serializer().loads(token, max_age=reset_max_age())
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None
    user = db.session.get(User, payload["u"])
    if user is None or not user.active or payload.get("f") != _fingerprint(user):
        return None
    return user


def _check_strength(password: str) -> None:
    reason = password_problem(password)
    if reason:
        raise WeakPassword(reason)


def reset_password(user_id: int, password: str) -> User:
    """Set the new password from a reset link: the link is spent and every session ends."""
    _check_strength(password)
    set_password(user_id, password)
    return db.session.get(User, user_id)


def change_password(user_id: int, current_password: str, new_password: str) -> User:
    """Change the password after checking the current one; every session ends (the caller
    signs its own session in again)."""
    user = db.session.get(User, user_id)
    if user is None or not verify_password(user.password_hash, current_password):
        raise WrongPassword("current password does not match")
    _check_strength(new_password)
    set_password(user_id, new_password)
    return user


def check_password(user_id: int, password: str) -> bool:
    """Whether `password` is this user's (to confirm sensitive changes)."""
    user = db.session.get(User, user_id)
    if user is None:
        verify_password(_dummy_hash(), password)
        return False
    return verify_password(user.password_hash, password)


def update_profile(user_id: int, *, name: str, locale: str | None) -> User:
    user = db.session.get(User, user_id)
    user.name = name.strip()
    user.locale = locale or None
    db.session.flush()
    return user
