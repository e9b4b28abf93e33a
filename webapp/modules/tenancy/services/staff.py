"""Platform staff: the list, invitations, roles scoped to platforms, deactivation.

An invitation link is signed and expires; it is single-use because it signs a fingerprint of the
password hash, which changes the moment the invitee chooses a password.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import InvalidFields, StaffGuard, TenancyError
from webapp.modules.tenancy.models import PLATFORM_ROLES, SUPER_ADMIN, Platform, PlatformStaff, User
from webapp.modules.tenancy.services.users import create_user, normalise_email, set_password

INVITATION_SALT = "tenancy.staff-invitation"
PER_PAGE = 20
SCOPED_ROLES = ("platform_admin", "translator")


@dataclass(frozen=True)
class StaffRole:
    """A platform role and, for platform admins and translators, the platforms it covers."""

    role: str
    platform_ids: tuple[int, ...] = ()


def _actor(actor_id: int) -> User:
    actor = db.session.get(User, actor_id)
    if actor is None or not actor.is_platform_staff:
        raise TenancyError(f"user {actor_id} is not platform staff")
    return actor


def _staff_query(actor: User):
    query = select(User).where(User.platform_role.is_not(None))
    if actor.admin_platform_ids is not None:
        query = query.where(User.id.in_(select(PlatformStaff.user_id)
                                        .where(PlatformStaff.platform_id.in_(actor.admin_platform_ids))))
    return query


def search_staff(term: str = "", *, actor_id: int, role: str = "", platform_id: int | None = None, page: int = 1):
    """Platform staff the actor may see (platform admins: staff of their platforms), by email, one page."""
    query = (_staff_query(_actor(actor_id)).options(selectinload(User.staff_platforms))
             .order_by(User.email, User.id))
    if term.strip():
        escaped = term.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(or_(func.lower(User.email).like(pattern, escape="\\"),
                                func.lower(User.name).like(pattern, escape="\\")))
    if role:
        query = query.where(User.platform_role == role)
    if platform_id is not None:
        query = query.where(User.id.in_(select(PlatformStaff.user_id).where(PlatformStaff.platform_id == platform_id)))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def get_staff_for_admin(user_id: int, *, actor_id: int) -> User | None:
    """The staff member if the actor may see them (platform admins: staff of one of their platforms)."""
    return db.session.scalar(_staff_query(_actor(actor_id)).where(User.id == user_id))


def role_problems(role: StaffRole, *, actor_id: int) -> dict[str, str]:
    """What the actor may not grant: super admin (only super admins), platforms outside their own."""
    actor = _actor(actor_id)
    problems = {}
    if role.role not in PLATFORM_ROLES or (role.role == SUPER_ADMIN and not actor.is_super_admin):
        problems["role"] = "not_allowed"
    if role.role in SCOPED_ROLES:
        known = set(db.session.scalars(select(Platform.id).where(Platform.id.in_(role.platform_ids))))
        allowed = known if actor.is_super_admin else known & actor.platform_ids
        if not role.platform_ids or set(role.platform_ids) - allowed:
            problems["platforms"] = "not_allowed"
    return problems


def _scope(user: User, role: StaffRole, actor: User) -> None:
    """Set the user's platforms: the chosen ones, plus those the actor cannot see (left as they were)."""
    kept = [] if actor.is_super_admin else [p for p in user.staff_platforms if p.id not in actor.platform_ids]
    chosen = list(db.session.scalars(select(Platform).where(Platform.id.in_(role.platform_ids))))
    user.staff_platforms = kept + chosen if role.role in SCOPED_ROLES else []


def invite_staff(email: str, name: str, role: StaffRole, *, actor_id: int) -> User:
    """A new platform user with `role`, who chooses a password through an invitation (InvalidFields)."""
    problems = role_problems(role, actor_id=actor_id)
    if db.session.scalar(select(User.id).where(User.email == normalise_email(email))):
        problems["email"] = "taken"
    if problems:
        raise InvalidFields(problems)
    user = create_user(email, secrets.token_urlsafe(32), name=" ".join(name.split()), platform_role=role.role)
    _scope(user, role, _actor(actor_id))
    db.session.flush()
    return user


def _super_admins_left(excluding: int) -> int:
    return db.session.scalar(select(func.count(User.id)).where(
        User.platform_role == SUPER_ADMIN, User.active.is_(True), User.id != excluding)) or 0


def _guard(user: User, actor: User) -> None:
    if user.id == actor.id:
        raise StaffGuard("you cannot change your own role or deactivate yourself")
    if user.platform_role == SUPER_ADMIN and user.active and not _super_admins_left(user.id):
        raise StaffGuard("the last super admin stays")


def update_staff_role(user_id: int, role: StaffRole, *, actor_id: int) -> User:
    """Change a staff member's role and platforms (StaffGuard for oneself and the last super admin)."""
    actor, user = _actor(actor_id), db.session.get(User, user_id)
    problems = role_problems(role, actor_id=actor_id)
    if problems:
        raise InvalidFields(problems)
    if role.role != user.platform_role:
        _guard(user, actor)
    elif user.id == actor.id and set(role.platform_ids) != user.platform_ids:
        raise StaffGuard("you cannot change your own platforms")
    user.platform_role = role.role
    _scope(user, role, actor)
    db.session.flush()
    return user


def set_staff_active(user_id: int, active: bool, *, actor_id: int) -> User:
    """Deactivate (they cannot sign in; their sessions end) or reactivate a staff member."""
    actor, user = _actor(actor_id), db.session.get(User, user_id)
    if not active:
        _guard(user, actor)
    user.active = active
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()
    return user


def staff_record(user: User) -> dict:
    """Role, platforms and state as the audit log keeps them (before → after)."""
    return {"role": user.platform_role, "platforms": sorted(p.code for p in user.staff_platforms),
            "active": user.active}


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=INVITATION_SALT)


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:24]


def invitation_token(user_id: int) -> str:
    """A signed link token for the user to choose their first password."""
    user = db.session.get(User, user_id)
    return _serializer().dumps({"u": user.id, "f": _fingerprint(user)})


def invitation_max_age() -> int:
    return int(current_app.config["TENANCY_INVITATION_MAX_AGE"])


def invited_user(token: str) -> tuple[User | None, str]:
    """(user, "") for a valid invitation, else (None, "expired" | "used" | "invalid")."""
    try:
        payload = _serializer().loads(token, max_age=invitation_max_age())
    except SignatureExpired:
        return None, "expired"
    except BadSignature:
        return None, "invalid"
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        return None, "invalid"
    user = db.session.get(User, payload["u"])
    if user is None or not user.active:
        return None, "invalid"
    if payload.get("f") != _fingerprint(user):
        return None, "used"
    return user, ""


def accept_staff_invitation(user_id: int, password: str) -> User:
    """The invitee's password: the link is spent (the fingerprint changed)."""
    set_password(user_id, password)
    return db.session.get(User, user_id)
