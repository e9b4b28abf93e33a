"""Recording sensitive actions: one helper for every module (the core module keeps the log).

`audit()` is called from routes (and event handlers) in the same transaction as the change it
describes, so an action and its entry are committed, or rolled back, together. It fills in what
the request knows — actor, platform, store, IP address, request id — unless given explicitly,
which jobs and CLI commands do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from flask import g, has_request_context, request

from webapp.framework.ports import get_port


@dataclass(frozen=True)
class AuditRecord:
    action: str  # "<module>.<thing>.<verb>", e.g. "tenancy.store.suspended"
    actor_id: int | None = None
    platform_id: int | None = None
    store_id: int | None = None
    target_type: str = ""
    target_id: str = ""
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    ip: str = ""
    request_id: str = ""
    details: dict[str, Any] = field(default_factory=dict)


def _plain(value: dict | None) -> dict | None:
    """JSON-safe copy (dates, decimals and enums as text), so the log never refuses an entry."""
    return None if value is None else json.loads(json.dumps(value, default=str))


def _request_facts() -> dict[str, Any]:
    if not has_request_context():
        return {}
    from flask_login import current_user  # imported late: audit() is usable outside requests

    store, platform = g.get("store"), g.get("platform")
    user = current_user if current_user and current_user.is_authenticated and hasattr(current_user, "email") else None
    return {
        "actor_id": getattr(user, "id", None),
        "store_id": getattr(store, "id", None),
        "platform_id": getattr(platform, "id", None) or getattr(store, "platform_id", None),
        "ip": request.remote_addr or "",
        "request_id": g.get("request_id", ""),
    }


_UNSET: Any = object()


def audit(action: str, *, target_type: str = "", target_id: object = "", before: dict | None = None,
          after: dict | None = None, actor_id: int | None = _UNSET, store_id: int | None = _UNSET,
          platform_id: int | None = _UNSET, details: dict | None = None) -> None:
    """Add an audit entry to the current transaction (committed with the change it records)."""
    facts = _request_facts()
    for name, value in (("actor_id", actor_id), ("store_id", store_id), ("platform_id", platform_id)):
        if value is not _UNSET:
            facts[name] = value
    record = AuditRecord(action=action, target_type=target_type, target_id="" if target_id is None else str(target_id),
                         before=_plain(before), after=_plain(after), details=_plain(details or {}) or {}, **facts)
    get_port("audit_log")(record)


def changes(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, as (before, after): what an entry should show."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}
