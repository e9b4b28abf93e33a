"""How much of each limit a store uses now, for the limit check and the usage page.

Counts of things billing does not own come from the modules that own them: core modules are asked
directly (tenancy: team seats, stores, languages); optional ones through contracts they implement
(`usage.products`, `usage.orders_per_month`, `usage.storage_mb`: `(store_id) -> int`). A module that
is not enabled counts 0.
"""

from __future__ import annotations

from collections.abc import Callable

from webapp.framework.providers import implementation
from webapp.modules.billing.models import LIMITS
from webapp.modules.tenancy import services as tenancy

CONTRACTS = {"products": "usage.products", "orders_per_month": "usage.orders_per_month",
             "storage_mb": "usage.storage_mb"}


def _core_counter(limit: str) -> Callable[[int], int] | None:
    return {"staff_seats": tenancy.seats_in_use, "stores": tenancy.stores_of_same_merchant,
            "languages": tenancy.store_language_count}.get(limit)


def usage(store_id: int, limit: str) -> int:
    """What the store uses of `limit` now."""
    counter = _core_counter(limit) or implementation(CONTRACTS.get(limit, ""))
    return int(counter(store_id)) if counter else 0


def usage_report(store_id: int) -> dict[str, int]:
    return {limit: usage(store_id, limit) for limit in LIMITS}
