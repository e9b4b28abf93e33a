"""The dashboards' search box: modules contribute results through `search_providers`.

A provider is `(term, *, limit, **scope) -> iterable of SearchResult`; the admin box passes
`platform_ids` (None for every platform), the store box `store_id`. Providers run only for modules
enabled here (in the admin: each module searches only the platforms that enable it), and a result
is shown only when its page opens for the current user (its endpoint's declared access, like menus
and dashboard cards), so nobody is offered a link to a 403. One that fails is logged and skipped:
the others still answer.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask import current_app, url_for

from webapp.framework.navigation import enabled_definitions, link_allowed
from webapp.framework.ports import tenant_directory

log = logging.getLogger(__name__)

PER_KIND = 5


@dataclass(frozen=True)
class SearchResult:
    kind: str  # translated plural noun, the group heading: "Products", "Orders"
    label: str
    sublabel: str = ""
    endpoint: str = ""
    args: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class ShownResult:
    label: str
    sublabel: str
    url: str


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    results: tuple[ShownResult, ...]


def search(frontend: str, term: str, **scope) -> list[SearchGroup]:
    """Results for `term` from every enabled module, grouped by kind, at most PER_KIND each."""
    registry = current_app.extensions["orion.modules"]
    groups: dict[str, list[ShownResult]] = {}
    platforms = tenant_directory().all_platforms() if "platform_ids" in scope else []
    for definition in enabled_definitions():
        ref = definition.search_providers.get(frontend)
        module_scope = _narrowed(definition.code, scope, platforms)
        if not ref or module_scope is None:
            continue
        try:
            found = list(registry.resolve(definition.code, ref)(term, limit=PER_KIND, **module_scope) or ())
        except Exception:
            log.exception("search provider of module %s failed", definition.code)
            continue
        for result in found:
            if not link_allowed(result.endpoint):
                continue
            shown = groups.setdefault(str(result.kind), [])
            if len(shown) < PER_KIND:
                shown.append(ShownResult(result.label, result.sublabel, url_for(result.endpoint, **result.args)))
    return [SearchGroup(kind, tuple(results)) for kind, results in groups.items() if results]


def _narrowed(module: str, scope: dict, platforms: list) -> dict | None:
    """`scope` with `platform_ids` cut to the `platforms` enabling `module`; None when none does."""
    if "platform_ids" not in scope or module in current_app.extensions["orion.modules"].always_enabled():
        return scope
    wanted = scope["platform_ids"]
    enabling = tuple(p.id for p in platforms if module in p.enabled_modules and (wanted is None or p.id in wanted))
    return {**scope, "platform_ids": enabling} if enabling else None
