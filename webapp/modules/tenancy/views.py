"""View models for tenancy pages and the context tenancy gives other modules' pages: what templates
show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for

from webapp.modules.tenancy.services import open_stores


@dataclass(frozen=True)
class ModuleRow:
    code: str
    name: str
    description: str
    tier: str
    requires: tuple[str, ...]
    enabled: bool
    locked: bool
    has_pages: bool


def module_rows(enabled: frozenset[str]) -> list[ModuleRow]:
    registry = current_app.extensions["orion.modules"]
    tiers = {"core": 0, "optional": 1, "internal": 2}
    # A module defined but not built yet must not look finished: the page says it has no pages.
    with_pages = {code for code, _frontend in registry.blueprints().values()}
    rows = [ModuleRow(d.code, d.name, d.description, d.tier, d.requires, d.code in enabled,
                      d.is_core or d.is_internal, d.code in with_pages) for d in registry]
    return sorted(rows, key=lambda row: (tiers[row.tier], row.name))


@dataclass(frozen=True)
class StoreCard:
    name: str
    url: str
    host: str


def platform_home(platform, **_kwargs) -> dict:
    """Open stores of the platform for its home page."""
    stores = open_stores(platform.id)
    cards = [StoreCard(s.name, url_for("core_storefront.home_show", store_code=s.code, platform_code=platform.code),
                       f"{s.subdomain}.{platform.domain}" if platform.domain and s.subdomain else s.code)
             for s in stores]
    return {"stores": cards}
