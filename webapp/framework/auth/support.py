"""The support view: platform staff open a store's dashboard read-only, for a limited time.

A staff user who is not on a store's team reaches its dashboard only this way (super admins too),
so every such visit starts with an audited POST (core's admin routes) and leaves a trace. The
session remembers which store, for whom and until when; the request guard lets GET and HEAD
requests of that store's dashboard through and refuses every state-changing request.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import g, session

SESSION_KEY = "orion_support_view"
DURATION_SECONDS = 60 * 60
READ_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class SupportVisit:
    store_id: int
    store_code: str
    store_name: str
    user_id: int
    expires_at: float

    @property
    def minutes_left(self) -> int:
        return max(0, int((self.expires_at - time.time()) // 60))


def start_support_view(user_id: int, store, *, duration: int = DURATION_SECONDS) -> SupportVisit:
    """Remember in the session that `user_id` views `store` read-only (replaces an earlier visit)."""
    visit = SupportVisit(store.id, store.code, store.name, user_id, time.time() + duration)
    session[SESSION_KEY] = {"store_id": visit.store_id, "store_code": visit.store_code,
                            "store_name": visit.store_name, "user_id": user_id, "expires_at": visit.expires_at}
    return visit


def end_support_view() -> SupportVisit | None:
    """Forget the visit; returns it (expired or not) so the caller can record its end."""
    data = session.pop(SESSION_KEY, None)
    return _visit(data)


def _visit(data) -> SupportVisit | None:
    try:
        return SupportVisit(int(data["store_id"]), str(data["store_code"]), str(data["store_name"]),
                            int(data["user_id"]), float(data["expires_at"]))
    except (KeyError, TypeError, ValueError):
        return None


def current_visit(user_id: int | None) -> SupportVisit | None:
    """The running, unexpired visit of this user, if any."""
    visit = _visit(session.get(SESSION_KEY))
    if visit is None or visit.user_id != user_id or visit.expires_at <= time.time():
        return None
    return visit


def in_support_view() -> bool:
    """Whether this request is a support visit of the current store (set by the request guard)."""
    return g.get("support_visit") is not None
