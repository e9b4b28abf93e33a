"""The core modules orders works with (payments, customers, messaging), asked for when needed.

They are core, so importing their public services is allowed; the lookups are lazy and
tolerant because a function may not exist yet in a given installation: then orders does
without it (no payment info, no customer figures, no email) instead of failing.
"""

from __future__ import annotations

import logging
from types import ModuleType

log = logging.getLogger(__name__)


def payments() -> ModuleType | None:
    try:
        from webapp.modules.payments import services
    except ImportError:
        return None
    return services


def customers() -> ModuleType | None:
    try:
        from webapp.modules.customers import services
    except ImportError:
        return None
    return services


def messaging() -> ModuleType | None:
    try:
        from webapp.modules.messaging import services
    except ImportError:
        return None
    return services


def function(api: ModuleType | None, name: str):
    """`api.name` if that module and function exist, else None."""
    return getattr(api, name, None) if api is not None else None
