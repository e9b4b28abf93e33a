"""Demo data of the inventory module: a default location for each demo store. Idempotent.

Items and stock come from the catalog demo, through this module's services.
"""

from __future__ import annotations

from webapp.framework.ports import tenant_directory
from webapp.framework.scoping import store_scope
from webapp.modules.inventory.services import default_location

DEMO_STORES = ("acme", "bistro")


def seed() -> list[str]:
    lines = []
    for code in DEMO_STORES:
        store = tenant_directory().store(code)
        if store is None:
            continue
        with store_scope(store.id):
            location = default_location(store.id)
        lines.append(f"{code}: default location {location.name!r}")
    return lines
