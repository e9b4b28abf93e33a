"""The assembled set of modules: lookups, references, dependency cascades."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from webapp.framework.registry.definition import ModuleDefinition, Permission
from webapp.framework.registry.discovery import MODULES_PACKAGE


class ModuleRegistry:
    def __init__(self, definitions: Iterable[ModuleDefinition], package: str = MODULES_PACKAGE):
        self.package = package
        self.definitions: dict[str, ModuleDefinition] = {d.code: d for d in definitions}
        self._blueprints: dict[str, tuple[str, str]] = {}  # blueprint name -> (module, frontend)
        self._refs: dict[tuple[str, str], Any] = {}

    def __iter__(self):
        return iter(self.definitions.values())

    def __contains__(self, code: str) -> bool:
        return code in self.definitions

    def get(self, code: str) -> ModuleDefinition:
        return self.definitions[code]

    def add_blueprint(self, name: str, code: str, frontend: str) -> None:
        self._blueprints[name] = (code, frontend)

    def module_of(self, blueprint: str | None) -> str | None:
        entry = self._blueprints.get(blueprint or "")
        return entry[0] if entry else None

    def frontend_of(self, blueprint: str | None) -> str | None:
        entry = self._blueprints.get(blueprint or "")
        return entry[1] if entry else None

    def blueprints(self) -> dict[str, tuple[str, str]]:
        return dict(self._blueprints)

    def resolve(self, code: str, ref: str) -> Any:
        """Import a `"submodule:attribute"` reference of module `code` (cached)."""
        key = (code, ref)
        if key not in self._refs:
            submodule, attribute = ref.split(":")
            source = importlib.import_module(f"{self.package}.{code}.{submodule}")
            self._refs[key] = getattr(source, attribute)
        return self._refs[key]

    @cached_property
    def permissions(self) -> dict[str, Permission]:
        return {p.id: p for d in self for p in d.permissions}

    def always_enabled(self) -> frozenset[str]:
        return frozenset(d.code for d in self if d.is_core or d.is_internal)

    def requirements(self, code: str) -> set[str]:
        """Everything `code` needs, transitively."""
        found: set[str] = set()
        stack = list(self.get(code).requires)
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(self.get(current).requires)
        return found

    def dependents(self, code: str) -> set[str]:
        """Every module that needs `code`, transitively."""
        return {d.code for d in self if code in self.requirements(d.code)}

    def effective_enabled(self, stored: dict[str, bool]) -> frozenset[str]:
        """Enabled modules from stored choices; a module whose requirement is off is off."""
        chosen = {d.code for d in self if d.is_core or d.is_internal or stored.get(d.code, d.default_enabled)}
        return frozenset(code for code in chosen if self.requirements(code) <= chosen)

    def enable_plan(self, code: str, enabled: frozenset[str]) -> list[str]:
        """Modules that enabling `code` switches on: it and its missing requirements."""
        wanted = ({code} | self.requirements(code)) - enabled
        return [d.code for d in self if d.code in wanted]

    def disable_plan(self, code: str, enabled: frozenset[str]) -> list[str]:
        """Modules that disabling `code` switches off: it and its enabled dependents."""
        definition = self.get(code)
        if definition.is_core or definition.is_internal:
            raise ValueError(f"module {code!r} is {definition.tier} and cannot be disabled")
        doomed = ({code} | self.dependents(code)) & enabled
        return [d.code for d in reversed(list(self)) if d.code in doomed]
