"""TOTP second factor for platform users: enrolment, verification, recovery codes, enforcement.

The TOTP secret must be readable to check a code, so it is kept encrypted (Fernet, with a key
derived from SECRET_KEY) rather than hashed; a copied database alone does not reveal it.
Recovery codes are only ever compared, so they are hashed like passwords.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import time
from datetime import UTC, datetime

import pyotp
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import delete, exists, func, or_, select, update

from webapp.extensions import db
from webapp.framework.auth.passwords import hash_password, verify_password
from webapp.modules.tenancy.exceptions import InvalidCode
from webapp.modules.tenancy.models import Platform, RecoveryCode, User

RECOVERY_CODE_COUNT = 10
ISSUER = "Orion"
SETUP_VIEW = "tenancy_auth.two_factor_show"


def _fernet() -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"orion.tenancy.totp-secret").derive(
        current_app.config["SECRET_KEY"].encode())
    return Fernet(base64.urlsafe_b64encode(key))


def _secret_of(user: User) -> str | None:
    if not user.two_factor_secret:
        return None
    try:
        return _fernet().decrypt(user.two_factor_secret.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed: the factor must be set up again
        return None


def begin_enrolment(user_id: int) -> str:
    """A new secret for a user without a second factor (kept until confirmed); returns it in clear."""
    user = db.session.get(User, user_id)
    if user.has_two_factor:
        raise InvalidCode("two-factor authentication is already on")
    secret = pyotp.random_base32()
    user.two_factor_secret = _fernet().encrypt(secret.encode()).decode()
    user.two_factor_last_step = None
    db.session.flush()
    return secret


def pending_secret(user_id: int) -> str | None:
    """The secret being enrolled (not yet confirmed), or None."""
    user = db.session.get(User, user_id)
    return None if user is None or user.has_two_factor else _secret_of(user)


def provisioning_uri(secret: str, email: str) -> str:
    """The otpauth:// URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def _clock() -> float:
    return time.time()  # one place, so tests can stand still on a time step


def _matching_step(secret: str, code: str) -> int | None:
    """The time step (±1 around now) whose code this is, or None."""
    totp = pyotp.TOTP(secret)
    code = "".join(code.split())
    if not code.isdigit() or len(code) != totp.digits:
        return None
    now = int(_clock()) // totp.interval
    for step in (now - 1, now, now + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _claim_step(user_id: int, step: int) -> bool:
    # Atomic: of two requests with the same code only one moves the last step forward.
    result = db.session.execute(
        update(User).where(User.id == user_id, or_(User.two_factor_last_step.is_(None),
                                                   User.two_factor_last_step < step))
        .values(two_factor_last_step=step).execution_options(synchronize_session=False))
    db.session.expire(db.session.get(User, user_id), ["two_factor_last_step"])
    return result.rowcount == 1


def _check_totp(user: User, code: str) -> bool:
    secret = _secret_of(user)
    step = _matching_step(secret, code) if secret else None
    return step is not None and _claim_step(user.id, step)


def confirm_enrolment(user_id: int, code: str) -> list[str]:
    """Turn the factor on with a first code from the app; returns the new recovery codes (in clear, once)."""
    user = db.session.get(User, user_id)
    if user.has_two_factor or not _check_totp(user, code):
        raise InvalidCode("wrong code")
    user.two_factor_enabled_at = datetime.now(UTC)
    codes = regenerate_recovery_codes(user_id)
    db.session.flush()
    return codes


def _new_recovery_code() -> str:
    raw = secrets.token_hex(5)  # 40 bits, written xxxxx-xxxxx
    return f"{raw[:5]}-{raw[5:]}"


def _normalise_recovery_code(code: str) -> str:
    compact = "".join(ch for ch in code.lower() if ch.isalnum())
    return f"{compact[:5]}-{compact[5:]}"


def regenerate_recovery_codes(user_id: int) -> list[str]:
    """Replace every recovery code of the user with ten new ones; returns them in clear (shown once)."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    codes = [_new_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(RecoveryCode(user_id=user_id, code_hash=hash_password(code)) for code in codes)
    db.session.flush()
    return codes


def unused_recovery_codes(user_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(RecoveryCode).where(
        RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)))


def _use_recovery_code(user_id: int, code: str) -> bool:
    code = _normalise_recovery_code(code)
    if len(code) != 11:
        return False
    unused = db.session.scalars(select(RecoveryCode).where(
        RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)).order_by(RecoveryCode.id)).all()
    for row in unused:
        if verify_password(row.code_hash, code):
            # Atomic: a code raced by two requests is spent by one of them only.
            result = db.session.execute(
                update(RecoveryCode).where(RecoveryCode.id == row.id, RecoveryCode.used_at.is_(None))
                .values(used_at=datetime.now(UTC)).execution_options(synchronize_session=False))
            return result.rowcount == 1
    return False


def verify_second_factor(user_id: int, code: str) -> str:
    """Check a sign-in code: returns "totp" or "recovery" (that code is now spent); raises InvalidCode."""
    user = db.session.get(User, user_id)
    if user is None or not user.has_two_factor:
        raise InvalidCode("no second factor")
    if _check_totp(user, code):
        return "totp"
    if _use_recovery_code(user_id, code):
        return "recovery"
    raise InvalidCode("wrong code")


def disable(user_id: int, code: str) -> None:
    """Turn the factor off (the caller has checked the password); needs a current code or a recovery code."""
    verify_second_factor(user_id, code)
    user = db.session.get(User, user_id)
    user.two_factor_secret = None
    user.two_factor_enabled_at = None
    user.two_factor_last_step = None
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user_id))
    db.session.flush()


def two_factor_required(user: User) -> bool:
    """Whether this user must sign in with a second factor: platform staff of a platform that
    requires it; super admins (who act on every platform) as soon as any platform does."""
    if not user.is_platform_staff:
        return False
    query = exists().where(Platform.require_two_factor.is_(True))
    if not user.is_super_admin:
        query = query.where(Platform.id.in_(user.platform_ids or {-1}))
    return bool(db.session.scalar(select(query)))


def required_step(user) -> str | None:
    """The account gate: the endpoint a signed-in user must finish first (setting up the second
    factor their platform requires), or None."""
    if user.has_two_factor or not user.is_platform_staff:
        return None
    return SETUP_VIEW if two_factor_required(user) else None
