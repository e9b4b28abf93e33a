"""Plan limits a store meets when it creates things (team seats, products, stores, …).

Creating routes ask `check_limit(store_id, "staff_seats", adding=1)` before they save. The answer
comes from whichever module provides the `usage_limits` port (billing, once it enforces plans);
without one, everything is allowed, so the platform works with no billing at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from flask import current_app


@dataclass(frozen=True)
class LimitVerdict:
    allowed: bool
    message: str = ""  # why not, in the user's language, when refused
    upgrade_url: str | None = None  # where the merchant can raise the limit


class UsageLimits(Protocol):
    def __call__(self, store_id: int, limit: str, *, adding: int) -> LimitVerdict: ...


ALLOWED = LimitVerdict(True)


def check_limit(store_id: int, limit: str, *, adding: int = 1) -> LimitVerdict:
    """Whether the store may add `adding` more of `limit` (e.g. "staff_seats")."""
    provider = current_app.extensions.get("orion.ports", {}).get("usage_limits")
    if provider is None:
        return ALLOWED
    return provider(store_id, limit, adding=adding)
