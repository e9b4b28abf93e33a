"""Billing's one clock: trials, periods, retries and invoices all read the time here.

In development and tests it can be moved forward (`advance`, `flask billing advance-clock --days N`)
so a trial's end or a retry schedule is tried by travelling in time, not by waiting. The offset is a
row in the database, so the CLI, web processes and workers agree. In production it is real time.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app

from webapp.extensions import db
from webapp.modules.billing.exceptions import ClockLocked
from webapp.modules.billing.models import ClockOffset


def _movable() -> bool:
    return current_app.config["ORION_ENV"] != "production"


def now() -> datetime:
    real = datetime.now(UTC)
    if not _movable():
        return real
    offset = db.session.get(ClockOffset, 1)
    return real + timedelta(seconds=offset.offset_seconds) if offset else real


def advance(*, days: int = 0, seconds: int = 0) -> datetime:
    """Move the clock forward; refused in production. Returns the new time (the caller commits)."""
    if not _movable():
        raise ClockLocked("the billing clock is real time in production")
    if days < 0 or seconds < 0:
        raise ClockLocked("the billing clock only moves forward")
    offset = db.session.get(ClockOffset, 1) or ClockOffset(id=1, offset_seconds=0)
    offset.offset_seconds += days * 86400 + seconds
    db.session.add(offset)
    db.session.flush()
    return now()


def reset() -> None:
    """Back to real time (tests)."""
    offset = db.session.get(ClockOffset, 1)
    if offset is not None:
        offset.offset_seconds = 0
        db.session.flush()
