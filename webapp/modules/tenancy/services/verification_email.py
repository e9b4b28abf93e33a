"""Email verification of self-service owners: signed, expiring, single-use links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.messaging import services as messaging  # the package: messaging imports tenancy too
from webapp.modules.tenancy.models import Platform, Store, StoreMembership, User
from webapp.modules.tenancy.services.users import normalise_email

SALT = "tenancy.email-verification"
TEMPLATE = "tenancy/emails/verify_email"


@dataclass(frozen=True)
class Verification:
    status: str  # "verified" | "expired" | "invalid" | "used"
    user_id: int | None = None
    store_id: int | None = None


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age() -> int:
    return int(current_app.config["TENANCY_EMAIL_VERIFICATION_MAX_AGE"])


def _first_owned_store(user_id: int, platform_id: int) -> Store | None:
    return db.session.scalar(select(Store).join(StoreMembership, StoreMembership.store_id == Store.id)
                             .where(StoreMembership.user_id == user_id, StoreMembership.role == "owner",
                                    Store.platform_id == platform_id).order_by(Store.id))


def make_verification_token(user_id: int, store_id: int) -> str:
    # The address is signed too: a link stays bound to the address it was sent to.
    user = db.session.get(User, user_id)
    return _serializer().dumps({"u": user.id, "e": user.email, "s": store_id})


def send_verification_email(platform_id: int, user_id: int, *, link: Callable[[str], str],
                            locale: str) -> bool:
    """Email the verification link (`link(token)`) to an unverified owner; False when there is nothing to verify."""
    user = db.session.get(User, user_id)
    store = _first_owned_store(user_id, platform_id) if user is not None else None
    if user is None or user.is_email_verified or store is None:
        return False
    platform = db.session.get(Platform, platform_id)
    hours = _max_age() // 3600
    messaging.send_email(None, TEMPLATE, user.email,
                         {"name": user.name, "platform_name": platform.name, "store_name": store.name,
                          "expires_hours": hours, "verify_url": link(make_verification_token(user.id, store.id))},
                         locale=user.locale or locale, platform_id=platform_id)
    return True


def resend_verification(email: str, *, link: Callable[[str, str], str], locale: str) -> bool:
    """A new link (`link(platform_code, token)`) if the address belongs to an unverified store owner; else nothing."""
    user_id = db.session.scalar(select(User.id).where(User.email == normalise_email(email)))
    platform_id = owner_platform_id(user_id) if user_id is not None else None
    if platform_id is None:
        return False
    code = db.session.get(Platform, platform_id).code
    return send_verification_email(platform_id, user_id, link=lambda token: link(code, token), locale=locale)


def check_verification(platform_id: int, token: str) -> Verification:
    """What a link of this platform would do, without doing it ("verified" meaning it is good to use)."""
    try:
        payload = _serializer().loads(token, max_age=_max_age())
    except SignatureExpired:
        return Verification("expired")
    except BadSignature:
        return Verification("invalid")
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int) or not isinstance(payload.get("s"), int):
        return Verification("invalid")
    user = db.session.get(User, payload["u"])
    store = db.session.get(Store, payload["s"])
    if user is None or store is None or store.platform_id != platform_id or user.email != payload.get("e"):
        return Verification("invalid")
    if user.is_email_verified:
        return Verification("used", user.id, store.id)
    return Verification("verified", user.id, store.id)


def verify_email(platform_id: int, token: str) -> Verification:
    """Mark the address verified from a link of this platform; what went wrong otherwise."""
    outcome = check_verification(platform_id, token)
    if outcome.status == "verified":
        db.session.get(User, outcome.user_id).email_verified_at = datetime.now(UTC)
        db.session.flush()
    return outcome


def owner_platform_id(user_id: int) -> int | None:
    """The platform of the first store this user owns (where their verification links point)."""
    return db.session.scalar(select(Store.platform_id).join(StoreMembership, StoreMembership.store_id == Store.id)
                             .where(StoreMembership.user_id == user_id, StoreMembership.role == "owner")
                             .order_by(Store.id))
