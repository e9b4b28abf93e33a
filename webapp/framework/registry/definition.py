"""What a module declares about itself in its `definition.py`.

Definitions are plain data: they import nothing of their module. Callables (context providers,
slot renderers, event handlers, health checks) are named as `"submodule:attribute"` references,
relative to the module package, and resolved only when the application is assembled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FRONTENDS = ("admin", "store", "storefront", "platform", "api")
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
REF_PATTERN = re.compile(r"^[a-z_][a-z0-9_.]*:[A-Za-z_][A-Za-z0-9_]*$")


class DefinitionError(ValueError):
    """A module definition is incomplete or inconsistent; raised at start-up."""


@dataclass(frozen=True)
class Permission:
    """A permission id a view can require; `roles` are the built-in roles that get it."""

    id: str
    label: str
    description: str = ""
    category: str = ""
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class MenuItem:
    """An entry in a frontend's navigation, shown only when permission and feature allow."""

    label: str
    endpoint: str
    icon: str = "puzzle"
    permission: str | None = None
    feature: str | None = None
    order: int = 100


@dataclass(frozen=True)
class EventSubscription:
    """Run `handler` for each published event named `event`; `as_job` runs it in a worker."""

    event: str
    handler: str
    as_job: bool = False


@dataclass(frozen=True)
class ModuleDefinition:
    code: str
    name: str
    description: str
    version: str = "1.0.0"
    is_core: bool = False
    is_internal: bool = False
    requires: tuple[str, ...] = ()
    default_enabled: bool = True
    features: tuple[str, ...] = ()
    permissions: tuple[Permission, ...] = ()
    menu_items: dict[str, tuple[MenuItem, ...]] = field(default_factory=dict)
    context_providers: dict[str, str] = field(default_factory=dict)
    metrics_provider: str | None = None
    widget_provider: str | None = None
    event_handlers: tuple[EventSubscription, ...] = ()
    slots: dict[str, str] = field(default_factory=dict)
    health_check: str | None = None
    # Creates this module's part of the demo data (`flask seed demo`); returns summary lines.
    demo_data: str | None = None
    # Modules whose demo data must exist before this one's (an ordering hint, not a dependency).
    demo_after: tuple[str, ...] = ()
    config: dict[str, object] = field(default_factory=dict)
    # Framework ports this module implements (e.g. the tenant directory); core modules only.
    provides: dict[str, str] = field(default_factory=dict)
    # Contracts this module implements for others that may not import it (e.g. the cart asks
    # for "catalog.variant_snapshots" without requiring the catalog): name -> reference.
    implements: dict[str, str] = field(default_factory=dict)
    # Path segment under /admin and /store/<store_code>; "" mounts at the frontend root.
    route_prefix: str | None = None
    # The dashboards' search box: frontend ("admin", "store") -> "search:<provider>" (webapp.framework.search).
    search_providers: dict[str, str] = field(default_factory=dict)

    @property
    def tier(self) -> str:
        if self.is_internal:
            return "internal"
        return "core" if self.is_core else "optional"

    @property
    def url_segment(self) -> str:
        return self.code if self.route_prefix is None else self.route_prefix

    def validate(self) -> None:
        """Check the definition on its own; cross-module checks happen in discovery."""
        problems = []
        if not CODE_PATTERN.match(self.code or ""):
            problems.append(f"code {self.code!r} must be lowercase letters, digits or _")
        if not self.name:
            problems.append("name is required")
        if not self.description:
            problems.append("description is required")
        if self.is_core and self.is_internal:
            problems.append("a module cannot be both core and internal")
        if self.code in self.requires:
            problems.append("a module cannot require itself")
        problems += self._check_permissions()
        problems += self._check_refs()
        for frontend in list(self.menu_items) + list(self.context_providers) + list(self.search_providers):
            if frontend not in FRONTENDS:
                problems.append(f"unknown frontend {frontend!r} (one of {', '.join(FRONTENDS)})")
        if self.provides and not self.is_core:
            problems.append("only core modules may provide framework ports")
        if problems:
            raise DefinitionError(f"module {self.code!r}: " + "; ".join(problems))

    def _check_permissions(self) -> list[str]:
        problems = []
        seen = set()
        for permission in self.permissions:
            if not permission.id.startswith(f"{self.code}."):
                problems.append(f"permission {permission.id!r} must start with '{self.code}.'")
            if permission.id in seen:
                problems.append(f"permission {permission.id!r} is declared twice")
            seen.add(permission.id)
        return problems

    def _check_refs(self) -> list[str]:
        refs = [*self.context_providers.values(), *self.slots.values(), *self.provides.values(),
                *self.implements.values(), *self.search_providers.values()]
        refs += [sub.handler for sub in self.event_handlers]
        refs += [r for r in (self.metrics_provider, self.widget_provider, self.health_check, self.demo_data)
                 if r]
        return [f"reference {ref!r} must look like 'submodule:attribute'" for ref in refs
                if not REF_PATTERN.match(ref)]
