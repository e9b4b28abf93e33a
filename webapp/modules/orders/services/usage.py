"""What orders counts against a store's plan (contract `usage.orders_per_month`)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from webapp.modules.orders.services.queries import orders_since
from webapp.modules.tenancy.services import store_timezone


def month_start(store_id: int, *, now: datetime | None = None) -> datetime:
    """Midnight on the first of the current month in the store's time zone, as a UTC instant."""
    try:
        zone = ZoneInfo(store_timezone(store_id))
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = (now or datetime.now(UTC)).astimezone(zone)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def orders_this_month(store_id: int, *, now: datetime | None = None) -> int:
    """Orders placed since the store's month began (every order placed: cancelling does not give one back)."""
    return orders_since(store_id, month_start(store_id, now=now))
