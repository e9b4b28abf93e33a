"""Per-platform module enablement with its cascade (requirements on, dependents off)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import ModuleLocked, TenancyError, UnknownModule
from webapp.modules.tenancy.models import PlatformModule
from webapp.modules.tenancy.services.directory import invalidate_after_commit


@dataclass(frozen=True)
class ModulePlan:
    """What switching one module would change: the module first, then the cascade."""

    platform_id: int
    module: str
    enable: bool
    changes: tuple[str, ...]

    @property
    def cascade(self) -> tuple[str, ...]:
        return tuple(code for code in self.changes if code != self.module)


def _registry():
    return current_app.extensions["orion.modules"]


def enabled_modules(platform_id: int) -> frozenset[str]:
    stored = {code: enabled for code, enabled in db.session.execute(
        select(PlatformModule.module_code, PlatformModule.enabled).where(PlatformModule.platform_id == platform_id))}
    return _registry().effective_enabled(stored)


def plan_module_change(platform_id: int, code: str, enable: bool) -> ModulePlan:
    registry = _registry()
    if code not in registry:
        raise UnknownModule(code)
    enabled = enabled_modules(platform_id)
    if enable:
        changes = registry.enable_plan(code, enabled)
    else:
        if code in registry.always_enabled():
            raise ModuleLocked(code)
        changes = registry.disable_plan(code, enabled)
    return ModulePlan(platform_id, code, enable, tuple(changes))


def apply_module_plan(platform_id: int, plan: ModulePlan) -> frozenset[str]:
    """Store the plan's choices; returns the platform's enabled modules afterwards."""
    if plan.platform_id != platform_id:
        raise TenancyError(f"the plan is for platform {plan.platform_id}")
    existing = {row.module_code: row for row in db.session.scalars(
        select(PlatformModule).where(PlatformModule.platform_id == platform_id))}
    for code in plan.changes:
        row = existing.get(code)
        if row is None:
            db.session.add(PlatformModule(platform_id=platform_id, module_code=code, enabled=plan.enable))
        else:
            row.enabled = plan.enable
    db.session.flush()
    invalidate_after_commit()
    return enabled_modules(platform_id)
