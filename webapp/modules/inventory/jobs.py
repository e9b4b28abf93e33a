"""RQ entry points of the inventory module (ids in; the runner commits)."""

from __future__ import annotations

from webapp.framework.scoping import store_scope
from webapp.modules.inventory import services


def purge_expired_reservations(store_id: int | None = None) -> int:
    """Delete expired checkout reservations (of one store, or of all); safe to re-run."""
    if store_id is None:
        return services.purge_expired_reservations()
    with store_scope(store_id):
        return services.purge_expired_reservations(store_id)
