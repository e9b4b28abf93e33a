"""Navigation built from module menus, filtered by enabled modules, permission and feature."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import current_app, g, request, url_for

from webapp.framework.auth.access import feature_of, has_permission, may_call
from webapp.framework.features import feature_enabled


@dataclass(frozen=True)
class NavEntry:
    label: str
    url: str
    icon: str
    active: bool


def enabled_here(code: str) -> bool:
    """Whether a module is enabled on the platform of this request (admin: everywhere)."""
    platform = g.get("platform")
    return platform is None or code in platform.enabled_modules


def enabled_definitions() -> tuple:
    """Definitions of the modules enabled on this request's platform (admin: all), in load order."""
    platform = g.get("platform")
    return _enabled_in(current_app.extensions["orion.modules"], platform.enabled_modules if platform else None)


@lru_cache(maxsize=256)
def _enabled_in(registry, enabled: frozenset[str] | None) -> tuple:
    # Asked by every menu and slot of every page; platforms share a handful of module sets.
    return tuple(d for d in registry if enabled is None or d.code in enabled)


def link_allowed(endpoint: str) -> bool:
    """Whether a link to `endpoint` would open for this user: its module is enabled here and its
    view's declared access and feature gate let them in. Menus, dashboard widgets and search results
    show only such links."""
    view = current_app.view_functions.get(endpoint)
    if view is None:
        return False
    module = current_app.extensions["orion.modules"].module_of(endpoint.rpartition(".")[0])
    feature = feature_of(view)
    return ((module is None or enabled_here(module)) and may_call(view)
            and (feature is None or feature_enabled(feature)))


def build_menu(frontend: str) -> list[NavEntry]:
    items = []
    for definition in enabled_definitions():
        for item in definition.menu_items.get(frontend, ()):
            if item.permission and not has_permission(item.permission):
                continue
            if not link_allowed(item.endpoint):
                continue
            if item.feature and not feature_enabled(item.feature):
                continue
            items.append(item)
    items.sort(key=lambda item: (item.order, str(item.label)))
    return [_entry(item) for item in items]


def _noun(endpoint: str) -> tuple[str, str]:
    blueprint, _, view = endpoint.rpartition(".")
    return blueprint, view.split("_")[0]


def _entry(item) -> NavEntry:
    # Endpoints are `<noun>_<verb>`: "store_list" stays highlighted on "store_show".
    active = request.endpoint is not None and _noun(request.endpoint) == _noun(item.endpoint)
    return NavEntry(label=str(item.label), url=url_for(item.endpoint), icon=item.icon, active=active)


def init_app(app) -> None:
    app.jinja_env.globals["build_menu"] = build_menu
