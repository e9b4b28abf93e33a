"""What platform admins do with stores: create one for a merchant, change it, approve it, look at it."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from babel.numbers import list_currencies
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import InvalidFields
from webapp.modules.tenancy.models import Platform, Store, StoreMembership
from webapp.modules.tenancy.services.codes import normalise_code, store_code_problem, subdomain_problem
from webapp.modules.tenancy.services.directory import invalidate_after_commit


@dataclass(frozen=True)
class StoreSettings:
    """What an admin sets on a store (the code is fixed once created)."""

    name: str
    subdomain: str
    default_language: str = "en"
    languages: tuple[str, ...] = ("en",)
    currency: str = "EUR"


def store_admin_settings(store_id: int) -> StoreSettings:
    store = db.session.get(Store, store_id)
    return StoreSettings(store.name, store.subdomain or "", store.default_language, tuple(store.languages or ()),
                         store.currency)


def settings_record(settings: StoreSettings) -> dict:
    """The settings as the audit log keeps them (before → after)."""
    return {**asdict(settings), "languages": list(settings.languages)}


def store_problems(platform_id: int, settings: StoreSettings, *, store_id: int | None) -> dict[str, str]:
    platform = db.session.get(Platform, platform_id)
    problems = {"subdomain": subdomain_problem(platform_id, settings.subdomain, store_id=store_id)}
    name = " ".join(settings.name.split())
    problems["name"] = "length" if not name or len(name) > 120 else None
    offered = set(platform.languages or ())
    problems["languages"] = "unknown" if not settings.languages or not set(settings.languages) <= offered else None
    problems["default_language"] = "unknown" if settings.default_language not in settings.languages else None
    problems["currency"] = "unknown" if settings.currency not in list_currencies() else None
    return {field: problem for field, problem in problems.items() if problem}


def _apply(store: Store, settings: StoreSettings) -> None:
    store.name = " ".join(settings.name.split())
    store.subdomain = normalise_code(settings.subdomain)
    store.languages = list(dict.fromkeys(settings.languages))
    store.default_language = settings.default_language
    store.currency = settings.currency


def new_store(platform_id: int, merchant_id: int, code: str, settings: StoreSettings, *,
              owner_id: int | None = None, status: str = "active") -> Store:
    """Open a store for a merchant (InvalidFields with each field at fault); its owner joins its team."""
    problems = store_problems(platform_id, settings, store_id=None)
    if problem := store_code_problem(code):
        problems["code"] = problem
    if problems:
        raise InvalidFields(problems)
    store = Store(merchant_id=merchant_id, platform_id=platform_id, code=normalise_code(code), status=status,
                  theme={})
    _apply(store, settings)
    db.session.add(store)
    db.session.flush()
    if owner_id is not None:
        db.session.add(StoreMembership(store_id=store.id, user_id=owner_id, role="owner"))
        db.session.flush()
    invalidate_after_commit()
    return store


def update_store(store_id: int, settings: StoreSettings) -> Store:
    """Change a store's name, subdomain, languages and currency (InvalidFields with each field at fault)."""
    store = db.session.get(Store, store_id)
    problems = store_problems(store.platform_id, settings, store_id=store_id)
    if problems:
        raise InvalidFields(problems)
    _apply(store, settings)
    db.session.flush()
    invalidate_after_commit()  # routing serves the subdomain, pages the name and languages
    return store


def store_team(store_id: int) -> list[StoreMembership]:
    """The store's members with their users, owners first."""
    order = {"owner": 0, "manager": 1, "staff": 2}
    members = db.session.scalars(select(StoreMembership).where(StoreMembership.store_id == store_id)
                                 .options(selectinload(StoreMembership.user)))
    return sorted(members, key=lambda m: (order.get(m.role, 3), m.user.email))


def merchant_team(merchant_id: int) -> list[StoreMembership]:
    """Members of every store of the merchant, with their user and store."""
    return list(db.session.scalars(
        select(StoreMembership).join(Store, Store.id == StoreMembership.store_id)
        .where(Store.merchant_id == merchant_id)
        .options(selectinload(StoreMembership.user), selectinload(StoreMembership.store))
        .order_by(Store.name, StoreMembership.role, StoreMembership.id)))
