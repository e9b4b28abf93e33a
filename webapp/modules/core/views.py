"""Page data of core's pages: what the platform site's features page lists; audit log rows with their
before → after changes, filter choices."""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.services import store_codes, store_names


@dataclass(frozen=True)
class Feature:
    code: str
    name: str
    description: str


@dataclass(frozen=True)
class FeatureGroup:
    title: str
    features: tuple[Feature, ...]


def _merchant_facing(registry) -> set[str]:
    # Modules a merchant or shopper actually meets: those with store-dashboard or storefront pages.
    return {code for code, frontend in registry.blueprints().values() if frontend in ("store", "storefront")}


def feature_groups(platform) -> list[FeatureGroup]:
    """The modules enabled on the platform, by name and description: what every shop gets, then the rest."""
    registry = current_app.extensions["orion.modules"]
    shown = _merchant_facing(registry)
    enabled = [d for d in registry if d.code in platform.enabled_modules and d.code in shown and not d.is_internal]
    included = tuple(Feature(d.code, d.name, d.description) for d in sorted(enabled, key=lambda d: d.name) if d.is_core)
    extra = tuple(Feature(d.code, d.name, d.description) for d in sorted(enabled, key=lambda d: d.name)
                  if not d.is_core)
    groups = [FeatureGroup(gettext("Included in every shop"), included),
              FeatureGroup(gettext("Also on %(platform)s", platform=platform.name), extra)]
    return [group for group in groups if group.features]


@dataclass(frozen=True)
class Change:
    key: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    store_name: str
    store_code: str
    changes: list[Change]
    details: list[tuple[str, str]]


def _text(value) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_changes(before: dict | None, after: dict | None) -> list[Change]:
    """Every key either side names, old and new value as text ("—" where absent)."""
    before, after = before or {}, after or {}
    keys = list(before) + [key for key in after if key not in before]
    return [Change(key, _text(before.get(key)), _text(after.get(key))) for key in keys]


def audit_rows(entries) -> list[AuditRow]:
    store_ids = {entry.store_id for entry in entries if entry.store_id}
    names, codes = store_names(store_ids), store_codes(store_ids)
    return [AuditRow(entry, names.get(entry.store_id, ""), codes.get(entry.store_id, ""),
                     entry_changes(entry.before, entry.after),
                     [(key, _text(value)) for key, value in (entry.details or {}).items()])
            for entry in entries]


def action_choices(actions: list[str]) -> list[SelectChoice]:
    """"All actions", then per module "all of <module>" (a prefix) followed by its actions."""
    choices = [SelectChoice("", _("All actions"))]
    seen_modules = []
    for action in actions:
        module = action.split(".", 1)[0]
        if module not in seen_modules:
            seen_modules.append(module)
            choices.append(SelectChoice(f"{module}.", _("All %(module)s actions", module=module)))
        choices.append(SelectChoice(action, f"\u2003{action}"))
    return choices
