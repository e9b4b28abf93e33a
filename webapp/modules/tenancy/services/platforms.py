"""Platforms: creation and the admin's view of them."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import DuplicateCode, TenancyError
from webapp.modules.tenancy.models import Platform, Store, User
from webapp.modules.tenancy.services.directory import invalidate_after_commit


def create_platform(code: str, name: str, *, domain: str | None = None, languages=("en",),
                    default_language: str = "en", theme: dict | None = None) -> Platform:
    """Create a platform; codes and domains are unique."""
    code = code.strip().lower()
    if db.session.scalar(select(Platform.id).where(Platform.code == code)):
        raise DuplicateCode(f"platform {code!r} exists")
    platform = Platform(code=code, name=name.strip(), domain=(domain or "").strip().lower() or None,
                        languages=list(languages), default_language=default_language, theme=theme or {})
    db.session.add(platform)
    db.session.flush()
    invalidate_after_commit()
    return platform


def _admin(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise TenancyError(f"unknown user {user_id}")
    return user


def get_platform_for_admin(code: str, *, actor_id: int) -> Platform | None:
    """The platform `code` if this admin may manage it (platform admins: only their own)."""
    actor = _admin(actor_id)
    platform = db.session.scalar(select(Platform).where(Platform.code == code))
    if platform is None or not actor.can_manage_platform(platform.id):
        return None
    return platform


def platforms_for_admin(*, actor_id: int) -> list[Platform]:
    """The platforms this admin may see: all for a super admin, else their own."""
    actor = _admin(actor_id)
    query = select(Platform).order_by(Platform.name)
    if not actor.is_super_admin:
        query = query.where(Platform.id == (actor.platform_id or -1))
    return list(db.session.scalars(query))


def get_store_for_admin(code: str, *, actor_id: int) -> Store | None:
    """The store `code` if this admin may manage its platform (platform admins: only their own)."""
    actor = _admin(actor_id)
    store = db.session.scalar(select(Store).where(Store.code == code))
    if store is None or not actor.can_manage_platform(store.platform_id):
        return None
    return store


def admin_platform_ids(*, actor_id: int) -> tuple[int, ...] | None:
    """The platforms whose data this staff user may see: None for a super admin (all), else theirs.

    The one place that knows how a platform admin is tied to platforms; lists, the audit log and
    search scope by it.
    """
    actor = _admin(actor_id)
    if actor.is_super_admin:
        return None
    return (actor.platform_id,) if actor.platform_id else ()
