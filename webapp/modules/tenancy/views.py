"""View models for tenancy pages: what templates show, computed here rather than in Jinja."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app


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
