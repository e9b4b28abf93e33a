"""First install and later platform staff: what `flask orion init` and `create-user` write.

Both are safe to repeat: existing rows are compared, never overwritten, so an install script may
run them on every boot.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import DuplicateCode, InstallConflict
from webapp.modules.tenancy.models import SUPER_ADMIN, Platform, User
from webapp.modules.tenancy.services.platforms import create_platform
from webapp.modules.tenancy.services.users import create_user, normalise_email

STAFF_ROLES = (SUPER_ADMIN, "platform_admin", "translator")


@dataclass(frozen=True)
class InstallOutcome:
    """What an install step did: `created` False means the row was already there, unchanged."""

    id: int
    created: bool
    note: str = ""


def install_platform(code: str, name: str, *, domain: str, languages: tuple[str, ...],
                     default_language: str) -> InstallOutcome:
    """Create the platform `code`, or accept an existing one that has the same domain."""
    code = code.strip().lower()
    domain = domain.strip().lower()
    existing = db.session.scalar(select(Platform).where(Platform.code == code))
    if existing is not None:
        if (existing.domain or "") != domain:
            raise InstallConflict(f"platform {code!r} exists with domain {existing.domain!r}, not {domain!r}; "
                                  "change its domain in admin → Platforms, not with init")
        differs = [field for field, value in (("name", name.strip()), ("languages", list(languages)),
                                              ("default language", default_language))
                   if getattr(existing, field.replace(" ", "_")) != value]
        note = ("kept its current " + ", ".join(differs)) if differs else ""
        return InstallOutcome(existing.id, created=False, note=note)
    owner = db.session.scalar(select(Platform.code).where(Platform.domain == domain))
    if owner is not None:
        raise InstallConflict(f"domain {domain!r} already belongs to platform {owner!r}")
    platform = create_platform(code, name, domain=domain, languages=languages, default_language=default_language)
    return InstallOutcome(platform.id, created=True)


def install_super_admin(email: str, password: str, *, name: str = "") -> InstallOutcome:
    """Create the first super admin; once any super admin exists, nothing changes (passwords stay)."""
    email = normalise_email(email)
    user = db.session.scalar(select(User).where(User.email == email))
    if user is not None and user.platform_role != SUPER_ADMIN:
        raise InstallConflict(f"user {email!r} exists and is not a super admin")
    if user is not None:
        return InstallOutcome(user.id, created=False)
    first = db.session.scalar(select(User).where(User.platform_role == SUPER_ADMIN).order_by(User.id).limit(1))
    if first is not None:
        return InstallOutcome(first.id, created=False,
                       note=f"a super admin already exists ({first.email}); add more with `flask orion create-user`")
    return InstallOutcome(create_user(email, password, name=name.strip(), platform_role=SUPER_ADMIN).id, created=True)


def create_staff_user(email: str, password: str, *, name: str, role: str, platform_code: str | None = None) -> User:
    """A platform user: super admin, platform admin (of exactly one platform) or translator."""
    if role not in STAFF_ROLES:
        raise InstallConflict(f"unknown role {role!r} (one of {', '.join(STAFF_ROLES)})")
    if role == "platform_admin" and not platform_code:
        raise InstallConflict("a platform admin needs a platform (--platform CODE)")
    if role != "platform_admin" and platform_code:
        raise InstallConflict(f"a {role} is not tied to a platform; leave out --platform")
    platform_id = None
    if platform_code:
        platform_id = db.session.scalar(select(Platform.id).where(Platform.code == platform_code.strip().lower()))
        if platform_id is None:
            raise InstallConflict(f"unknown platform {platform_code!r}")
    try:
        return create_user(email, password, name=name.strip(), platform_role=role, platform_id=platform_id)
    except DuplicateCode:
        raise InstallConflict(f"a user with email {normalise_email(email)!r} already exists") from None


class Installer:
    """The framework's `installer` port (the CLI may not import this module)."""

    staff_roles = STAFF_ROLES
    install_platform = staticmethod(install_platform)
    install_super_admin = staticmethod(install_super_admin)
    create_staff_user = staticmethod(create_staff_user)
