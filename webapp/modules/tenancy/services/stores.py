"""Merchants, stores and their domains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.modules.tenancy.exceptions import DuplicateCode, TenancyError
from webapp.modules.tenancy.models import Invitation, Merchant, Store, StoreDomain, StoreMembership, User
from webapp.modules.tenancy.services.directory import invalidate_after_commit

PER_PAGE = 20


def create_merchant(legal_name: str, *, owner_id: int | None = None, vat_number: str | None = None,
                    city: str = "", country: str = "LU") -> Merchant:
    merchant = Merchant(legal_name=legal_name.strip(), owner_id=owner_id, vat_number=vat_number, city=city,
                        country=country)
    db.session.add(merchant)
    db.session.flush()
    return merchant


def create_store(platform_id: int, merchant_id: int, code: str, name: str, *, subdomain: str | None = None,
                 languages=("en",), default_language: str = "en", currency: str = "EUR",
                 status: str = "active", theme: dict | None = None) -> Store:
    """Create a store of `merchant_id` on the platform; codes are unique, subdomains unique per platform."""
    code = code.strip().lower()
    if db.session.scalar(select(Store.id).where(Store.code == code)):
        raise DuplicateCode(f"store {code!r} exists")
    store = Store(merchant_id=merchant_id, platform_id=platform_id, code=code, name=name.strip(),
                  subdomain=(subdomain or code).lower(), languages=list(languages),
                  default_language=default_language, currency=currency, status=status, theme=theme or {})
    db.session.add(store)
    db.session.flush()
    invalidate_after_commit()
    return store


def add_store_domain(store_id: int, domain: str, *, verified: bool = False) -> StoreDomain:
    """Give a store another host name (served once verified); a domain belongs to one store."""
    domain = domain.strip().lower().rstrip(".")
    if db.session.scalar(select(StoreDomain.id).where(StoreDomain.domain == domain)):
        raise DuplicateCode(f"domain {domain!r} is taken")
    record = StoreDomain(store_id=store_id, domain=domain, is_verified=verified)
    db.session.add(record)
    db.session.flush()
    invalidate_after_commit()
    return record


def set_store_status(store_id: int, status: str) -> Store:
    """Open (active) or close (suspended) a store; its storefront follows after the commit."""
    if status not in ("active", "suspended"):
        raise TenancyError(f"unknown store status {status!r}")
    store = db.session.get(Store, store_id)
    if store is None:
        raise TenancyError(f"unknown store {store_id}")
    store.status = status
    db.session.flush()
    invalidate_after_commit()
    return store


def add_member(store_id: int, user_id: int, role: str) -> StoreMembership:
    """Put a platform user on a store's team with a role (owner, manager, staff)."""
    membership = StoreMembership(store_id=store_id, user_id=user_id, role=role)
    db.session.add(membership)
    db.session.flush()
    return membership


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped.lower()}%"


def search_stores(term: str = "", *, page: int = 1, platform_ids: list[int] | None = None, status: str = ""):
    """Stores matching `term` (name, code or merchant), newest first, one page."""
    query = (select(Store).join(Merchant).options(selectinload(Store.merchant), selectinload(Store.platform))
             .order_by(Store.created_at.desc(), Store.id.desc()))
    if term.strip():
        pattern = _like(term.strip())
        query = query.where(or_(func.lower(Store.name).like(pattern, escape="\\"),
                                func.lower(Store.code).like(pattern, escape="\\"),
                                func.lower(Merchant.legal_name).like(pattern, escape="\\")))
    if platform_ids is not None:
        query = query.where(Store.platform_id.in_(platform_ids))
    if status:
        query = query.where(Store.status == status)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def search_merchants(term: str = "", *, page: int = 1, platform_ids: list[int] | None = None):
    """Merchants matching `term` (legal name, VAT number, owner email), one page.

    With `platform_ids`, only merchants with a store on one of those platforms.
    """
    query = (select(Merchant).outerjoin(User, Merchant.owner_id == User.id)
             .options(selectinload(Merchant.owner), selectinload(Merchant.stores))
             .order_by(Merchant.legal_name, Merchant.id))
    if platform_ids is not None:
        query = query.where(Merchant.id.in_(select(Store.merchant_id).where(Store.platform_id.in_(platform_ids))))
    if term.strip():
        pattern = _like(term.strip())
        query = query.where(or_(func.lower(Merchant.legal_name).like(pattern, escape="\\"),
                                func.lower(Merchant.vat_number).like(pattern, escape="\\"),
                                func.lower(User.email).like(pattern, escape="\\")))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def stores_of_user(user_id: int) -> list[Store]:
    """Stores a platform user may open in the dashboard: those of their teams (staff use the support view)."""
    query = select(Store).order_by(Store.name)
    if db.session.get(User, user_id) is None:
        return []
    query = query.join(StoreMembership).where(StoreMembership.user_id == user_id)
    return list(db.session.scalars(query.limit(200)))


def store_names(store_ids) -> dict[int, str]:
    """Names of the given stores, in one query (for emails, lists and reports of other modules)."""
    ids = {store_id for store_id in store_ids if store_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(Store.id, Store.name).where(Store.id.in_(ids))).all())


def store_codes(store_ids) -> dict[int, str]:
    """Codes of the given stores, in one query."""
    ids = {store_id for store_id in store_ids if store_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(Store.id, Store.code).where(Store.id.in_(ids))).all())


@dataclass(frozen=True)
class MerchantSummary:
    """A merchant as other modules' admin lists show it: name and its stores on one platform."""

    id: int
    legal_name: str
    stores: tuple[tuple[int, str, str, int], ...]  # (id, code, name, platform id)

    def stores_on(self, platform_id: int) -> tuple[tuple[int, str, str, int], ...]:
        return tuple(store for store in self.stores if store[3] == platform_id)


def merchant_summaries(merchant_ids) -> dict[int, MerchantSummary]:
    """Names and stores of the given merchants, in two queries."""
    ids = {merchant_id for merchant_id in merchant_ids if merchant_id is not None}
    if not ids:
        return {}
    stores: dict[int, list[tuple[int, str, str, int]]] = {merchant_id: [] for merchant_id in ids}
    query = select(Store.merchant_id, Store.id, Store.code, Store.name, Store.platform_id).where(
        Store.merchant_id.in_(ids))
    for row in db.session.execute(query.order_by(Store.name, Store.id)):
        stores[row.merchant_id].append((row.id, row.code, row.name, row.platform_id))
    return {row.id: MerchantSummary(row.id, row.legal_name, tuple(stores[row.id]))
            for row in db.session.execute(select(Merchant.id, Merchant.legal_name).where(Merchant.id.in_(ids)))}


def merchants_named(term: str):
    """A subquery of the ids of merchants whose legal name contains `term` (for other modules' filters)."""
    return select(Merchant.id).where(func.lower(Merchant.legal_name).like(_like(term.strip()), escape="\\"))


def platform_id_of_store(store_id: int) -> int | None:
    return db.session.scalar(select(Store.platform_id).where(Store.id == store_id))


def store_owner_and_platform(store_id: int) -> tuple[int, int] | None:
    """(merchant id, platform id) of a store: whose subscription governs it (billing)."""
    row = db.session.execute(select(Store.merchant_id, Store.platform_id).where(Store.id == store_id)).first()
    return None if row is None else (row.merchant_id, row.platform_id)


def seats_in_use(store_id: int) -> int:
    """Team members plus open invitations (each will take a seat when accepted)."""
    members = select(func.count()).select_from(StoreMembership).where(StoreMembership.store_id == store_id)
    invited = select(func.count()).select_from(Invitation).where(
        Invitation.store_id == store_id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None),
        Invitation.expires_at > datetime.now(UTC))
    return db.session.execute(select(members.scalar_subquery() + invited.scalar_subquery())).scalar_one()


def stores_of_same_merchant(store_id: int) -> int:
    """How many stores the merchant of `store_id` runs on the same platform (the plan's `stores`)."""
    owner = store_owner_and_platform(store_id)
    if owner is None:
        return 0
    return merchant_store_count(*owner)


def merchant_store_count(merchant_id: int, platform_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Store).where(
        Store.merchant_id == merchant_id, Store.platform_id == platform_id)) or 0


def merchant_store_ids(merchant_id: int, platform_id: int) -> list[int]:
    return list(db.session.scalars(select(Store.id).where(Store.merchant_id == merchant_id,
                                                          Store.platform_id == platform_id).order_by(Store.id)))


def store_language_count(store_id: int) -> int:
    languages = db.session.scalar(select(Store.languages).where(Store.id == store_id))
    return len(languages or ())


def store_timezone(store_id: int) -> str:
    """The IANA time zone the store's dates (and its month, for plan limits) are counted in."""
    return db.session.scalar(select(Store.timezone).where(Store.id == store_id)) or "UTC"


def merchant_store_on_platform(merchant_id: int, platform_id: int) -> int | None:
    """One store of the merchant on the platform (the first): whose plan limits a new store meets."""
    return db.session.scalar(select(Store.id).where(Store.merchant_id == merchant_id, Store.platform_id == platform_id)
                             .order_by(Store.id).limit(1))


def store_id_by_code(code: str) -> int | None:
    return db.session.scalar(select(Store.id).where(Store.code == code))


@dataclass(frozen=True)
class StoreLanguages:
    """The languages a store writes its content in; `default` is what the others fall back to."""

    default: str
    languages: tuple[str, ...]


def store_languages(store_id: int) -> StoreLanguages:
    """The store's default language and languages (other modules' services need them; kept in the
    tenant directory's cache, so usually no query)."""
    info = tenant_directory().store_by_id(store_id)
    if info is None:
        raise TenancyError(f"unknown store {store_id}")
    return StoreLanguages(info.default_language, tuple(info.languages or (info.default_language,)))


def open_stores(platform_id: int, *, limit: int = 24) -> list[Store]:
    """The platform's open stores by name (its home page lists them)."""
    return list(db.session.scalars(select(Store).where(Store.platform_id == platform_id, Store.status == "active")
                                   .order_by(Store.name).limit(limit)))


def store_ids_on_platforms(platform_ids) -> list[int]:
    """Ids of every store on the given platforms (admin scoping of other modules' cross-store reads)."""
    ids = list(platform_ids)
    if not ids:
        return []
    return list(db.session.scalars(select(Store.id).where(Store.platform_id.in_(ids))))
