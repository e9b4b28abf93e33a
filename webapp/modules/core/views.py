"""What core's templates get: audit log rows with their before → after changes, filter choices."""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.services import store_codes, store_names


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
