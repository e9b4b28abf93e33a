"""What a module declares about itself in its `definition.py`.

Definitions are plain data: they import nothing of their module. Callables (context providers,
slot renderers, event handlers, health checks) are named as `"submodule:attribute"` references,
relative to the module package, and resolved only when the application is assembled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta

from croniter import croniter

FRONTENDS = ("admin", "store", "storefront", "platform", "api")
# Context providers fill a frontend's pages, or one named page that asks for its own (the platform's pricing).
CONTEXT_PAGES = ("pricing",)
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
REF_PATTERN = re.compile(r"^[a-z_][a-z0-9_.]*:[A-Za-z_][A-Za-z0-9_]*$")
QUEUE_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,39}$")


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
class OnboardingStep:
    """A step of a new store's checklist: `check` (a `(store_id) -> bool` reference, a cheap query)
    says whether it is done; `endpoint` is the store-dashboard page where the merchant does it."""

    code: str
    label: str
    endpoint: str | None = None
    check: str = ""
    order: int = 100


@dataclass(frozen=True)
class PeriodicJob:
    """A job the scheduler starts on its own: every `interval` (seconds or a timedelta) or on a
    `cron` expression (server local time, like RQ's), never both. The job takes no arguments and
    finds the stores it acts on itself; it runs once per period however many schedulers run."""

    job: str  # "submodule:function", e.g. "jobs:purge_expired_reservations"
    interval: int | timedelta | None = None
    cron: str | None = None
    queue: str = "default"
    timeout: int = 600  # seconds a run may take before the worker stops it

    @property
    def seconds(self) -> int | None:
        if isinstance(self.interval, timedelta):
            return int(self.interval.total_seconds())
        return self.interval

    @property
    def schedule(self) -> str:
        if self.cron:
            return f"cron {self.cron}"
        seconds = self.seconds or 0
        for unit, size in (("h", 3600), ("min", 60)):
            if seconds % size == 0:
                return f"every {seconds // size} {unit}"
        return f"every {seconds} s"

    def problems(self) -> list[str]:
        found = []
        if not REF_PATTERN.match(self.job or ""):
            found.append(f"periodic job {self.job!r} must look like 'submodule:function'")
        if (self.interval is None) == (self.cron is None):
            found.append(f"periodic job {self.job!r} needs exactly one of interval or cron")
        elif self.interval is not None and (not isinstance(self.seconds, int) or isinstance(self.seconds, bool)
                                            or self.seconds < 1):
            found.append(f"periodic job {self.job!r}: interval must be at least one second")
        elif self.cron is not None and not (isinstance(self.cron, str) and croniter.is_valid(self.cron)):
            found.append(f"periodic job {self.job!r}: {self.cron!r} is not a cron expression")
        if not QUEUE_PATTERN.match(self.queue or ""):
            found.append(f"periodic job {self.job!r}: queue {self.queue!r} must be a short lowercase name")
        if not isinstance(self.timeout, int) or self.timeout < 1:
            found.append(f"periodic job {self.job!r}: timeout must be a positive number of seconds")
        return found


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
    # Steps this module adds to a new store's onboarding checklist on the store dashboard.
    onboarding_steps: tuple[OnboardingStep, ...] = ()
    # Jobs the scheduler runs on a timetable (`rq cron`, or `flask orion cron` without Redis).
    periodic_jobs: tuple[PeriodicJob, ...] = ()
    # The dashboards' search box: frontend ("admin", "store") -> "search:<provider>" (webapp.framework.search).
    search_providers: dict[str, str] = field(default_factory=dict)
    # A click command group the module adds to the `flask` CLI ("jobs:billing_cli" → `flask billing ...`).
    cli_group: str | None = None

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
        problems += self._check_periodic_jobs()
        for frontend in list(self.menu_items) + list(self.context_providers) + list(self.search_providers):
            if frontend not in FRONTENDS and not (frontend in CONTEXT_PAGES and frontend in self.context_providers):
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

    def _check_periodic_jobs(self) -> list[str]:
        problems = []
        seen = set()
        for periodic in self.periodic_jobs:
            if not isinstance(periodic, PeriodicJob):
                problems.append(f"periodic_jobs holds {periodic!r}, not a PeriodicJob")
                continue
            problems += periodic.problems()
            if periodic.job in seen:
                problems.append(f"periodic job {periodic.job!r} is declared twice")
            seen.add(periodic.job)
        return problems

    def _check_refs(self) -> list[str]:
        refs = [*self.context_providers.values(), *self.slots.values(), *self.provides.values(),
                *self.implements.values(), *self.search_providers.values()]
        refs += [sub.handler for sub in self.event_handlers]
        refs += [step.check for step in self.onboarding_steps]
        refs += [r for r in (self.metrics_provider, self.widget_provider, self.health_check, self.demo_data,
                             self.cli_group) if r]
        return [f"reference {ref!r} must look like 'submodule:attribute'" for ref in refs
                if not REF_PATTERN.match(ref)]
