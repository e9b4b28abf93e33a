"""Platform users: creation, sign-in check, password changes."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy import func, or_, select

from webapp.extensions import db
from webapp.framework.auth.passwords import hash_password, needs_rehash, verify_password
from webapp.modules.tenancy.exceptions import DuplicateCode
from webapp.modules.tenancy.models import Platform, PlatformStaff, Store, StoreMembership, User


@cache
def _dummy_hash() -> str:
    # Verifying against a real hash for unknown emails keeps response times alike.
    return hash_password("orion-timing-equaliser")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, *, name: str = "", platform_role: str | None = None,
                platform_id: int | None = None, platform_ids=(), locale: str | None = None,
                verified: bool = True) -> User:
    """A platform user; platform admins and translators work on `platform_ids` (or the one `platform_id`).

    Staff, the CLI and the demo vouch for the address (`verified`); a signup does not."""
    email = normalise_email(email)
    if email_taken(email):
        raise DuplicateCode(f"user {email!r} exists")
    user = User(email=email, name=name, password_hash=hash_password(password), platform_role=platform_role,
                locale=locale, email_verified_at=datetime.now(UTC) if verified else None)
    ids = {*platform_ids, *([platform_id] if platform_id is not None else [])}
    user.staff_platforms = list(db.session.scalars(select(Platform).where(Platform.id.in_(ids)))) if ids else []
    db.session.add(user)
    db.session.flush()
    return user


def email_taken(email: str) -> bool:
    return db.session.scalar(select(User.id).where(func.lower(User.email) == normalise_email(email))) is not None


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; upgrades outdated hashes."""
    user = db.session.scalar(select(User).where(func.lower(User.email) == normalise_email(email)))
    if user is None:
        verify_password(_dummy_hash(), password)
        return None
    if not user.active or not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = datetime.now(UTC)
    db.session.flush()
    return user


def set_password(user_id: int, password: str) -> None:
    """Change the password and end every other session of this user."""
    user = db.session.get(User, user_id)
    user.password_hash = hash_password(password)
    user.session_version = (user.session_version or 1) + 1
    db.session.flush()


def load_user(session_id: str) -> User | None:
    """Flask-Login loader: `<id>:<session_version>`; a stale version signs the session out."""
    user_id, _, version = session_id.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def user_names(user_ids) -> dict[int, str]:
    """Display names of platform users by id, in one query (ledgers and audit trails show who)."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    rows = db.session.execute(select(User.id, User.name, User.email).where(User.id.in_(ids)))
    return {user_id: name or email for user_id, name, email in rows}


def user_emails(user_ids) -> dict[int, str]:
    """Email addresses of platform users by id, in one query (the audit log keeps who acted)."""
    ids = {user_id for user_id in user_ids if user_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())


def search_users(term: str, *, platform_ids: list[int] | tuple[int, ...] | None = None, limit: int = 5) -> list[User]:
    """Platform users whose email or name contains `term`; with `platform_ids`, only staff of those
    platforms and members of their stores."""
    pattern = "%" + term.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    query = (select(User).where(or_(func.lower(User.email).like(pattern, escape="\\"),
                                    func.lower(User.name).like(pattern, escape="\\")))
             .order_by(User.email).limit(limit))
    if platform_ids is not None:
        members = select(StoreMembership.user_id).join(Store).where(Store.platform_id.in_(platform_ids))
        staff = select(PlatformStaff.user_id).where(PlatformStaff.platform_id.in_(platform_ids))
        query = query.where(or_(User.id.in_(staff), User.id.in_(members)))
    return list(db.session.scalars(query))
