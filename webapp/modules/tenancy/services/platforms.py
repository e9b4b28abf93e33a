"""Platforms: creation, changes and the admin's view of them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask import current_app
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import DuplicateCode, InvalidFields, TenancyError
from webapp.modules.tenancy.models import (
    SIGNUP_POLICIES,
    Merchant,
    Platform,
    PlatformStaff,
    Store,
    StoreMembership,
    User,
)
from webapp.modules.tenancy.services.codes import (
    code_format_problem,
    hostname_problem,
    normalise_code,
    normalise_domain,
)
from webapp.modules.tenancy.services.directory import invalidate_after_commit
from webapp.modules.tenancy.services.themes import THEME_COLOURS, colour_problem

PLATFORM_CODE_PROBLEMS = ("length", "characters")


@dataclass(frozen=True)
class PlatformSettings:
    """What an admin edits on a platform (the code is fixed once created)."""

    name: str
    domain: str = ""
    default_language: str = "en"
    languages: tuple[str, ...] = ("en",)
    primary: str = ""
    accent: str = ""
    signup_policy: str = "open"
    require_two_factor: bool = False


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


def _settings_problems(settings: PlatformSettings, *, platform_id: int | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not " ".join(settings.name.split()) or len(settings.name) > 120:
        problems["name"] = "length"
    domain = normalise_domain(settings.domain)
    if domain:
        taken = select(Platform.id).where(Platform.domain == domain)
        if platform_id is not None:
            taken = taken.where(Platform.id != platform_id)
        problems.update({"domain": hostname_problem(domain) or ("taken" if db.session.scalar(taken) else "")})
    known = set(current_app.config["LANGUAGES"])
    if not settings.languages or not set(settings.languages) <= known:
        problems["languages"] = "unknown"
    if settings.default_language not in settings.languages:
        problems["default_language"] = "unknown"
    for name in THEME_COLOURS:
        value = getattr(settings, name)
        if value:
            problems[name] = colour_problem(value) or ""
    if settings.signup_policy not in SIGNUP_POLICIES:
        problems["signup_policy"] = "unknown"
    return {name: problem for name, problem in problems.items() if problem}


def _apply(platform: Platform, settings: PlatformSettings) -> None:
    platform.name = " ".join(settings.name.split())
    platform.domain = normalise_domain(settings.domain) or None
    platform.languages = list(dict.fromkeys(settings.languages))
    platform.default_language = settings.default_language
    theme = dict(platform.theme or {})
    for name in THEME_COLOURS:
        value = getattr(settings, name).lower()
        if value:
            theme[name] = value
        else:
            theme.pop(name, None)
    platform.theme = theme
    platform.signup_policy = settings.signup_policy
    platform.require_two_factor = bool(settings.require_two_factor)


def platform_settings(platform_id: int) -> PlatformSettings:
    platform = db.session.get(Platform, platform_id)
    theme = platform.theme or {}
    return PlatformSettings(platform.name, platform.domain or "", platform.default_language,
                            tuple(platform.languages or ()), theme.get("primary", ""), theme.get("accent", ""),
                            platform.signup_policy, platform.require_two_factor)


def settings_record(settings: PlatformSettings) -> dict:
    """The settings as the audit log keeps them (before → after)."""
    record = asdict(settings)
    record["languages"] = list(settings.languages)
    return record


def new_platform(code: str, settings: PlatformSettings) -> Platform:
    """Create a platform from an admin's form (InvalidFields with each field at fault)."""
    code = normalise_code(code)
    problems = _settings_problems(settings, platform_id=None)
    code_problem = code_format_problem(code)
    if code_problem in PLATFORM_CODE_PROBLEMS:
        problems["code"] = code_problem
    elif db.session.scalar(select(Platform.id).where(Platform.code == code)):
        problems["code"] = "taken"
    if problems:
        raise InvalidFields(problems)
    platform = Platform(code=code, name="", theme={})
    _apply(platform, settings)
    db.session.add(platform)
    db.session.flush()
    invalidate_after_commit()
    return platform


def update_platform(platform_id: int, settings: PlatformSettings) -> Platform:
    """Change a platform's settings (InvalidFields with each field at fault); the code stays."""
    problems = _settings_problems(settings, platform_id=platform_id)
    if problems:
        raise InvalidFields(problems)
    platform = db.session.get(Platform, platform_id)
    _apply(platform, settings)
    db.session.flush()
    invalidate_after_commit()  # the domain and languages are what routing serves
    return platform


@dataclass(frozen=True)
class PlatformCounts:
    stores: int
    pending_stores: int
    merchants: int
    staff: int


def platform_counts(platform_id: int) -> PlatformCounts:
    """Figures for a platform's detail page, in four small queries."""
    stores = db.session.execute(select(func.count(Store.id), func.count(Store.id).filter(Store.status == "pending"))
                                .where(Store.platform_id == platform_id)).one()
    merchants = db.session.scalar(select(func.count(func.distinct(Store.merchant_id)))
                                  .where(Store.platform_id == platform_id))
    staff = db.session.scalar(select(func.count(func.distinct(StoreMembership.user_id)))
                              .join(Store, Store.id == StoreMembership.store_id)
                              .where(Store.platform_id == platform_id))
    return PlatformCounts(stores[0], stores[1], merchants or 0, staff or 0)


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
    if actor.admin_platform_ids is not None:
        query = query.where(Platform.id.in_(actor.admin_platform_ids))
    return list(db.session.scalars(query))


def get_store_for_admin(code: str, *, actor_id: int) -> Store | None:
    """The store `code` if this admin may manage its platform (platform admins: only their own)."""
    actor = _admin(actor_id)
    store = db.session.scalar(select(Store).where(Store.code == code))
    if store is None or not actor.can_manage_platform(store.platform_id):
        return None
    return store


def get_merchant_for_admin(merchant_id: int, *, actor_id: int) -> Merchant | None:
    """The merchant if this admin may see it (platform admins: only merchants with a store on their platforms)."""
    actor = _admin(actor_id)
    merchant = db.session.get(Merchant, merchant_id)
    if merchant is None:
        return None
    if actor.admin_platform_ids is None:
        return merchant
    platforms = set(db.session.scalars(select(Store.platform_id).where(Store.merchant_id == merchant_id)))
    return merchant if platforms & set(actor.admin_platform_ids) else None


@dataclass(frozen=True)
class AdminCounts:
    platforms: int
    merchants: int
    stores: int
    active: int
    pending: int
    staff: int


def admin_counts(platform_ids: list[int] | None) -> AdminCounts:
    """The admin dashboard's figures, for every platform (None) or only the given ones, in one query."""
    platforms = select(func.count(Platform.id))
    merchants = select(func.count(Merchant.id))
    stores = select(func.count(Store.id))
    staff = select(func.count(User.id)).where(User.platform_role.is_not(None))
    if platform_ids is not None:
        platforms = platforms.where(Platform.id.in_(platform_ids))
        stores = stores.where(Store.platform_id.in_(platform_ids))
        merchants = merchants.where(Merchant.id.in_(select(Store.merchant_id)
                                                    .where(Store.platform_id.in_(platform_ids))))
        staff = staff.where(User.id.in_(select(PlatformStaff.user_id)
                                        .where(PlatformStaff.platform_id.in_(platform_ids))))
    row = db.session.execute(select(
        platforms.scalar_subquery(), merchants.scalar_subquery(), stores.scalar_subquery(),
        stores.where(Store.status == "active").scalar_subquery(),
        stores.where(Store.status == "pending").scalar_subquery(), staff.scalar_subquery(),
    )).one()
    return AdminCounts(*row)


def admin_platform_ids(*, actor_id: int) -> tuple[int, ...] | None:
    """The platforms whose data this staff user may see: None for a super admin (all), else theirs.

    For other modules (the audit log, search); the rule itself is `User.admin_platform_ids`.
    """
    scope = _admin(actor_id).admin_platform_ids
    return None if scope is None else tuple(scope)
