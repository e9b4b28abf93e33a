"""The tenant directory port: host, platform and store lookups for routing, cached.

Lookups are O(1) per request: results stay in a per-process cache that every process drops
together when tenancy data changes (after the commit that changed it).
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import event, select
from sqlalchemy.orm import Session, aliased

from webapp.extensions import db
from webapp.framework.caching import GenerationCache, versions
from webapp.framework.ports import HostMatch, PlatformInfo, StoreInfo
from webapp.modules.tenancy.models import Platform, PlatformModule, Store, StoreDomain

INVALIDATE_KEY = "tenancy.invalidate"
MAX_HOSTS = 10_000  # unknown hosts are cached as misses too; bound what a host scan can grow


class SqlTenantDirectory:
    def __init__(self):
        self._cache: GenerationCache | None = None

    @property
    def cache(self) -> GenerationCache:
        if self._cache is None:
            self._cache = GenerationCache("tenancy", versions(), current_app.config["TENANT_CACHE_TTL"])
        return self._cache

    def refresh(self) -> None:
        self.cache.sync()

    def invalidate(self) -> None:
        self.cache.invalidate()

    def match_host(self, host: str) -> HostMatch | None:
        if len(self.cache) > MAX_HOSTS:
            self.cache.invalidate()
        return self.cache.get(("host", host), lambda: _match_host(host))

    def platform(self, code: str) -> PlatformInfo | None:
        return self.cache.get(("platform", code), lambda: _platform_info(Platform.code == code))

    def platform_by_id(self, platform_id: int) -> PlatformInfo | None:
        return self.cache.get(("platform-id", platform_id), lambda: _platform_info(Platform.id == platform_id))

    def store(self, code: str) -> StoreInfo | None:
        return self.cache.get(("store", code), lambda: _store_info(Store.code == code))

    def store_by_id(self, store_id: int) -> StoreInfo | None:
        return self.cache.get(("store-id", store_id), lambda: _store_info(Store.id == store_id))

    def all_platforms(self) -> list[PlatformInfo]:
        codes = db.session.scalars(select(Platform.code).order_by(Platform.code)).all()
        return [self.platform(code) for code in codes]


def _match_host(host: str) -> HostMatch | None:
    platform = db.session.execute(select(Platform.code, Platform.domain).where(Platform.domain == host)).first()
    if platform:
        return HostMatch("platform", platform.code, platform_domain=platform.domain)
    subdomain, _, parent = host.partition(".")
    row = db.session.execute(
        select(Store.code, Platform.code.label("platform_code"), Platform.domain, _primary_domain(Store.id))
        .join(Platform, Store.platform_id == Platform.id)
        .where(Store.subdomain == subdomain, Platform.domain == parent)).first()
    if row is None:
        row = db.session.execute(
            select(Store.code, Platform.code.label("platform_code"), Platform.domain, _primary_domain(Store.id))
            .join(Platform, Store.platform_id == Platform.id)
            .join(StoreDomain, StoreDomain.store_id == Store.id)
            .where(StoreDomain.domain == host, StoreDomain.is_verified.is_(True))).first()
    if row is None:
        return None
    return HostMatch("store", row.platform_code, row.code, platform_domain=row.domain, primary_domain=row.primary)


def _primary_domain(store_id_column):
    """The store's primary (verified) custom domain, as a column of the surrounding select."""
    domain = aliased(StoreDomain)  # never correlated with a StoreDomain the outer select joins
    return (select(domain.domain)
            .where(domain.store_id == store_id_column, domain.is_primary.is_(True), domain.is_verified.is_(True))
            .limit(1).scalar_subquery().label("primary"))


def _platform_info(condition) -> PlatformInfo | None:
    platform = db.session.scalars(select(Platform).where(condition)).first()
    if platform is None:
        return None
    stored = {code: enabled for code, enabled in db.session.execute(
        select(PlatformModule.module_code, PlatformModule.enabled).where(PlatformModule.platform_id == platform.id))}
    enabled = current_app.extensions["orion.modules"].effective_enabled(stored)
    return PlatformInfo(id=platform.id, code=platform.code, name=platform.name, domain=platform.domain,
                        default_language=platform.default_language, languages=tuple(platform.languages or ()),
                        enabled_modules=enabled, theme=dict(platform.theme or {}))


def _store_info(condition) -> StoreInfo | None:
    row = db.session.execute(select(Store, Platform.code, _primary_domain(Store.id))
                             .join(Platform, Store.platform_id == Platform.id).where(condition)).first()
    if row is None:
        return None
    store, platform_code, primary = row
    return StoreInfo(id=store.id, code=store.code, name=store.name, platform_id=store.platform_id,
                     platform_code=platform_code, merchant_id=store.merchant_id, subdomain=store.subdomain,
                     status=store.status, default_language=store.default_language,
                     languages=tuple(store.languages or ()), currency=store.currency, theme=dict(store.theme or {}),
                     country=store.country or "LU", timezone=store.timezone or "Europe/Luxembourg",
                     contact_email=store.contact_email or "", phone=store.phone or "",
                     address=", ".join(part for part in (store.street, f"{store.postal_code or ''} {store.city or ''}"
                                                         .strip()) if part), primary_domain=primary)


def invalidate_after_commit() -> None:
    """Services call this when they change what the directory serves."""
    db.session.info[INVALIDATE_KEY] = True


@event.listens_for(Session, "after_commit")
def _invalidate(session) -> None:
    if session.info.pop(INVALIDATE_KEY, False):
        current_app.extensions["orion.ports"]["tenant_directory"].invalidate()


@event.listens_for(Session, "after_rollback")
def _forget(session) -> None:
    session.info.pop(INVALIDATE_KEY, None)
